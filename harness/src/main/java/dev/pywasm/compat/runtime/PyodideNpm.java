package dev.pywasm.compat.runtime;

import dev.pywasm.compat.exec.TempFile;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.Sha256;
import dev.pywasm.compat.exec.TailBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pyodide fetched from the npm registry with {@code npm install} (which checks each tarball against
 * the registry's integrity hash), cached under {@code <cache>/pyodide/<version>}. A cached copy is
 * reused when every file still matches the SHA-256 manifest written after the install; otherwise it
 * is installed again. Installs hold a lock file per version ({@code <cache>/pyodide/.lock-<version>}),
 * so two processes sharing the cache never install the same release at once: the second waits, then
 * finds it installed.
 */
public final class PyodideNpm implements Runtime {

    /**
     * A fixed release for what needs one (the benchmark's default, tests): the newest release of the
     * nightly matrix's pinned list (CPython 3.14, Emscripten 5.0.3). Runs default to
     * {@link PyodideReleases#LATEST} instead, resolved at run time.
     */
    public static final String DEFAULT_VERSION = "314.0.7";

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:[-.][0-9A-Za-z.]+)?");
    static final String MANIFEST = "pywasm-compat.manifest.json";
    /** Installs in this process, per version directory: a file lock cannot be taken twice by one JVM. */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> INSTALLING =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final List<String> REQUIRED = List.of("pyodide.js", "pyodide.asm.wasm", "python_stdlib.zip",
            "package.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String version;
    private final Path cacheRoot;
    private final String npm;
    private final String resolution;

    public PyodideNpm(String version, Path cacheRoot, String npm) {
        this(version, cacheRoot, npm, null);
    }

    /**
     * @param resolution how the version was chosen when it was not named (e.g. from npm's latest dist-tag),
     *                   recorded with the runtime's identity; null when named
     */
    public PyodideNpm(String version, Path cacheRoot, String npm, String resolution) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new SetupException("--pyodide: '" + version + "' is not a version number (e.g. " + DEFAULT_VERSION + ")");
        }
        this.version = version;
        this.cacheRoot = cacheRoot;
        this.npm = npm == null ? "npm" : npm;
        this.resolution = resolution;
    }

    @Override
    public String resolution() {
        return resolution;
    }

    @Override
    public String id() {
        return "pyodide-" + version;
    }

    public Path home() {
        return cacheRoot.resolve("pyodide").resolve(version);
    }

    /** Whether an install finished in the cache (its manifest is there); cheap: checks no file's hash. */
    public boolean installed() {
        return Files.isRegularFile(home().resolve(MANIFEST));
    }

    private static Path packageDir(Path home) {
        return home.resolve("node_modules").resolve("pyodide");
    }

    @Override
    public synchronized RuntimeImage prepare(Progress progress) {
        Path home = home();
        String problem = verify(home);
        if (problem == null) {
            return image(home);
        }
        synchronized (INSTALLING.computeIfAbsent(home, k -> new Object())) {
            try (BuildLock lock = BuildLock.acquire(home.getParent(), version, progress)) {
                problem = verify(home); // another process may have installed it while this one waited
                if (problem == null) {
                    return image(home);
                }
                if (Files.exists(home)) {
                    progress.say("Cached Pyodide " + version + " at " + home + " is not intact (" + problem
                            + "); installing it again");
                }
                install(home, progress);
            }
        }
        return image(home);
    }

    private RuntimeImage image(Path home) {
        return new RuntimeImage(id(), RuntimeKind.PYODIDE, version, packageDir(home));
    }

    /** Null when the cached copy is intact, else what is wrong with it. */
    String verify(Path home) {
        Path manifest = home.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return "no manifest";
        }
        Map<String, String> recorded;
        try {
            recorded = JSON.readValue(manifest.toFile(), new TypeReference<TreeMap<String, String>>() { });
        } catch (IOException e) {
            return "unreadable manifest";
        }
        Map<String, String> actual = hashes(packageDir(home));
        if (!actual.equals(recorded)) {
            long changed = recorded.keySet().stream().filter(k -> !recorded.get(k).equals(actual.get(k))).count();
            return changed + " file(s) changed or missing";
        }
        return null;
    }

    private void install(Path home, Progress progress) {
        progress.say("Installing Pyodide " + version + " from the npm registry into " + home + " ...");
        Path tmp = home.resolveSibling("." + version + ".installing-" + ProcessHandle.current().pid());
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            RawRun npmRun;
            try {
                npmRun = ProcessRunner.run(List.of(npm, "install", "--prefix", tmp.toString(), "--no-audit", "--no-fund",
                        "--ignore-scripts", "--loglevel=error", "pyodide@" + version), Duration.ofMinutes(10), tmp, null);
            } catch (UncheckedIOException e) {
                throw new SetupException("cannot run '" + npm + "' to install Pyodide: " + e.getCause().getMessage()
                        + ". Install Node.js and npm (e.g. apt-get install -y nodejs npm).", e);
            }
            if (npmRun.timedOut() || npmRun.exitCode() == null || npmRun.exitCode() != 0) {
                throw new SetupException(npmFailure(npmRun));
            }
            Path pkg = packageDir(tmp);
            for (String f : REQUIRED) {
                if (!Files.isRegularFile(pkg.resolve(f))) {
                    throw new SetupException("npm installed pyodide@" + version + " but " + f + " is missing in " + pkg);
                }
            }
            String installed = JSON.readTree(pkg.resolve("package.json").toFile()).path("version").asText();
            if (!version.equals(installed)) {
                throw new SetupException("npm installed pyodide " + installed + " where " + version + " was asked for");
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(MANIFEST).toFile(), hashes(pkg));
            deleteTree(home);
            Files.createDirectories(home.getParent());
            Files.move(tmp, home);
            progress.say("Installed Pyodide " + version + " (" + Files.size(packageDir(home).resolve("pyodide.asm.wasm")) / 1024 / 1024
                    + " MB wasm)");
        } catch (IOException e) {
            throw new SetupException("cannot install Pyodide " + version + " into " + home + ": " + e, e);
        } finally {
            try {
                deleteTree(tmp);
            } catch (IOException ignored) {
                // a leftover temporary directory is harmless; the next install starts by deleting it
            }
        }
    }

    private String npmFailure(RawRun run) {
        String err = run.stderr() + run.stdout();
        if (err.contains("ETARGET") || err.contains("No matching version")) {
            return "Pyodide " + version + " is not on the npm registry. Known versions: " + knownVersions()
                    + ". Choose one with --pyodide VERSION (or -Dpywasm.pyodide=VERSION in mvn).";
        }
        return "npm could not install pyodide@" + version + (run.timedOut() ? " (timed out)" : " (exit " + run.exitCode() + ")")
                + ":\n" + TailBuffer.lastLines(err, 15, 300);
    }

    private String knownVersions() {
        try {
            RawRun r = ProcessRunner.run(List.of(npm, "view", "pyodide", "versions", "--json"),
                    Duration.ofMinutes(1), null, null);
            List<String> all = JSON.readValue(r.stdout(), new TypeReference<List<String>>() { });
            return String.join(", ", all.stream().filter(v -> !v.contains("-")).toList());
        } catch (Exception e) {
            return "(npm view pyodide versions failed: " + e.getMessage() + ")";
        }
    }

    static Map<String, String> hashes(Path dir) {
        Map<String, String> result = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                result.put(dir.relativize(f).toString().replace('\\', '/'), Sha256.of(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    static void deleteTree(Path dir) throws IOException {
        TempFile.deleteTree(dir);
    }
}
