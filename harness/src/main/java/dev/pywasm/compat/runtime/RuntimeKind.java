package dev.pywasm.compat.runtime;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a host loads a runtime image: the closed list of kinds of wasm Python the harness knows. A
 * host says which kinds it runs (see {@code HostKind}); results record the kind by its
 * {@linkplain #wireName() wire name}.
 */
public enum RuntimeKind {

    /** A Pyodide distribution directory ({@code pyodide.js}, {@code pyodide.asm.wasm}, ...), started with {@code loadPyodide}. */
    PYODIDE("pyodide"),
    /**
     * A build tree of CPython's own wasm32-emscripten build ({@code python.js}, {@code python.wasm}), started
     * as Emscripten output: {@code node python.js} or a page that adds {@code python.js}.
     */
    CPYTHON_SOURCE("cpython-source");

    private final String wireName;

    RuntimeKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name results.json and messages use, e.g. {@code cpython-source}. */
    public String wireName() {
        return wireName;
    }

    /** The kind of a wire name; throws naming the known ones. */
    public static RuntimeKind of(String wireName) {
        for (RuntimeKind k : values()) {
            if (k.wireName.equals(wireName)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown runtime kind '" + wireName + "' (known: "
                + Arrays.stream(values()).map(RuntimeKind::wireName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
