package dev.pywasm.compat.host;

import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.probe.ProbeProgram;
import java.time.Duration;

/**
 * Runs probe programs on one runtime image in one host. Each run is isolated: a probe that crashes,
 * hangs or exits the runtime costs only that run. Safe to call from several threads.
 */
public interface HostSession extends AutoCloseable {

    /**
     * Runs the program on a fresh runtime: the start-up may take {@link Limits#startup()}, the
     * program {@link Limits#probe()} from the moment it is handed to the runtime; a run that does
     * not end in time is killed and {@linkplain RawRun#timedOut() timed out}.
     */
    RawRun run(ProbeProgram program, Limits limits);

    /** As {@link #run(ProbeProgram, Limits)}, with this session's {@link #timeouts()} around a probe timeout. */
    default RawRun run(ProbeProgram program, Duration probeTimeout) {
        return run(program, timeouts().limits(probeTimeout));
    }

    /**
     * Runs the program twice in the same host context with a fresh runtime each time (a page
     * reload in a browser) and returns the second run: for claims about what survives a restart.
     * Each run has the limits given.
     */
    default RawRun runTwice(ProbeProgram program, Limits limits) {
        RawRun first = run(program, limits);
        if (first.timedOut()) {
            return first;
        }
        return run(program, limits);
    }

    /** As {@link #runTwice(ProbeProgram, Limits)}, with this session's {@link #timeouts()}. */
    default RawRun runTwice(ProbeProgram program, Duration probeTimeout) {
        return runTwice(program, timeouts().limits(probeTimeout));
    }

    /** How long this session's start-up and grace are (see {@link Timeouts}). */
    default Timeouts timeouts() {
        return Timeouts.DEFAULT;
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
