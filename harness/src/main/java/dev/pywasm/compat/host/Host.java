package dev.pywasm.compat.host;

import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.runtime.RuntimeImage;
import java.util.Optional;

/**
 * Where probes run: Node, a browser. A host knows how to start a runtime image and run one probe
 * program on it; it knows nothing of claims or verdicts. Adding a host is adding a class.
 */
public interface Host extends AutoCloseable {

    /** The id catalogs, results and expectations use: {@code node}, {@code chromium}. */
    String id();

    /** What this host is, as detected. */
    HostIdentity identity();

    /** Opens a session that runs probes on {@code image}; each probe starts from a fresh runtime. */
    HostSession open(RuntimeImage image);

    /**
     * Why this host cannot run {@code image} at all (e.g. a node-only build in a browser), or empty
     * when it can. The runner then leaves the pair out of the plan (no cells) and says why in the run's notes.
     */
    default Optional<String> cannotRun(RuntimeImage image) {
        return Optional.empty();
    }

    /**
     * Whether the runner may read the runtime's identity (Python, Emscripten and Pyodide versions)
     * by running a probe here; false for hosts that run probes outside the runtime (the compiler).
     */
    default boolean readsRuntimeIdentity() {
        return true;
    }

    /**
     * Whether this is a control host (the native CPython): it runs every claim of the catalog, whatever hosts
     * the claim names, and its column is shown as the control in the reports.
     */
    default boolean control() {
        return false;
    }

    /** Stops whatever the host started (browsers, servers). */
    @Override
    default void close() {
    }
}
