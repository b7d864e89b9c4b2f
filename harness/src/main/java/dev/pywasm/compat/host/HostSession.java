package dev.pywasm.compat.host;

import dev.pywasm.compat.probe.ProbeProgram;
import java.time.Duration;

/**
 * Runs probe programs on one runtime image in one host. Each run is isolated: a probe that crashes,
 * hangs or exits the runtime costs only that run. Safe to call from several threads.
 */
public interface HostSession extends AutoCloseable {

    RawRun run(ProbeProgram program, Duration timeout);

    @Override
    default void close() {
    }
}
