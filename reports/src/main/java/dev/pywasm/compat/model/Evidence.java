package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What backs a verdict: how the probe was run and what the runtime printed last.
 *
 * @param command        the command line or page that ran the probe
 * @param exitCode       the host process's exit status, when there was one
 * @param durationMillis wall time of the probe, runtime start included
 * @param stdoutTail     the last lines the runtime printed on stdout
 * @param stderrTail     the last lines the runtime printed on stderr (or the browser console)
 * @param attachments    files kept next to the results (screenshots, full logs), relative paths
 * @param freshRuntime   how the run got its fresh runtime: {@code snapshot-restored}, {@code loaded-from-scratch},
 *                       {@code new-process} or {@code new-page}; absent when the host did not say
 * @param startupMillis  how long the start-up took, until the probe program was handed to the runtime;
 *                       absent when it was never handed over (or the host cannot tell)
 * @param limits         the run's limits: its start-up, the probe's timeout (counted from the hand-over)
 *                       and the grace; absent for cells that ran nothing. Since issue 14.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Evidence(
        String command,
        Integer exitCode,
        long durationMillis,
        String stdoutTail,
        String stderrTail,
        List<String> attachments,
        String freshRuntime,
        Long startupMillis,
        Limits limits) {

    /** The limits a run had, in milliseconds (see the harness's {@code exec.Limits}). */
    public record Limits(long startupMillis, long probeMillis, long graceMillis) {
    }

    public Evidence {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Evidence that says nothing of the run's start-up and limits. */
    public Evidence(String command, Integer exitCode, long durationMillis, String stdoutTail, String stderrTail,
            List<String> attachments) {
        this(command, exitCode, durationMillis, stdoutTail, stderrTail, attachments, null, null, null);
    }

    public static Evidence none() {
        return new Evidence(null, null, 0, null, null, List.of());
    }
}
