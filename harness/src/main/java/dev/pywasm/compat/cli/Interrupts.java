package dev.pywasm.compat.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM during a run: the JVM's default would run the shutdown hooks while probes,
 * pools and browsers still run (Playwright's hook deletes its driver under the running driver, which
 * then prints stack traces) and write nothing more. Here the first signal runs the command's own stop
 * instead, on the signal's thread (cancel the running cells, write what finished), then exits with
 * 128 + the signal's number (130, 143) as shells do; a second signal while stopping exits at once.
 */
final class Interrupts {

    /** A signal received: its name (SIGTERM) and the exit status that says so. */
    record Received(String name, int status) {
    }

    private static final Object LOCK = new Object();
    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    private static volatile Consumer<Received> stop;

    private Interrupts() {
    }

    /** Handles SIGINT and SIGTERM with {@code action} from now on (replacing an earlier action). */
    static void install(Consumer<Received> action) {
        stop = action;
        handle("INT", 130);
        handle("TERM", 143);
    }

    private static void handle(String name, int status) {
        try {
            Signal.handle(new Signal(name), s -> onSignal(new Received("SIG" + name, status)));
        } catch (IllegalArgumentException e) {
            // this platform does not deliver that signal: the JVM's default stays
        }
    }

    /** True once a signal arrived: the command's main thread then leaves the exit to the stop. */
    static boolean stopping() {
        return STOPPING.get();
    }

    /** Blocks for good when a stop is under way (it ends the JVM), else returns at once. */
    static void awaitStop() {
        if (!stopping()) {
            return;
        }
        synchronized (LOCK) {
            while (true) {
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    // the stop's System.exit ends this thread
                }
            }
        }
    }

    private static void onSignal(Received signal) {
        if (!STOPPING.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(signal.status());
        }
        try {
            Consumer<Received> action = stop;
            if (action != null) {
                action.accept(signal);
            }
        } catch (RuntimeException | Error e) {
            System.err.println("pywasm-compat: stopping after " + signal.name() + " failed: " + e);
        } finally {
            System.exit(signal.status());
        }
    }
}
