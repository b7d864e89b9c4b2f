package dev.pywasm.compat.exec;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The output budget of one probe run ({@link Limits#outputBytes()}), shared by its streams: every
 * byte a probe prints is counted, and the first time the count passes the limit {@code onExceeded}
 * runs once (the host ends the probe there: it kills the process tree, terminates the worker). A
 * probe that floods its output then costs its own cell, with an {@code output-limit} outcome,
 * instead of the run's memory or its whole timeout.
 */
public final class OutputCap {

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicBoolean exceeded = new AtomicBoolean();
    private volatile Runnable onExceeded;

    /** @param limit bytes a run may print on all its streams together; {@code <= 0}: no limit */
    public OutputCap(long limit) {
        this.limit = limit;
    }

    /** What to do the moment the limit is passed (run at most once, on the thread that passed it). */
    public OutputCap onExceeded(Runnable action) {
        this.onExceeded = action;
        if (exceeded.get() && action != null) {
            action.run();
        }
        return this;
    }

    /** Counts {@code n} more bytes; true while the run is within its limit. */
    public boolean add(long n) {
        long now = used.addAndGet(n);
        if (limit > 0 && now > limit && exceeded.compareAndSet(false, true)) {
            Runnable action = onExceeded;
            if (action != null) {
                action.run();
            }
        }
        return !exceeded.get();
    }

    public boolean exceeded() {
        return exceeded.get();
    }

    public long limit() {
        return limit;
    }

    /** Bytes printed so far, counted whether kept or not. */
    public long used() {
        return used.get();
    }
}
