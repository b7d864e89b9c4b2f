package dev.pywasm.compat.runtime;

import java.nio.file.Path;

/**
 * A prepared wasm Python: files on disk that a host can load.
 *
 * @param id      the name results and expectations are keyed by, e.g. {@code pyodide-0.29.3}
 * @param kind    how hosts load it: {@code pyodide} (a Pyodide distribution directory)
 * @param version the distribution's version
 * @param root    the directory holding the runtime's files (for Pyodide: {@code pyodide.js} and friends)
 */
public record RuntimeImage(String id, String kind, String version, Path root) {
}
