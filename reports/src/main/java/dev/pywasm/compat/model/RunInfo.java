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
 * @param documents     the versions of the claims source the run reports on, the suite's primary source first
 *                      (see {@link DocumentVersion}); empty in runs before issue 18
 * @param interrupted   how the run was stopped before it wrote every planned result (a signal); absent for a
 *                      run that finished. Since issue 13.
 * @param plan          the whole plan and the shard of it this file holds (see {@link Plan}); absent in files
 *                      before issue 19
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
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DocumentVersion> documents,
        Interruption interrupted,
        Plan plan) {

    /**
     * A run stopped by a signal: which, when, how many results it planned and how many it wrote. {@code
     * run --resume} with the same options and {@code --out} keeps those and runs the rest.
     */
    public record Interruption(String signal, Instant at, int planned, int done) {
    }

    public RunInfo {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /** A header without a plan (files before issue 19, and runs that do not record one). */
    public RunInfo(String tool, Instant startedAt, Instant finishedAt, String claimsSource, List<RuntimeIdentity> runtimes,
            List<HostIdentity> hosts, int planned, List<DocumentVersion> documents, Interruption interrupted) {
        this(tool, startedAt, finishedAt, claimsSource, runtimes, hosts, planned, documents, interrupted, null);
    }

    /**
     * The header of a run that was not interrupted, without document versions (they are added with
     * {@link #withDocuments}).
     */
    public RunInfo(String tool, Instant startedAt, Instant finishedAt, String claimsSource, List<RuntimeIdentity> runtimes,
            List<HostIdentity> hosts, int planned) {
        this(tool, startedAt, finishedAt, claimsSource, runtimes, hosts, planned, List.of(), null, null);
    }

    /** This header with the runtimes replaced (e.g. by identities with host notes added). */
    public RunInfo withRuntimes(List<RuntimeIdentity> identities) {
        return new RunInfo(tool, startedAt, finishedAt, claimsSource, identities, hosts, planned, documents, interrupted, plan);
    }

    /** This header with the document versions replaced. */
    public RunInfo withDocuments(List<DocumentVersion> versions) {
        return new RunInfo(tool, startedAt, finishedAt, claimsSource, runtimes, hosts, planned, versions, interrupted, plan);
    }

    /** This header with the plan replaced. */
    public RunInfo withPlan(Plan p) {
        return new RunInfo(tool, startedAt, finishedAt, claimsSource, runtimes, hosts, planned, documents, interrupted, p);
    }

    public RunInfo finished(Instant at) {
        return new RunInfo(tool, startedAt, at, claimsSource, runtimes, hosts, planned, documents, interrupted, plan);
    }

    /** This header, saying the run was stopped by {@code signal} after {@code done} of its planned results. */
    public RunInfo interrupted(String signal, Instant at, int done) {
        return new RunInfo(tool, startedAt, at, claimsSource, runtimes, hosts, planned, documents,
                new Interruption(signal, at, planned, done), plan);
    }
}
