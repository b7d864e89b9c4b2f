package dev.pywasm.compat.report.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pywasm.compat.model.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * One cell across the recorded runs, seen from one run.
 *
 * @param previous    the verdict of the latest earlier run that had this cell; null when none had it
 * @param previousAt  when that run started
 * @param changedAt   when the verdict last changed (the start of the first run with the current verdict);
 *                    null when it is the same in every recorded run
 * @param changedFrom the verdict before that change
 * @param firstSeen   the start of the first recorded run with this cell
 * @param changed     the verdict differs from the previous run's
 * @param regressed   it differs and got worse (see {@link HistoryView#regression})
 * @param timeline    the cell's verdicts, oldest first, this run last (at most {@link HistoryView#TIMELINE} points)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellHistory(Verdict previous, Instant previousAt, Instant changedAt, Verdict changedFrom,
                          Instant firstSeen, boolean changed, boolean regressed, List<Point> timeline) {

    /** One run's verdict for the cell. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(Instant at, Verdict verdict, String observation) {
    }

    public CellHistory {
        timeline = List.copyOf(timeline);
    }
}
