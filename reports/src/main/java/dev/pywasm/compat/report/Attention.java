package dev.pywasm.compat.report;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.history.CellHistory;
import dev.pywasm.compat.report.history.HistoryRecord;
import dev.pywasm.compat.report.history.HistoryView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a person reading a run must look at first, in this order: verdicts that differ from the
 * recorded expectation (or have none), cells whose verdict changed since their previous run, cells
 * that gave no usable answer (CRASH, TIMEOUT, ERROR, FLAKY), and the README statements found STALE;
 * plus, per (runtime, host) column, the inapplicable cells (SKIPPED) folded into counts with their
 * reasons, so tables can leave them out. A pure function of the results and the history.
 *
 * @param differs      verdicts that differ from the recorded expectation
 * @param unrecorded   verdicts with no recorded expectation
 * @param changed      cells whose verdict is not the one of their previous run in the history
 * @param previousRun  the start of the latest earlier run in the history; null when there is none
 * @param history      whether a history was read at all (false: the run was not compared with one)
 * @param broken       CRASH, TIMEOUT, ERROR and FLAKY cells
 * @param stale        STALE cells, grouped by claim
 * @param inapplicable per column ({@code runtime / host}), its SKIPPED cells
 */
public record Attention(List<Result> differs, List<Result> unrecorded, List<Change> changed, Instant previousRun,
                        boolean history, List<Result> broken, Map<String, List<Result>> stale,
                        Map<String, Inapplicable> inapplicable) {

    /** The verdicts that give no usable answer. */
    public static final Set<Verdict> BROKEN = Set.of(Verdict.CRASH, Verdict.TIMEOUT, Verdict.ERROR, Verdict.FLAKY);

    /** A cell whose verdict changed since its previous run. */
    public record Change(Result result, Verdict before, Instant at, boolean regression) {
    }

    /**
     * A column's inapplicable cells.
     *
     * @param notForHost    claims about other hosts (no probe ran)
     * @param premiseAbsent per reason the probe gave, the claims whose premise is absent on this runtime
     */
    public record Inapplicable(int notForHost, Map<String, List<String>> premiseAbsent) {
        public int total() {
            return notForHost + premiseAbsent.values().stream().mapToInt(List::size).sum();
        }
    }

    /** @param history the runs before this one; null when no history was read */
    public static Attention of(ResultDocument doc, HistoryView history) {
        List<Result> results = doc.results();
        List<Change> changed = new ArrayList<>();
        Instant asOf = doc.run().startedAt();
        Instant previous = null;
        if (history != null) {
            for (HistoryRecord r : history.records()) {
                if ((asOf == null || r.startedAt().isBefore(asOf)) && (previous == null || r.startedAt().isAfter(previous))) {
                    previous = r.startedAt();
                }
            }
            for (Result r : results) {
                CellHistory h = history.cell(r.key(), r.verdict(), Text.observation(r), asOf);
                if (h.changed()) {
                    changed.add(new Change(r, h.previous(), h.previousAt(), h.regressed()));
                }
            }
        }
        Map<String, List<Result>> stale = new LinkedHashMap<>();
        results.stream().filter(r -> r.verdict() == Verdict.STALE && !Text.CONTROL_HOST.equals(r.host())) // the control is STALE by design
                .forEach(r -> stale.computeIfAbsent(r.claimId(), k -> new ArrayList<>()).add(r));
        Map<String, Inapplicable> inapplicable = new TreeMap<>();
        Map<String, Integer> notForHost = new TreeMap<>();
        Map<String, Map<String, List<String>>> premise = new TreeMap<>();
        for (Result r : results) {
            if (r.verdict() != Verdict.SKIPPED) {
                continue;
            }
            String column = column(r);
            if (ran(r)) {
                String why = r.observation() == null || r.observation().what() == null ? "no reason given"
                        : r.observation().what();
                premise.computeIfAbsent(column, k -> new LinkedHashMap<>()).computeIfAbsent(why, k -> new ArrayList<>())
                        .add(r.claimId());
            } else {
                notForHost.merge(column, 1, Integer::sum);
            }
        }
        Set<String> columns = new LinkedHashSet<>(notForHost.keySet());
        columns.addAll(premise.keySet());
        for (String c : columns) {
            inapplicable.put(c, new Inapplicable(notForHost.getOrDefault(c, 0), premise.getOrDefault(c, Map.of())));
        }
        return new Attention(results.stream().filter(Result::unexpected).toList(),
                results.stream().filter(r -> r.expected() == null).toList(), changed, previous, history != null,
                results.stream().filter(r -> BROKEN.contains(r.verdict())).toList(), stale, inapplicable);
    }

    /** The column a result is counted in: {@code runtime / host}. */
    public static String column(Result r) {
        return r.runtime() + " / " + Text.hostLabel(r.host());
    }

    /** Whether the cell's probe ran: a SKIPPED cell without a command is a claim about another host. */
    public static boolean ran(Result r) {
        return r.verdict() != Verdict.SKIPPED || (r.evidence() != null && r.evidence().command() != null);
    }

    /** Whether a result is shown in the tables: every verdict except SKIPPED (folded into the counts). */
    public static boolean shown(Result r) {
        return r.verdict() != Verdict.SKIPPED;
    }

    /** True when nothing needs a look: all as recorded, nothing changed, nothing broken. */
    public boolean quiet() {
        return differs.isEmpty() && unrecorded.isEmpty() && changed.isEmpty() && broken.isEmpty();
    }

    /** The cells of a STALE claim named for people: {@code node, chromium / pyodide-314.0.7}. */
    public static String where(List<Result> cells) {
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> runtimes = new LinkedHashSet<>();
        cells.forEach(r -> {
            hosts.add(r.host());
            runtimes.add(r.runtime());
        });
        String rt = runtimes.size() <= 2 ? String.join(", ", runtimes) : runtimes.size() + " runtimes";
        return String.join(", ", hosts) + " / " + rt + (runtimes.size() > 1 ? " (" + cells.size() + " cells)" : "");
    }

    /** The first cell's observation, noting when the cells saw different things. */
    public static String observed(List<Result> cells) {
        long distinct = cells.stream().map(Text::observation).distinct().count();
        return Summary.observed(cells.get(0)) + (distinct > 1 ? " (and " + (distinct - 1) + " other observation(s))" : "");
    }
}
