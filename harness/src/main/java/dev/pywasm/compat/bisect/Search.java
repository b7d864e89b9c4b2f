package dev.pywasm.compat.bisect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The search over releases {@code 0 .. n-1} (oldest first) for the releases where each claim's value (its
 * verdict, or its observation) changes. Both ends are checked for every claim; a claim whose ends differ is
 * then checked halfway between any two of its samples that differ, until they are neighbours, and each pair
 * of neighbouring samples that differ is a change found (a <em>flip</em>). Every flip found is real; a
 * claim with several has a non-monotone history, and all of them are reported, never just one boundary.
 *
 * <p>What a binary search cannot see is a change and a change back between two samples that agree: with
 * two values and one claim it finds exactly one flip, whatever happens between. The claims are therefore
 * searched together: each round asks for the midpoints of every claim's open intervals, and at each such
 * release checks every claim still being searched (one runtime start serves them all, and the extra samples
 * can reveal flips back). The exhaustive search checks every release for every claim and sees everything.
 *
 * <p>A release may give no stable value for a claim (its attempts disagreed: FLAKY). Such a release is
 * left out of the comparisons: the search checks the release nearest the midpoint that has not been asked
 * instead, and a flip whose two sides have only unsettled releases between them is reported with them. A
 * claim without a stable value at an end cannot be searched ({@link #unsettled()}).
 */
final class Search {

    /** Checks claims on one release; a claim it has no stable value for is absent from the answer (or null). */
    @FunctionalInterface
    interface Oracle {
        Map<String, String> values(int release, Set<String> claims);
    }

    /** Hears which release the search checks next, for progress output. */
    @FunctionalInterface
    interface Listener {
        void checking(int round, int release, Set<String> claims);

        /** Both ends are checked: these claims differ between them and are searched. */
        default void endsDiffer(List<String> claims) {
        }
    }

    /**
     * A change: the claim's value on {@code before} differs from its value on {@code after}; every release
     * between them, if any, was asked and gave no stable value.
     */
    record Flip(int before, int after) {
    }

    private final int releases;
    private final List<String> claims;
    private final Map<String, TreeMap<Integer, String>> known = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> unstable = new LinkedHashMap<>();

    Search(int releases, Collection<String> claims) {
        if (releases < 2) {
            throw new IllegalArgumentException("a search needs two releases or more, got " + releases);
        }
        this.releases = releases;
        this.claims = List.copyOf(new LinkedHashSet<>(claims));
        this.claims.forEach(c -> {
            known.put(c, new TreeMap<>());
            unstable.put(c, new HashSet<>());
        });
    }

    /** Runs the search to its end. */
    void run(Oracle oracle, boolean exhaustive, Listener listener) {
        int last = releases - 1;
        ask(oracle, listener, 0, 0, claims);
        ask(oracle, listener, 0, last, claims);
        if (exhaustive) {
            for (int i = 1; i < last; i++) {
                ask(oracle, listener, i, i, claims);
            }
            return;
        }
        List<String> active = claims.stream().filter(c -> value(c, 0) != null && value(c, last) != null
                && !value(c, 0).equals(value(c, last))).toList();
        listener.endsDiffer(active);
        for (int round = 1; ; round++) {
            Set<Integer> next = new java.util.TreeSet<>();
            for (String c : active) {
                for (int[] gap : differing(c)) {
                    int m = nearestUnasked(c, gap[0], gap[1]);
                    if (m >= 0) {
                        next.add(m);
                    }
                }
            }
            if (next.isEmpty()) {
                return;
            }
            for (int m : next) {
                ask(oracle, listener, round, m, active);
            }
        }
    }

    private void ask(Oracle oracle, Listener listener, int round, int release, List<String> which) {
        Set<String> wanted = new LinkedHashSet<>(which);
        wanted.removeIf(c -> asked(c, release));
        if (wanted.isEmpty()) {
            return;
        }
        listener.checking(round, release, wanted);
        Map<String, String> answer = oracle.values(release, wanted);
        for (String c : wanted) {
            String v = answer.get(c);
            if (v == null) {
                unstable.get(c).add(release);
            } else {
                known.get(c).put(release, v);
            }
        }
    }

    private boolean asked(String claim, int release) {
        return known.get(claim).containsKey(release) || unstable.get(claim).contains(release);
    }

    /** Neighbouring stable samples of a claim that differ. */
    private List<int[]> differing(String claim) {
        List<int[]> gaps = new ArrayList<>();
        Map.Entry<Integer, String> prev = null;
        for (Map.Entry<Integer, String> e : known.get(claim).entrySet()) {
            if (prev != null && !prev.getValue().equals(e.getValue())) {
                gaps.add(new int[] {prev.getKey(), e.getKey()});
            }
            prev = e;
        }
        return gaps;
    }

    /** The release strictly between {@code p} and {@code q} nearest their middle that the claim was not asked on, or -1. */
    private int nearestUnasked(String claim, int p, int q) {
        int mid = (p + q) >>> 1;
        for (int d = 0; d <= q - p; d++) {
            for (int m : new int[] {mid - d, mid + d + 1}) {
                if (m > p && m < q && !asked(claim, m)) {
                    return m;
                }
            }
        }
        return -1;
    }

    /** The claim's stable value on a release, or null (not asked, or no stable value). */
    String value(String claim, int release) {
        return known.get(claim).get(release);
    }

    /** The releases a claim was checked on and gave a stable value on, oldest first, with the value. */
    TreeMap<Integer, String> samples(String claim) {
        return new TreeMap<>(known.get(claim));
    }

    /** The releases a claim was checked on that gave no stable value. */
    Set<Integer> unstable(String claim) {
        return new java.util.TreeSet<>(unstable.get(claim));
    }

    /** Every change found for a claim, oldest first. */
    List<Flip> flips(String claim) {
        List<Flip> flips = new ArrayList<>();
        for (int[] gap : differing(claim)) {
            if (nearestUnasked(claim, gap[0], gap[1]) < 0) {
                flips.add(new Flip(gap[0], gap[1]));
            }
        }
        return flips;
    }

    /** Releases a claim was not checked on. */
    int unsampled(String claim) {
        return releases - known.get(claim).size() - unstable.get(claim).size();
    }

    /** The claims whose stable ends differ, or that changed anywhere seen. */
    List<String> changed() {
        return claims.stream().filter(c -> !flips(c).isEmpty() || (value(c, 0) != null && value(c, releases - 1) != null
                && !Objects.equals(value(c, 0), value(c, releases - 1)))).toList();
    }

    /** The claims with no stable value at an end: they could not be compared. */
    List<String> unsettled() {
        return claims.stream().filter(c -> value(c, 0) == null || value(c, releases - 1) == null).toList();
    }
}
