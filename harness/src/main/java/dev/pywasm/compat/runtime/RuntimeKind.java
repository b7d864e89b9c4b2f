package dev.pywasm.compat.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a host loads a runtime image: the closed list of kinds of wasm Python the harness knows. A
 * host says which kinds it runs (see {@code HostKind}); results record the kind by its
 * {@linkplain #wireName() wire name}.
 */
public enum RuntimeKind {

    /** A Pyodide distribution directory ({@code pyodide.js}, {@code pyodide.asm.wasm}, ...), started with {@code loadPyodide}. */
    PYODIDE,
    /**
     * A build tree of CPython's own wasm32-emscripten build ({@code python.js}, {@code python.wasm}), started
     * as Emscripten output: {@code node python.js} or a page that adds {@code python.js}.
     */
    CPYTHON_SOURCE;

    /** The name results.json and messages use: the constant's name in lower case with dashes, e.g. {@code cpython-source}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind of a wire name; throws naming the known ones. */
    public static RuntimeKind of(String wireName) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown runtime kind '" + wireName + "' (known: "
                        + Arrays.stream(values()).map(RuntimeKind::wireName).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return wireName();
    }
}
