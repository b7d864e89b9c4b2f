package dev.pywasm.compat.report.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ResultSet;
import dev.pywasm.compat.report.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed between two sides: two result files (yesterday's nightly and today's), or two runtimes
 * of one matrix run (the oldest and the newest Emscripten). Cells are matched by claim and host; by
 * claim, host and runtime when a side has several runtimes. The record is also the JSON form the
 * dashboard embeds.
 *
 * @param from     the old side
 * @param to       the new side
 * @param host     the host the comparison was limited to, or null for all
 * @param compared how many cells both sides have
 * @param changed  cells whose verdict differs, by claim id and host
 * @param onlyFrom cells only the old side has (claims removed, hosts no longer run)
 * @param onlyTo   cells only the new side has
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionDiff(Side from, Side to, String host, int compared, List<Change> changed,
                          List<Cell> onlyFrom, List<Cell> onlyTo) {

    /** JSON schema name of {@code diff --json}. */
    public static final String SCHEMA = "pywasm-compat/diff/v1";

    /**
     * One side of the comparison.
     *
     * @param label    the file or runtime it is, for headings
     * @param source   the results file it was read from, if any
     * @param runtimes the runtimes of this side, oldest Emscripten first
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(String label, String source, List<RuntimeIdentity> runtimes) {
        public Side {
            runtimes = List.copyOf(runtimes);
        }
    }

    /** A cell whose verdict changed, with both observations. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String claimId, String section, String quote, String host, String fromRuntime,
                         String toRuntime, Verdict from, Verdict to, String fromObservation, String toObservation,
                         String fromReason, String toReason) {
    }

    /** A cell one side has and the other has not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String claimId, String section, String host, String runtime, Verdict verdict, String observation) {
        static Cell of(Result r) {
            return new Cell(r.claimId(), r.section(), r.host(), r.runtime(), r.verdict(), Text.observation(r));
        }
    }

    public VersionDiff {
        changed = List.copyOf(changed);
        onlyFrom = List.copyOf(onlyFrom);
        onlyTo = List.copyOf(onlyTo);
    }

    public String getSchema() {
        return SCHEMA;
    }

    /** True when a verdict changed or a cell is on one side only: the {@code diff} command exits 1. */
    @JsonIgnore
    public boolean hasChanges() {
        return !changed.isEmpty() || !onlyFrom.isEmpty() || !onlyTo.isEmpty();
    }

    /** True when cells are matched runtime by runtime (a side has several runtimes). */
    @JsonIgnore
    public boolean byRuntime() {
        return from.runtimes().size() > 1 || to.runtimes().size() > 1;
    }

    /**
     * Two runtimes of one result set, e.g. a matrix run's oldest and newest Emscripten.
     *
     * @param host null for every host
     */
    public static VersionDiff ofRuntimes(ResultSet set, String fromRuntime, String toRuntime, String host) {
        String where = set.sources().size() == 1 ? set.sources().get(0).label() : "the result set";
        RuntimeIdentity from = requireRuntime(set, fromRuntime, "--from", where);
        RuntimeIdentity to = requireRuntime(set, toRuntime, "--to", where);
        requireHost(set, host, where);
        String source = set.sources().size() == 1 ? set.sources().get(0).label() : null;
        return compare(new Side(from.id(), source, List.of(from)), pick(set, from.id(), host),
                new Side(to.id(), source, List.of(to)), pick(set, to.id(), host), host);
    }

    /**
     * Two result files: each side's runtime can be picked ({@code null}: all of that side's runtimes).
     */
    public static VersionDiff ofFiles(ResultSet.Source old, ResultSet.Source now, String fromRuntime, String toRuntime,
                                      String host) {
        ResultSet oldSet = ResultSet.of(List.of(old));
        ResultSet newSet = ResultSet.of(List.of(now));
        List<RuntimeIdentity> fromRts = fromRuntime == null ? oldSet.runtimes()
                : List.of(requireRuntime(oldSet, fromRuntime, "--from", old.label()));
        List<RuntimeIdentity> toRts = toRuntime == null ? newSet.runtimes()
                : List.of(requireRuntime(newSet, toRuntime, "--to", now.label()));
        if (host != null && !hosts(oldSet).contains(host) && !hosts(newSet).contains(host)) {
            requireHost(oldSet, host, old.label() + " or " + now.label());
        }
        return compare(new Side(old.label(), old.label(), fromRts), pick(oldSet, fromRuntime, host),
                new Side(now.label(), now.label(), toRts), pick(newSet, toRuntime, host), host);
    }

    /** The newest Emscripten against the oldest of a set, or null when it has fewer than two runtimes. */
    public static VersionDiff oldestToNewest(ResultSet set) {
        List<RuntimeIdentity> rts = set.runtimes();
        if (rts.size() < 2) {
            return null;
        }
        return ofRuntimes(set, rts.get(0).id(), rts.get(rts.size() - 1).id(), null);
    }

    static VersionDiff compare(Side from, List<Result> old, Side to, List<Result> now, String host) {
        boolean withRuntime = from.runtimes().size() > 1 || to.runtimes().size() > 1;
        Function<Result, String> key = withRuntime ? Result::key : r -> r.claimId() + " @ " + r.host();
        Map<String, Result> a = index(old, key);
        Map<String, Result> b = index(now, key);
        List<Change> changed = new ArrayList<>();
        List<Cell> onlyFrom = new ArrayList<>();
        List<Cell> onlyTo = new ArrayList<>();
        int compared = 0;
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            Result x = a.get(k);
            Result y = b.get(k);
            if (x == null) {
                onlyTo.add(Cell.of(y));
            } else if (y == null) {
                onlyFrom.add(Cell.of(x));
            } else {
                compared++;
                if (x.verdict() != y.verdict()) {
                    changed.add(new Change(y.claimId(), Objects.requireNonNullElse(y.section(), x.section()),
                            Objects.requireNonNullElse(y.quote(), x.quote()), y.host(), x.runtime(), y.runtime(),
                            x.verdict(), y.verdict(), Text.observation(x), Text.observation(y), x.reason(), y.reason()));
                }
            }
        }
        return new VersionDiff(from, to, host, compared, changed, onlyFrom, onlyTo);
    }

    private static Map<String, Result> index(List<Result> results, Function<Result, String> key) {
        Map<String, Result> map = new LinkedHashMap<>();
        results.stream().sorted(Comparator.comparing(Result::key)).forEach(r -> map.put(key.apply(r), r));
        return map;
    }

    private static List<Result> pick(ResultSet set, String runtime, String host) {
        return set.results().stream()
                .filter(r -> runtime == null || runtime.equals(r.runtime()))
                .filter(r -> host == null || host.equals(r.host()))
                .toList();
    }

    private static RuntimeIdentity requireRuntime(ResultSet set, String id, String option, String where) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(option + " needs a runtime id; " + where + " has " + ids(set));
        }
        RuntimeIdentity rt = set.runtime(id);
        if (rt == null) {
            throw new IllegalArgumentException(option + " " + id + ": no such runtime in " + where + " (it has "
                    + ids(set) + ")");
        }
        return rt;
    }

    private static void requireHost(ResultSet set, String host, String where) {
        if (host != null && !hosts(set).contains(host)) {
            throw new IllegalArgumentException("--host " + host + ": no results for that host in " + where
                    + " (it has " + String.join(", ", hosts(set)) + ")");
        }
    }

    private static Set<String> hosts(ResultSet set) {
        Set<String> hosts = new TreeSet<>();
        set.results().forEach(r -> hosts.add(r.host()));
        return hosts;
    }

    private static String ids(ResultSet set) {
        return String.join(", ", set.runtimes().stream().map(RuntimeIdentity::id).toList());
    }
}
