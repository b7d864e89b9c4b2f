package dev.pywasm.compat.runtime;

/**
 * A wasm Python that can be made ready to run: fetched (Pyodide from npm) or built (CPython from
 * source). Preparing is idempotent and cached.
 */
public interface Runtime {

    /** The id results are keyed by, known before preparing. */
    String id();

    /** Fetches or builds the runtime, or reuses an intact cached copy. */
    RuntimeImage prepare(Progress progress);

    /** Where long preparations report what they are doing. */
    @FunctionalInterface
    interface Progress {
        void say(String message);
    }
}
