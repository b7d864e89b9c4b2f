package dev.pywasm.compat.report.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ClaimStatus;
import dev.pywasm.compat.report.diff.VersionDiff;
import dev.pywasm.compat.report.history.CellHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard shows, as the JSON embedded in {@code dashboard.html}; the page's script only
 * lays it out. Computed in Java so the facts (statuses, history, diff) are tested here and agree with the
 * Markdown reports.
 *
 * @param title       the page title
 * @param generatedAt when the page was written
 * @param runs        the runs the results come from
 * @param runtimes    oldest Emscripten first
 * @param hosts       the hosts
 * @param columns     the matrix columns: runtime x host pairs that have results
 * @param sections    README sections in README order
 * @param claims      the matrix rows, one per claim, in README order
 * @param counts      verdict counts over all cells
 * @param history     the history store's view
 * @param diff        oldest vs newest Emscripten runtime; null with a single runtime
 * @param readme      the annotated claims source's name and quotes not found
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardModel(String title, Instant generatedAt, List<Run> runs, List<RuntimeIdentity> runtimes,
                             List<HostIdentity> hosts, List<Column> columns, List<String> sections, List<Row> claims,
                             Map<Verdict, Integer> counts, History history, VersionDiff diff, Readme readme) {

    /** A run the results come from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String source, String tool, Instant startedAt, Instant finishedAt, String claimsSource, int results) {
    }

    /** A matrix column; {@code label} is the host as its heading shows it ({@code native (control)} for the control). */
    public record Column(String key, String host, String runtime, String label) {
    }

    /**
     * A claim: its status and its cells by column key.
     *
     * @param changedIn per host, the release that changed it between neighbouring runtimes ("node: changed in
     *                  0.28.0 (Emscripten 3.1.58 -> 4.0.9)") or the bisect command that would find it; empty
     *                  when it did not change between them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String id, String section, String quote, ClaimStatus status, String label, String symbol,
                      String statusClass, boolean inReadme, Map<String, Cell> cells, List<String> changedIn) {
    }

    /** One result with its evidence and history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String claim, String host, String runtime, Verdict verdict, Verdict expected, String reason,
                       String observation, JsonNode observed, String command, Integer exitCode, long durationMillis,
                       String stdoutTail, String stderrTail, List<Link> attachments, CellHistory history) {
    }

    /** A file kept with the results, linked relative to the dashboard. */
    public record Link(String name, String href) {
    }

    /**
     * @param dir         the history directory, or null when history is off
     * @param records     how many runs it holds
     * @param previousRun the latest recorded run before this one
     * @param error       why it could not be read, if so
     * @param regressions cells that got worse since the previous run
     * @param lastChanges per claim, its latest verdict change (newest first)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record History(String dir, int records, Instant previousRun, String error, List<Change> regressions,
                          List<Change> lastChanges) {
    }

    /** A cell's verdict change: at the start of the run that saw the new verdict. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String claim, String host, String runtime, Instant at, Verdict from, Verdict to,
                         String observation) {
    }

    /** @param notFound claims whose quote is not in the source */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Readme(String source, String problem, List<ClaimStatus> notFound) {
    }
}
