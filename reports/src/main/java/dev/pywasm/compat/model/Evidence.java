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
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Evidence(
        String command,
        Integer exitCode,
        long durationMillis,
        String stdoutTail,
        String stderrTail,
        List<String> attachments) {

    public Evidence {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public static Evidence none() {
        return new Evidence(null, null, 0, null, null, List.of());
    }
}
