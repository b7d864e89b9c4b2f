package dev.pywasm.compat.bisect;

import java.util.ArrayList;
import java.util.Collection;
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
 * What a binary search cannot see is a change and a change back between two samples that agree; the
 * exhaustive search checks every release for every claim and sees everything.
 *
 * <p>The claims are searched together: each round asks for the midpoints of every claim's open intervals,
 * and at each such release checks every claim still being searched (one runtime start serves them all, and
 * the extra samples can only reveal more flips).
 */
final class Search {

    /** Checks claims on one release; must answer a value for every claim asked. */
    @FunctionalInterface
    interface Oracle {
        Map<String, String> values(int release, Set<String> claims);
    }

    /** Hears which release the search checks next, for progress output. */
    @FunctionalInterface
    interface Listener {
        void checking(int round, int release, Set<String> claims);
    }

    /** A change between neighbouring releases {@code before} and {@code before + 1}. */
    record Flip(int before, int after) {
    }

    private final int releases;
    private final List<String> claims;
    private final Map<String, TreeMap<Integer, String>> known = new LinkedHashMap<>();

    Search(int releases, Collection<String> claims) {
        if (releases < 2) {
            throw new IllegalArgumentException("a search needs two releases or more, got " + releases);
        }
        this.releases = releases;
        this.claims = List.copyOf(new LinkedHashSet<>(claims));
        this.claims.forEach(c -> known.put(c, new TreeMap<>()));
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
        List<String> active = claims.stream().filter(c -> !Objects.equals(value(c, 0), value(c, last))).toList();
        for (int round = 1; ; round++) {
            Set<Integer> midpoints = new java.util.TreeSet<>();
            for (String c : active) {
                for (int[] gap : openGaps(c)) {
                    midpoints.add((gap[0] + gap[1]) >>> 1);
                }
            }
            if (midpoints.isEmpty()) {
                return;
            }
            for (int m : midpoints) {
                ask(oracle, listener, round, m, active.stream().filter(c -> !known.get(c).containsKey(m)).toList());
            }
        }
    }

    private void ask(Oracle oracle, Listener listener, int round, int release, List<String> which) {
        Set<String> wanted = new LinkedHashSet<>(which);
        wanted.removeIf(c -> known.get(c).containsKey(release));
        if (wanted.isEmpty()) {
            return;
        }
        listener.checking(round, release, wanted);
        Map<String, String> answer = oracle.values(release, wanted);
        for (String c : wanted) {
            String v = answer.get(c);
            if (v == null) {
                throw new IllegalStateException("no value for " + c + " on release #" + release);
            }
            known.get(c).put(release, v);
        }
    }

    /** Neighbouring samples of a claim that differ and have releases between them: what to search next. */
    private List<int[]> openGaps(String claim) {
        List<int[]> gaps = new ArrayList<>();
        Map.Entry<Integer, String> prev = null;
        for (Map.Entry<Integer, String> e : known.get(claim).entrySet()) {
            if (prev != null && !prev.getValue().equals(e.getValue()) && e.getKey() - prev.getKey() > 1) {
                gaps.add(new int[] {prev.getKey(), e.getKey()});
            }
            prev = e;
        }
        return gaps;
    }

    String value(String claim, int release) {
        return known.get(claim).get(release);
    }

    /** The releases a claim was checked on, oldest first, with its value on each. */
    TreeMap<Integer, String> samples(String claim) {
        return new TreeMap<>(known.get(claim));
    }

    /** Every change found for a claim, oldest first. */
    List<Flip> flips(String claim) {
        List<Flip> flips = new ArrayList<>();
        Map.Entry<Integer, String> prev = null;
        for (Map.Entry<Integer, String> e : known.get(claim).entrySet()) {
            if (prev != null && e.getKey() == prev.getKey() + 1 && !prev.getValue().equals(e.getValue())) {
                flips.add(new Flip(prev.getKey(), e.getKey()));
            }
            prev = e;
        }
        return flips;
    }

    /** Releases a claim was not checked on. */
    int unsampled(String claim) {
        return releases - known.get(claim).size();
    }

    /** The claims that differ between the ends or changed anywhere seen. */
    List<String> changed() {
        return claims.stream().filter(c -> !flips(c).isEmpty()
                || !Objects.equals(value(c, 0), value(c, releases - 1))).toList();
    }
}
