package dev.pywasm.compat.host.browser;

import dev.pywasm.compat.exec.ProcessTree;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A virtual X display of our own ({@code Xvfb :N -nolisten tcp}) for a browser that needs one
 * (WebKitGTK's MiniBrowser has no headless mode): the first free display number from 99 on, started
 * and stopped by handle, never shared with anyone else's browser.
 */
public final class Xvfb implements AutoCloseable {

    /** Debian's Xvfb. */
    public static final AptBrowser XVFB = new AptBrowser("Xvfb (a virtual display)", "PYWASM_XVFB",
            List.of(Path.of("/usr/bin/Xvfb")), List.of("xvfb"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Path SOCKETS = Path.of("/tmp/.X11-unix");

    private final Process process;
    private final int display;

    private Xvfb(Process process, int display) {
        this.process = process;
        this.display = display;
    }

    /** The value of {@code DISPLAY} for a browser on it, e.g. {@code :99}. */
    public String display() {
        return ":" + display;
    }

    /** Starts {@code binary} on the first free display; one clear error (naming the package) when it does not come up. */
    public static Xvfb start(Path binary, Path logDir) {
        String last = "";
        for (int n = 99; n < 160; n++) {
            if (Files.exists(SOCKETS.resolve("X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            Path log;
            Process p;
            try {
                Files.createDirectories(logDir);
                log = logDir.resolve("xvfb-" + n + ".log");
                p = new ProcessBuilder(binary.toString(), ":" + n, "-nolisten", "tcp", "-screen", "0", "1280x1024x24")
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new SetupException("cannot start Xvfb (" + binary + "): " + e.getMessage() + "; install it ("
                        + XVFB.installCommand() + ")", e);
            }
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(SOCKETS.resolve("X" + n))) {
                sleep(50);
            }
            if (p.isAlive() && Files.exists(SOCKETS.resolve("X" + n))) {
                return new Xvfb(p, n);
            }
            ProcessTree.kill(p);
            last = read(log);
            if (!last.contains("already active") && !last.contains("Server is already")) {
                break; // not a race for the display number: it will not start on the next one either
            }
        }
        throw new SetupException("Xvfb (" + binary + ") did not start a display within " + START_TIMEOUT.toSeconds()
                + " s: " + TailBuffer.lastLines(last, 5, 300) + "; WebKit needs a display: install " + XVFB.installCommand());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while Xvfb started", e);
        }
    }

    /**
     * Stops the display: politely first, so that Xvfb removes its lock file and socket (a killed one leaves
     * them behind and its display number stays taken), then by force.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                ProcessTree.kill(process);
            }
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
        }
    }
}
