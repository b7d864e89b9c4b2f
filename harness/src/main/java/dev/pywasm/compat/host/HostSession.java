package dev.pywasm.compat.host;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.probe.ProbeProgram;
import java.time.Duration;

/**
 * Runs probe programs on one runtime image in one host. Each run is isolated: a probe that crashes,
 * hangs or exits the runtime costs only that run. Safe to call from several threads.
 */
public interface HostSession extends AutoCloseable {

    RawRun run(ProbeProgram program, Duration timeout);

    /**
     * Runs the program twice in the same host context with a fresh runtime each time (a page
     * reload in a browser) and returns the second run: for claims about what survives a restart.
     */
    default RawRun runTwice(ProbeProgram program, Duration timeout) {
        RawRun first = run(program, timeout);
        if (first.timedOut()) {
            return first;
        }
        return run(program, timeout);
    }

    /**
     * How this session has given its probes a fresh runtime so far, in one sentence for the results
     * (e.g. restored from a memory snapshot, or loaded from scratch and why); empty when it has
     * nothing to add to the host's own description.
     */
    default java.util.Optional<String> note() {
        return java.util.Optional.empty();
    }

    @Override
    default void close() {
    }
}
