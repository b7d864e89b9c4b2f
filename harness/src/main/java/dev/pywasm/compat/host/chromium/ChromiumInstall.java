package dev.pywasm.compat.host.chromium;

import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Chromium to drive. Playwright's own browser download is never used (the machines this
 * runs on reach Maven Central, npm and Debian, not Playwright's CDN, and a distribution browser is
 * what users have): an explicit path first ({@code --chromium} / {@code PYWASM_CHROMIUM}), then the
 * Debian package's {@code /usr/bin/chromium}; when there is none and we are root with apt-get, the
 * Debian package is installed, otherwise the error says how to install it.
 */
public final class ChromiumInstall {

    /** The environment variable naming a Chromium or Chrome binary. */
    public static final String ENV = "PYWASM_CHROMIUM";
    static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
            Path.of("/usr/bin/google-chrome"));
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);
    /** apt-get's own wait for dpkg's lock, in seconds (as the build script's {@code apt_wait}). */
    private static final String APT_WAIT = "-o DPkg::Lock::Timeout=600";

    private ChromiumInstall() {
    }

    /**
     * The browser binary: {@code explicit} (may be null), else {@code $PYWASM_CHROMIUM}, else a
     * well-known path, else a freshly installed Debian package.
     */
    public static Path locate(String explicit, PrintStream progress) {
        String configured = explicit != null && !explicit.isBlank() ? explicit : System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new SetupException("Chromium '" + configured + "' (from " + (explicit != null ? "the options" : ENV)
                        + ") is not an executable file: point it at a Chromium or Chrome binary");
            }
            return p;
        }
        for (Path p : WELL_KNOWN) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if (isRoot() && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            progress.println("Chromium not found: installing Debian's 'chromium' package "
                    + "(apt-get update && apt-get install -y chromium) ...");
            // Waits for another apt-get (another job's install) instead of failing at once on dpkg's lock.
            RawRun r = ProcessRunner.run(List.of("sh", "-c", "apt-get " + APT_WAIT + " update && apt-get " + APT_WAIT
                            + " install -y chromium"),
                    INSTALL_TIMEOUT, null, Map.of("DEBIAN_FRONTEND", "noninteractive"));
            if (r.exitCode() != null && r.exitCode() == 0 && Files.isExecutable(WELL_KNOWN.get(0))) {
                return WELL_KNOWN.get(0);
            }
            throw new SetupException("installing Chromium with apt-get failed" + (r.timedOut() ? " (timed out)" : "")
                    + ":\n" + TailBuffer.lastLines(r.stdout() + r.stderr(), 10, 300)
                    + "\ninstall it yourself (apt-get install -y chromium) or set " + ENV + " to a Chromium binary");
        }
        throw new SetupException("Chromium not found (looked at " + ENV + ", " + WELL_KNOWN + "): install it "
                + "(Debian/Ubuntu: sudo apt-get install -y chromium) or set " + ENV + " to a Chromium or Chrome binary, "
                + "or set PYWASM_CDP_ENDPOINT to a running browser's DevTools URL");
    }

    /** The version {@code binary --version} prints, e.g. {@code 156.0.8078.79}. */
    public static String version(Path binary) {
        RawRun r;
        try {
            r = ProcessRunner.run(List.of(binary.toString(), "--version"), Duration.ofSeconds(30), null, null);
        } catch (UncheckedIOException e) {
            throw new SetupException("cannot run '" + binary + " --version': " + e.getMessage()
                    + "; set " + ENV + " to a working Chromium binary", e);
        }
        Matcher m = VERSION.matcher(r.stdout());
        if (!m.find()) {
            throw new SetupException("'" + binary + " --version' printed no version: "
                    + TailBuffer.lastLines(r.stdout() + r.stderr(), 3, 200) + "; set " + ENV + " to a Chromium binary");
        }
        return m.group();
    }

    /**
     * The command line switches: quiet (no background network, updates, sync, GPU, first-run UI),
     * and {@code --no-sandbox} only as root, where Chromium refuses to start with its sandbox.
     */
    public static List<String> args() {
        List<String> args = new ArrayList<>(List.of("--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-gpu", "--no-first-run"));
        if (isRoot()) {
            args.add("--no-sandbox");
        }
        return args;
    }

    /** Whether this JVM runs as root (uid 0). */
    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
