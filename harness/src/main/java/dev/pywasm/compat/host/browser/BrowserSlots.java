package dev.pywasm.compat.host.browser;

import java.util.concurrent.Semaphore;

/**
 * How many probes may use a browser at once in this JVM, across every browser host and session ({@code
 * --browser-jobs}): browsers cost far more memory and CPU than a pooled node worker, and a browser server shared by
 * several shards has a capacity of its own, so their concurrency is bounded apart from the run's {@code --jobs}.
 * Every {@link LanePool#use} holds one slot for the probe's duration. Unbounded unless {@link #limit} says otherwise.
 */
public final class BrowserSlots {

    private static volatile Semaphore slots;

    private BrowserSlots() {
    }

    /** At most {@code n} browser probes at once from now on; 0: no bound of its own. */
    public static void limit(int n) {
        slots = n <= 0 ? null : new Semaphore(n, true);
    }

    /** Takes a slot (waiting for one); returns what to release, or null when unbounded. */
    static Semaphore acquire() {
        Semaphore s = slots;
        if (s == null) {
            return null;
        }
        try {
            s.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a browser (--browser-jobs)", e);
        }
        return s;
    }
}
