package dev.pywasm.compat.host.browser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lanes of one browser session: a lane (a browser, its driver, a page) serves one caller at a
 * time, because browser-driver objects are single-threaded; concurrency comes from several lanes.
 * A caller borrows an idle lane or opens a new one, and gives it back; a lane that crashed or hung
 * is {@linkplain Lane#healthy() unhealthy} and is closed instead of kept. Every browser host's
 * session (Chromium's two, the coming Firefox and WebKit ones) uses this one pool. Safe to call from
 * several threads.
 *
 * @param <L> the host's lane
 */
public final class LanePool<L extends LanePool.Lane> implements AutoCloseable {

    /** What the pool holds: one browser used by one thread at a time. */
    public interface Lane extends AutoCloseable {
        /** False once the lane hit something it may not survive (a crash, a hung page): then it is closed, not reused. */
        boolean healthy();

        /** Closes the browser (or disconnects from a remote one) and whatever the lane started. */
        @Override
        void close();
    }

    private final String what;
    private final Supplier<L> opener;
    private final Deque<L> idle = new ArrayDeque<>();
    private final List<L> all = new ArrayList<>();
    private boolean closed;

    /**
     * @param what   what the session is, for the error after {@link #close()} (e.g. {@code the chromium session})
     * @param opener opens a new lane (launches a browser); may throw, which the caller then sees
     */
    public LanePool(String what, Supplier<L> opener) {
        this.what = what;
        this.opener = opener;
    }

    /**
     * Borrows a lane, runs {@code work} on it and gives it back, whatever happened: a lane that failed
     * says so itself ({@link Lane#healthy()}) and is closed then. A {@link Error} out of the work (a
     * browser driver whose stack overflowed in the middle of a call) leaves the lane in a state nobody
     * can vouch for, so that lane is closed whatever it says, and the next caller gets a new one.
     */
    public <T> T use(Function<L, T> work) {
        java.util.concurrent.Semaphore slot = BrowserSlots.acquire();
        try {
            return useLane(work);
        } finally {
            if (slot != null) {
                slot.release();
            }
        }
    }

    private <T> T useLane(Function<L, T> work) {
        L lane = borrow();
        boolean broken = true;
        try {
            T result = work.apply(lane);
            broken = false;
            return result;
        } catch (RuntimeException e) {
            broken = false;
            throw e;
        } finally {
            if (broken) {
                discard(lane);
            } else {
                giveBack(lane);
            }
        }
    }

    /** Closes a lane that may not be reused, whatever it says of its health. */
    public void discard(L lane) {
        synchronized (this) {
            all.remove(lane);
        }
        try {
            lane.close();
        } catch (RuntimeException ignored) {
            // a lane that failed may fail to close; its driver's process tree goes with the JVM's hooks
        }
    }

    /** An idle lane, or a new one (opened outside the lock: a browser launch takes seconds). */
    public L borrow() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(what + " is closed");
            }
            L lane = idle.pollFirst();
            if (lane != null) {
                return lane;
            }
        }
        L lane = opener.get();
        synchronized (this) {
            all.add(lane);
        }
        return lane;
    }

    /** Takes a lane back: kept for the next caller when healthy, else (or when the pool is closed) closed. */
    public void giveBack(L lane) {
        boolean discard;
        synchronized (this) {
            discard = closed || !lane.healthy();
            if (discard) {
                all.remove(lane);
            } else {
                idle.addFirst(lane);
            }
        }
        if (discard) {
            lane.close();
        }
    }

    /** How many lanes are open now (idle or borrowed). */
    public synchronized int size() {
        return all.size();
    }

    /**
     * Closes every lane; a run still in progress loses its browser. Returns true for the call that
     * closed the pool, false when it was closed already.
     */
    public boolean closeAll() {
        List<L> lanes;
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            lanes = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        lanes.forEach(Lane::close);
        return true;
    }

    @Override
    public void close() {
        closeAll();
    }
}
