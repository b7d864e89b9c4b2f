package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The header of a result document: when, with what, on what.
 *
 * @param tool          harness name and version
 * @param startedAt     when the run began
 * @param finishedAt    when the last result was written; null while the run is going on
 * @param claimsSource  the README the claims quote, with its SHA-256
 * @param runtimes      the runtimes in this run
 * @param hosts         the hosts in this run
 * @param planned       how many results the run will write
 * @param interrupted   how the run was stopped before it wrote every planned result (a signal); absent for a
 *                      run that finished. Since issue 13.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInfo(
        String tool,
        Instant startedAt,
        Instant finishedAt,
        String claimsSource,
        List<RuntimeIdentity> runtimes,
        List<HostIdentity> hosts,
        int planned,
        Interruption interrupted) {

    /**
     * A run stopped by a signal: which, when, how many results it planned and how many it wrote. {@code
     * run --resume} with the same options and {@code --out} keeps those and runs the rest.
     */
    public record Interruption(String signal, Instant at, int planned, int done) {
    }

    /** The header of a run that was not interrupted. */
    public RunInfo(String tool, Instant startedAt, Instant finishedAt, String claimsSource, List<RuntimeIdentity> runtimes,
            List<HostIdentity> hosts, int planned) {
        this(tool, startedAt, finishedAt, claimsSource, runtimes, hosts, planned, null);
    }

    public RunInfo {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** This header with the runtimes replaced (e.g. by identities with host notes added). */
    public RunInfo withRuntimes(List<RuntimeIdentity> identities) {
        return new RunInfo(tool, startedAt, finishedAt, claimsSource, identities, hosts, planned, interrupted);
    }

    public RunInfo finished(Instant at) {
        return new RunInfo(tool, startedAt, at, claimsSource, runtimes, hosts, planned, interrupted);
    }

    /** This header, saying the run was stopped by {@code signal} after {@code done} of its planned results. */
    public RunInfo interrupted(String signal, Instant at, int done) {
        return new RunInfo(tool, startedAt, at, claimsSource, runtimes, hosts, planned,
                new Interruption(signal, at, planned, done));
    }
}
