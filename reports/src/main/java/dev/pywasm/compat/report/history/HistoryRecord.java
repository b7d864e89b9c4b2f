package dev.pywasm.compat.report.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.Text;
import java.time.Instant;
import java.util.List;

/**
 * One run as the history keeps it: when, with what, and per cell the verdict and the observation in
 * one line. Small on purpose (a few kilobytes per run), so years of nightly runs stay cheap to read.
 *
 * @param schema     {@value #SCHEMA}
 * @param startedAt  the run's start: the record's identity and order
 * @param finishedAt the run's end; null when the results were recorded before the run finished
 * @param tool       harness name and version
 * @param runtimes   the runtimes' identities
 * @param hosts      host ids and versions
 * @param cells      one per claim x host x runtime
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryRecord(String schema, Instant startedAt, Instant finishedAt, String tool,
                            List<RuntimeIdentity> runtimes, List<Host> hosts, List<Cell> cells) {

    public static final String SCHEMA = "pywasm-compat/history/v1";

    /** A host, by id and version. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Host(String id, String version) {
    }

    /** One cell's verdict and observation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String claim, String host, String runtime, Verdict verdict, String observation) {
        /** Same key as {@link Result#key()}. */
        public String key() {
            return claim + " @ " + host + " / " + runtime;
        }
    }

    public HistoryRecord {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    public static HistoryRecord of(ResultDocument doc) {
        return new HistoryRecord(SCHEMA, doc.run().startedAt(), doc.run().finishedAt(), doc.run().tool(),
                doc.run().runtimes(),
                doc.run().hosts().stream().map((HostIdentity h) -> new Host(h.id(), h.version())).toList(),
                doc.results().stream().map(r -> new Cell(r.claimId(), r.host(), r.runtime(), r.verdict(),
                        Text.observation(r))).toList());
    }
}
