package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where the probes ran.
 *
 * @param id            the name results and expectations are keyed by: {@code node}, {@code chromium}
 * @param version       the host's version, e.g. {@code v20.20.2}
 * @param acceptedFlags flags the README asks for that this host accepted and was started with
 * @param rejectedFlags flags the README asks for that this host rejects (evidence for node claims)
 * @param notes         anything else worth knowing about the host (e.g. server mode)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HostIdentity(
        String id,
        String version,
        List<String> acceptedFlags,
        List<String> rejectedFlags,
        String notes) {

    public HostIdentity {
        acceptedFlags = acceptedFlags == null ? List.of() : List.copyOf(acceptedFlags);
        rejectedFlags = rejectedFlags == null ? List.of() : List.copyOf(rejectedFlags);
    }
}
