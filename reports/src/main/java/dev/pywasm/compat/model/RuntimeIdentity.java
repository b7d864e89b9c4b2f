package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which wasm Python ran the probes, as read from the runtime itself (not typed in).
 *
 * @param id         the name results and expectations are keyed by, e.g. {@code pyodide-0.29.3}
 * @param kind       {@code pyodide} or {@code cpython-source}
 * @param version    the distribution's version (Pyodide's), or the CPython version for source builds
 * @param python     {@code sys.version} as reported inside the runtime
 * @param emscripten the Emscripten version the runtime was built with
 * @param platform   {@code platform.platform()} inside the runtime
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeIdentity(
        String id,
        String kind,
        String version,
        String python,
        String emscripten,
        String platform) {
}
