package dev.pywasm.compat.exec;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named after what they do ({@code pywasm-probe-3}, {@code pywasm-http-1}), so a
 * thread dump says whose they are, and none of them keeps the JVM alive after the run.
 */
public final class Daemons {

    private Daemons() {
    }

    /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return body -> create(prefix + "-" + n.incrementAndGet(), body);
    }

    /** Starts one daemon thread. */
    public static Thread start(String name, Runnable body) {
        Thread t = create(name, body);
        t.start();
        return t;
    }

    private static Thread create(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
