package dev.pywasm.compat.runtime;

/**
 * A wasm Python that can be made ready to run: fetched (Pyodide from npm) or built (CPython from
 * source). Preparing is idempotent and cached.
 */
public interface Runtime {

    /** The id results are keyed by, known before preparing. */
    String id();

    /**
     * How this runtime was chosen when the user did not name it (e.g. {@code latest} resolved from npm's
     * dist-tags, and when), recorded with its identity in the results; null when it was named.
     */
    default String resolution() {
        return null;
    }

    /** Fetches or builds the runtime, or reuses an intact cached copy. */
    RuntimeImage prepare(Progress progress);

    /** Where long preparations report what they are doing. */
    @FunctionalInterface
    interface Progress {
        void say(String message);
    }
}
