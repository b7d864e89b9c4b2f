package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which wasm Python ran the probes, as read from the runtime itself (not typed in).
 *
 * @param id         the name results and expectations are keyed by, e.g. {@code pyodide-0.29.3}
 * @param kind       {@code pyodide} or {@code cpython-source}
 * @param version    the distribution's version (Pyodide's), or the CPython version for source builds
 * @param python     {@code sys.version} as reported inside the runtime
 * @param emscripten the Emscripten version the runtime was built with
 * @param platform   {@code platform.platform()} inside the runtime
 * @param notes      per host id, how that host gave each probe its fresh runtime with this runtime (e.g.
 *                   restored from a memory snapshot, or loaded from scratch because this runtime cannot
 *                   be snapshotted); empty when nothing is known. Since issue 7 (runtime matrix).
 * @param resolvedFrom how the runtime was chosen when it was not named, e.g. {@code latest: npm's latest
 *                   dist-tag at 2026-12-01T22:40:12Z}; absent when it was named. Since issue 17.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeIdentity(
        String id,
        String kind,
        String version,
        String python,
        String emscripten,
        String platform,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> notes,
        String resolvedFrom) {

    public RuntimeIdentity {
        notes = notes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(notes));
    }

    /** An identity with host notes, named (not resolved). */
    public RuntimeIdentity(String id, String kind, String version, String python, String emscripten, String platform,
            Map<String, String> notes) {
        this(id, kind, version, python, emscripten, platform, notes, null);
    }

    /** An identity without host notes. */
    public RuntimeIdentity(String id, String kind, String version, String python, String emscripten, String platform) {
        this(id, kind, version, python, emscripten, platform, Map.of(), null);
    }

    /** This identity with the host notes given (replacing any). */
    public RuntimeIdentity withNotes(Map<String, String> hostNotes) {
        return new RuntimeIdentity(id, kind, version, python, emscripten, platform, hostNotes, resolvedFrom);
    }

    /** This identity with how it was chosen (null: named). */
    public RuntimeIdentity withResolvedFrom(String how) {
        return new RuntimeIdentity(id, kind, version, python, emscripten, platform, notes, how);
    }
}
