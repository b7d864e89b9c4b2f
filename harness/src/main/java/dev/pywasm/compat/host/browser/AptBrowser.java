package dev.pywasm.compat.host.browser;

import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A browser (or its driver) from a Debian package: an explicit path first (an option or an
 * environment variable), then the package's well-known paths; when none is there and we are root
 * with apt-get, the packages are installed; otherwise one error naming what to install. What a browser
 * host needs before it launches anything.
 *
 * @param what      the name in messages, e.g. {@code Firefox}
 * @param env       the environment variable naming another binary
 * @param wellKnown where the packages put the binary, first one preferred
 * @param packages  the Debian packages that provide it (and what it needs, e.g. {@code xvfb})
 */
public record AptBrowser(String what, String env, List<Path> wellKnown, List<String> packages) {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);

    public AptBrowser {
        wellKnown = List.copyOf(wellKnown);
        packages = List.copyOf(packages);
    }

    /** The install command a user types, e.g. {@code apt-get install -y firefox-esr}. */
    public String installCommand() {
        return "apt-get install -y " + String.join(" ", packages);
    }

    /**
     * The binary: {@code explicit} (may be null; {@code flag} names it in messages), else {@link #env()}, else a
     * well-known path, else freshly installed packages.
     */
    public Path locate(String explicit, String flag, PrintStream progress) {
        return locate(explicit, flag, progress, isRoot() && Files.isExecutable(Path.of("/usr/bin/apt-get")));
    }

    /** As {@link #locate(String, String, PrintStream)}; {@code mayInstall}: whether apt-get may install the packages. */
    Path locate(String explicit, String flag, PrintStream progress, boolean mayInstall) {
        String configured = explicit != null && !explicit.isBlank() ? explicit : System.getenv(env);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new SetupException(what + " '" + configured + "' (from "
                        + (explicit != null && !explicit.isBlank() ? flag : env) + ") is not an executable file");
            }
            return p;
        }
        for (Path p : wellKnown) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if (mayInstall) {
            progress.println(what + " not found: installing Debian's " + packages + " (apt-get update && "
                    + installCommand() + ") ...");
            RawRun r = ProcessRunner.run(List.of("sh", "-c", "apt-get update && " + installCommand()), INSTALL_TIMEOUT,
                    null, Map.of("DEBIAN_FRONTEND", "noninteractive"));
            for (Path p : wellKnown) {
                if (r.exitCode() != null && r.exitCode() == 0 && Files.isExecutable(p)) {
                    return p;
                }
            }
            throw new SetupException("installing " + what + " with apt-get failed" + (r.timedOut() ? " (timed out)" : "")
                    + ":\n" + TailBuffer.lastLines(r.stdout() + r.stderr(), 10, 300)
                    + "\ninstall it yourself (" + installCommand() + ") or set " + env + " to its binary");
        }
        throw new SetupException(what + " not found (looked at " + env + ", " + wellKnown + "): install it (Debian/Ubuntu: "
                + "sudo " + installCommand() + ") or set " + env + " (or " + flag + ") to its binary");
    }

    /** Whether this JVM runs as root (uid 0). */
    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
