package dev.pywasm.compat.host;

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

    @Override
    default void close() {
    }
}
