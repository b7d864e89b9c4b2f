package dev.pywasm.compat.host;

import dev.pywasm.compat.exec.TempFile;
import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * A JavaScript engine's binary from the npm registry, installed on demand into the cache
 * ({@code <cache>/engines/<id>/<version>}) with {@code npm install --ignore-scripts} (npm checks the
 * tarball against the registry's integrity hash; no install script runs, and nothing is downloaded
 * from anywhere else). The install goes to a temporary directory first and is moved into place in
 * one step, so two processes sharing the cache never see half an install.
 */
public final class NpmBinary {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private NpmBinary() {
    }

    /** Where the engine's pinned version lives in the cache. */
    public static Path home(Path cache, JsEngine engine) {
        return cache.resolve("engines").resolve(engine.id()).resolve(engine.version());
    }

    /** The binary inside an install at {@code home}. */
    static Path binary(Path home, JsEngine engine) {
        return home.resolve("node_modules").resolve(engine.npmPackage()).resolve(engine.binary());
    }

    /**
     * The engine's binary: {@code explicit} (may be null), else the variable {@link JsEngine#env()}, else the cached
     * install of the pinned version, installed now when missing.
     */
    public static Path locate(JsEngine engine, String explicit, Path cache, String npm, PrintStream progress) {
        String configured = explicit != null && !explicit.isBlank() ? explicit : System.getenv(engine.env());
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new SetupException(engine.id() + " binary '" + configured + "' (from "
                        + (explicit != null && !explicit.isBlank() ? "--" + engine.id() : engine.env())
                        + ") is not an executable file");
            }
            return p;
        }
        if (cache == null) {
            throw new SetupException("no cache directory to install " + engine.id() + " into: pass --" + engine.id()
                    + " /path/to/" + engine.id() + " or set " + engine.env());
        }
        Path home = home(cache, engine);
        Path binary = binary(home, engine);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        install(engine, home, npm == null ? "npm" : npm, progress);
        return binary;
    }

    private static void install(JsEngine engine, Path home, String npm, PrintStream progress) {
        String spec = engine.npmPackage() + "@" + engine.version();
        progress.println(engine.id() + " not in the cache: installing " + spec + " from npm into " + home + " ...");
        Path tmp;
        try {
            Files.createDirectories(home.getParent());
            tmp = Files.createTempDirectory(home.getParent(), "." + engine.version() + "-installing-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + home.getParent(), e);
        }
        try {
            List<String> command = List.of(npm, "install", "--prefix", tmp.toString(), "--ignore-scripts", "--no-audit",
                    "--no-fund", "--no-save", spec);
            RawRun r;
            try {
                r = ProcessRunner.run(command, INSTALL_TIMEOUT, tmp, null);
            } catch (UncheckedIOException e) {
                throw new SetupException("cannot run npm ('" + npm + "') to install " + engine.id() + ": install Node.js "
                        + "with npm, or pass --" + engine.id() + " /path/to/" + engine.id(), e);
            }
            if (r.exitCode() == null || r.exitCode() != 0 || !Files.isExecutable(binary(tmp, engine))) {
                throw new SetupException("installing " + engine.id() + " (" + String.join(" ", command) + ") failed"
                        + (r.timedOut() ? " (timed out)" : "") + ":\n" + TailBuffer.lastLines(r.stdout() + r.stderr(), 10, 300)
                        + "\nor pass --" + engine.id() + " /path/to/" + engine.id() + " (or set " + engine.env() + ")");
            }
            try {
                Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // another process installed it meanwhile: keep theirs
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the install into " + home, e);
            }
        } finally {
            TempFile.deleteTreeQuietly(tmp);
        }
    }

}
