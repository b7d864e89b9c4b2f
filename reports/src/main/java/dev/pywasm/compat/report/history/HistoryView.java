package dev.pywasm.compat.report.history;

import dev.pywasm.compat.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the history for reports: per cell, the previous run's verdict, when it last changed, and
 * whether it regressed. A cell is always seen from the run it belongs to (records from that run on
 * are ignored), so regenerating an old run's report tells the same story as on the day it ran.
 */
public final class HistoryView {

    /** How many runs a cell's timeline shows. */
    public static final int TIMELINE = 12;

    private final List<HistoryRecord> records;
    private final Map<String, List<Seen>> byCell = new HashMap<>();

    private record Seen(Instant at, HistoryRecord.Cell cell) {
    }

    private HistoryView(List<HistoryRecord> records) {
        this.records = List.copyOf(records);
        for (HistoryRecord r : this.records) {
            for (HistoryRecord.Cell c : r.cells()) {
                byCell.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(new Seen(r.startedAt(), c));
            }
        }
        byCell.values().forEach(list -> list.sort(java.util.Comparator.comparing(Seen::at)));
    }

    /** @param records as {@link HistoryStore#read()} returns them */
    public static HistoryView of(List<HistoryRecord> records) {
        return new HistoryView(records);
    }

    public static HistoryView empty() {
        return new HistoryView(List.of());
    }

    public List<HistoryRecord> records() {
        return records;
    }

    /**
     * True when a cell got worse from one run to the next. Verdicts rank HOLDS and SKIPPED (usable, the
     * README is right or the claim does not apply) &lt; STALE (the README went wrong) &lt; FLAKY &lt;
     * TIMEOUT, ERROR and CRASH (no usable answer); a regression is a move to a higher rank. STALE to
     * HOLDS is an improvement, HOLDS to STALE a regression: a README sentence that stopped being true.
     */
    public static boolean regression(Verdict before, Verdict now) {
        return before != null && now != null && rank(now) > rank(before);
    }

    static int rank(Verdict v) {
        return switch (v) {
            case HOLDS, SKIPPED -> 0;
            case STALE -> 1;
            case FLAKY -> 2;
            case TIMEOUT, ERROR, CRASH -> 3;
        };
    }

    /**
     * The cell's story up to the run that started at {@code asOf}, whose verdict is {@code current}.
     *
     * @param asOf null: after every recorded run
     */
    public CellHistory cell(String key, Verdict current, String observation, Instant asOf) {
        List<Seen> before = byCell.getOrDefault(key, List.of()).stream()
                .filter(s -> asOf == null || s.at().isBefore(asOf))
                .toList();
        List<CellHistory.Point> points = new ArrayList<>();
        before.forEach(s -> points.add(new CellHistory.Point(s.at(), s.cell().verdict(), s.cell().observation())));
        points.add(new CellHistory.Point(asOf, current, observation));
        Instant changedAt = null;
        Verdict changedFrom = null;
        for (int i = points.size() - 1; i > 0; i--) {
            if (points.get(i).verdict() != points.get(i - 1).verdict()) {
                changedAt = points.get(i).at();
                changedFrom = points.get(i - 1).verdict();
                break;
            }
        }
        Seen previous = before.isEmpty() ? null : before.get(before.size() - 1);
        Verdict prev = previous == null ? null : previous.cell().verdict();
        List<CellHistory.Point> timeline = points.subList(Math.max(0, points.size() - TIMELINE), points.size());
        return new CellHistory(prev, previous == null ? null : previous.at(), changedAt, changedFrom,
                points.get(0).at(), prev != null && prev != current, regression(prev, current), timeline);
    }
}
