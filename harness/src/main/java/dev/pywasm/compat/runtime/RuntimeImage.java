package dev.pywasm.compat.runtime;

import java.nio.file.Path;

/**
 * A prepared wasm Python: files on disk that a host can load.
 *
 * @param id         the name results and expectations are keyed by, e.g. {@code pyodide-0.29.3}
 * @param kind       how hosts load it: a Pyodide distribution directory, or a build tree of CPython's
 *                   own wasm32-emscripten build
 * @param version    the distribution's version (Pyodide's; CPython's for source builds)
 * @param root       the directory holding the runtime's files (Pyodide: {@code pyodide.js} and friends;
 *                   source builds: {@code python.js}, {@code python.wasm})
 * @param emscripten the toolchain version when the preparation knows it (source builds), else null
 */
public record RuntimeImage(String id, RuntimeKind kind, String version, Path root, String emscripten) {

    public RuntimeImage(String id, RuntimeKind kind, String version, Path root) {
        this(id, kind, version, root, null);
    }
}
