package dev.pywasm.compat.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.ProcessTree;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPython built from source for wasm32-emscripten by the recipe of CPython's Tools/wasm/README.md:
 * a native build Python, then {@code emconfigure ../../configure -C --host=wasm32-unknown-emscripten
 * --with-emscripten-target=node|browser} with {@code CONFIG_SITE=Tools/wasm/config.site-wasm32-emscripten}
 * and {@code emmake make}. Only package registries are used: Debian's {@code emscripten} and source
 * packages; the README's {@code embuilder build zlib bzip2} (a download) is replaced by zlib built
 * with emcc from Debian's source, and bz2 / sqlite3 are configured out. The steps are the shell script
 * {@code cpython-wasm-build.sh}, one process per step with its own log.
 *
 * <p>Builds are cached under {@code <cache>/cpython-source/emcc-<version>-<source>/} (sources, the
 * build Python, zlib and one build tree per target); a finished step leaves a marker, so a second
 * run with the same key only checks the outputs. Each target's build record
 * ({@code build-record-<target>.json}) says what went in: CPython and Emscripten versions, target,
 * configure options, what happened to the ports, step timings.
 */
public final class SourceBuild implements Runtime {

    /** The targets of the README's recipe. */
    public static final List<String> TARGETS = List.of("node", "browser");
    /** Debian's CPython source package, the default source. */
    public static final String DEBIAN_SOURCE = "python3.11";

    private static final List<String> SHARED_STEPS = List.of("toolchain", "source", "zlib", "build-python");
    private static final List<String> TARGET_STEPS = List.of("configure", "make", "install");
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(60);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    private static final Pattern EMCC_VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)");
    private static final Pattern PY_VERSION = Pattern.compile("#define\\s+PY_VERSION\\s+\"([^\"]+)\"");

    private final String target;
    private final Path cache;
    private final Path source;
    private final boolean force;
    private final int jobs;
    private final Toolchain toolchain;
    private final Map<String, Long> toolchainTiming = new LinkedHashMap<>();
    private String emccVersion;

    /**
     * @param target node or browser
     * @param cache  the harness's cache directory
     * @param source a CPython source tree or tarball; null: Debian's {@value #DEBIAN_SOURCE} source package
     * @param force  build again even when the cache has the outputs
     */
    public SourceBuild(String target, Path cache, Path source, boolean force) {
        this(target, cache, source, force, Toolchain.fromEnvironment());
    }

    /** As above, with the given Emscripten toolchain ({@code --emsdk}); its emcc version keys the cache. */
    public SourceBuild(String target, Path cache, Path source, boolean force, Toolchain toolchain) {
        if (!TARGETS.contains(target)) {
            throw new IllegalArgumentException("--target: unknown build target '" + target + "' (known: " + TARGETS + ")");
        }
        if (source != null && !Files.exists(source)) {
            throw new SetupException("--cpython-source: no such file or directory: " + source);
        }
        this.target = target;
        this.cache = cache;
        this.source = source;
        this.force = force;
        this.jobs = Math.max(1, java.lang.Runtime.getRuntime().availableProcessors());
        this.toolchain = toolchain;
    }

    /** {@code cpython-<series>-<target>}, e.g. {@code cpython-3.11-node}. */
    @Override
    public String id() {
        return "cpython-" + series(source) + "-" + target;
    }

    public String target() {
        return target;
    }

    /** The CPython series a source names before it is unpacked: Debian's package, a tree's patchlevel.h, a tarball's name. */
    static String series(Path source) {
        if (source == null) {
            return DEBIAN_SOURCE.substring("python".length());
        }
        String version = null;
        if (Files.isDirectory(source)) {
            version = pyVersion(source.resolve("Include/patchlevel.h"));
        } else {
            Matcher m = Pattern.compile("(\\d+\\.\\d+)(\\.\\d+)?").matcher(source.getFileName().toString());
            version = m.find() ? m.group(1) : null;
        }
        if (version == null) {
            return "source";
        }
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    /** The work directory: one per toolchain version and source. */
    Path workDir(String emccVersion) {
        String origin = source == null ? "debian-" + DEBIAN_SOURCE : "src-" + sha8(source.toAbsolutePath().toString());
        return cache.resolve("cpython-source").resolve("emcc-" + emccVersion + "-" + origin);
    }

    /**
     * Makes sure the toolchain is there (the script's {@code toolchain} step: Debian's
     * {@code emscripten} with apt-get when {@code emcc} is missing and we are root) and returns its
     * version. Runs once per build; {@link #prepare} calls it first, and a run calls it before it
     * detects its hosts, so that the {@code emcc} host finds the compiler this build installs.
     */
    public synchronized String toolchain(Progress progress) {
        if (emccVersion == null) {
            Path staging = cache.resolve("cpython-source").resolve("staging");
            emccVersion = emccVersion(step("toolchain", staging, extractScript(), progress, toolchainTiming));
        }
        return emccVersion;
    }

    @Override
    public RuntimeImage prepare(Progress progress) {
        // The toolchain step installs emcc when needed; its version names the cache.
        String emcc = toolchain(progress);
        Path script = extractScript();
        Map<String, Long> timings = new LinkedHashMap<>(toolchainTiming);
        Path work = workDir(emcc);
        Path tree = work.resolve("cpython").resolve("builddir").resolve("emscripten-" + target);
        if (force) {
            clearMarkers(work);
        }
        boolean cached = complete(work);
        if (cached) {
            progress.say("Reusing the " + target + " build in " + tree);
        } else {
            progress.say("Building CPython for wasm32-emscripten, target " + target + ", with emcc " + emcc
                    + " (the README's recipe; about 15 minutes on 2 cores when nothing is cached). Logs: "
                    + work.resolve("logs"));
            try (BuildLock shared = BuildLock.acquire(work, "shared", progress)) {
                for (String s : SHARED_STEPS.subList(1, SHARED_STEPS.size())) {
                    step(s, work, script, progress, timings);
                }
            }
            try (BuildLock own = BuildLock.acquire(work, target, progress)) {
                for (String s : TARGET_STEPS) {
                    step(s, work, script, progress, timings);
                }
            }
        }
        String python = pyVersion(work.resolve("cpython/Include/patchlevel.h"));
        writeRecord(work, emcc, python, tree, timings, cached);
        return new RuntimeImage(id(), RuntimeKind.CPYTHON_SOURCE, python == null ? "unknown" : python, tree, emcc);
    }

    /**
     * Whether this target's build is in the cache, finished, for the Emscripten on PATH now: what
     * {@link #prepare} would reuse without building. Cheap (runs {@code emcc --version}, a few
     * seconds at most; builds nothing, installs nothing, writes nothing), so a caller can leave a
     * runtime out instead of starting a 15-minute build it was not asked for.
     */
    public boolean cached() {
        if (force) {
            return false;
        }
        RawRun version;
        try {
            version = ProcessRunner.run(List.of(toolchain.emcc(), "--version"), Duration.ofSeconds(60), null,
                    toolchain.environment());
        } catch (UncheckedIOException e) {
            return false; // no emcc: the toolchain step would install one first
        }
        if (version.exitCode() == null || version.exitCode() != 0) {
            return false;
        }
        try {
            return cachedFor(emccVersion(version.stdout()));
        } catch (SetupException e) {
            return false;
        }
    }

    /** {@link #cached()} for a given Emscripten version: the cache key without asking {@code emcc}. */
    boolean cachedFor(String emccVersion) {
        return !force && complete(workDir(emccVersion));
    }

    /**
     * Every step of this target finished in {@code work} and its outputs are there: what the script's
     * {@code layout} step lists. A shared step ({@code source}, {@code zlib}, {@code build-python})
     * leaves one marker {@code markers/<step>} for both targets, a target step
     * {@code markers/<step>-<target>}; the outputs are the target's {@code python.js} and the build
     * Python the {@code emcc} host runs.
     */
    private boolean complete(Path work) {
        Path cpython = work.resolve("cpython").resolve("builddir");
        if (!Files.isRegularFile(cpython.resolve("emscripten-" + target).resolve("python.js"))
                || !Files.isRegularFile(cpython.resolve("build").resolve("python"))) {
            return false;
        }
        Path markers = work.resolve("markers");
        return SHARED_STEPS.subList(1, SHARED_STEPS.size()).stream().allMatch(s -> Files.isRegularFile(markers.resolve(s)))
                && TARGET_STEPS.stream().allMatch(s -> Files.isRegularFile(markers.resolve(s + "-" + target)));
    }

    private void clearMarkers(Path work) {
        for (String s : TARGET_STEPS) {
            try {
                Files.deleteIfExists(work.resolve("markers").resolve(s + "-" + target));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear the build markers in " + work, e);
            }
        }
    }

    /** Runs one step of the script with its output in {@code logs/<step>.log}; throws with the log's tail on failure. */
    private String step(String name, Path work, Path script, Progress progress, Map<String, Long> timings) {
        boolean perTarget = TARGET_STEPS.contains(name);
        String label = perTarget ? name + " (" + target + ")" : name;
        Path log = work.resolve("logs").resolve(name + (perTarget ? "-" + target : "") + ".log");
        List<String> command = List.of("bash", script.toString(), name);
        long start = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(toolchain.environment());
            pb.environment().put("PYWASM_WORK", work.toString());
            if (perTarget) {
                // Shared steps must not see a target: their markers (and outputs) serve both targets.
                pb.environment().put("PYWASM_TARGET", target);
            }
            pb.environment().put("PYWASM_JOBS", Integer.toString(jobs));
            if (source != null) {
                pb.environment().put("PYWASM_CPYTHON_SOURCE", source.toAbsolutePath().toString());
            }
            process = pb.start();
        } catch (IOException e) {
            throw new SetupException("cannot start build step " + label + ": " + e.getMessage(), e);
        }
        try {
            while (!process.waitFor(PROGRESS_EVERY.toSeconds(), TimeUnit.SECONDS)) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (elapsed.compareTo(STEP_TIMEOUT) > 0) {
                    ProcessTree.kill(process);
                    throw new SetupException("build step " + label + " did not finish within " + STEP_TIMEOUT.toMinutes()
                            + " minutes; killed. Last lines of " + log + ":\n" + tail(log, 30));
                }
                progress.say(String.format(Locale.ROOT, "  %s: %d s, %s", label, elapsed.toSeconds(), tail(log, 1).strip()));
            }
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted during build step " + label, e);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        timings.put(label, seconds);
        if (process.exitValue() != 0) {
            throw new SetupException("build step " + label + " failed (exit " + process.exitValue() + "). Last lines of "
                    + log + ":\n" + tail(log, 30));
        }
        String out = tail(log, 400);
        progress.say("  " + label + ": done in " + seconds + " s" + (out.contains("done before") ? " (cached)" : ""));
        return out;
    }

    static String emccVersion(String toolchainOutput) {
        for (String line : toolchainOutput.lines().toList()) {
            if (line.startsWith("emcc")) {
                Matcher m = EMCC_VERSION.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new SetupException("cannot read the Emscripten version from 'emcc --version':\n" + toolchainOutput);
    }

    static String pyVersion(Path patchlevel) {
        try {
            Matcher m = PY_VERSION.matcher(Files.readString(patchlevel, StandardCharsets.ISO_8859_1));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** What went into this target's build, next to it: {@code build-record-<target>.json}. */
    private void writeRecord(Path work, String emcc, String python, Path tree, Map<String, Long> timings, boolean cached) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("runtime", id());
        record.put("cpython", python);
        record.put("emscripten", emcc);
        record.put("target", target);
        record.put("source", source == null ? "Debian source package " + DEBIAN_SOURCE : source.toAbsolutePath().toString());
        record.put("recipe", "CPython Tools/wasm/README.md: build Python, then CONFIG_SITE=Tools/wasm/config.site-wasm32-emscripten "
                + "emconfigure ../../configure -C --host=wasm32-unknown-emscripten --build=$(../../config.guess) "
                + "--with-emscripten-target=" + target + " --with-build-python=builddir/build/python; emmake make");
        record.put("ports", Map.of(
                "zlib", "built with emcc from Debian's zlib source (embuilder would download it)",
                "bzip2", "not built: _bz2 configured out (py_cv_module__bz2=n/a)",
                "sqlite3", "not built: _sqlite3 configured out (py_cv_module__sqlite3=n/a)"));
        record.put("linkFlags", readOr(tree.resolve("pywasm-link-flags"), "").strip());
        record.put("outputs", tree.toString());
        record.put("cached", cached);
        record.put("stepSeconds", timings);
        record.put("recordedAt", Instant.now().toString());
        Path file = work.resolve("build-record-" + target + ".json");
        try {
            Path tmp = Files.createTempFile(work, "record", ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), record);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String readOr(Path file, String otherwise) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return otherwise;
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The build script, as {@code cpython-source/cpython-wasm-build-<sha8 of its text>.sh}: a harness of
     * another version building in the same cache at the same time has its own file. The file is never
     * rewritten in place (bash reads a script while running it, so a rewrite would make a running step
     * go on with the other text): it is written to a temporary file and renamed, and only when missing.
     */
    Path extractScript() {
        try (InputStream in = SourceBuild.class.getResourceAsStream("cpython-wasm-build.sh")) {
            if (in == null) {
                throw new IllegalStateException("harness resource missing: cpython-wasm-build.sh");
            }
            byte[] text = in.readAllBytes();
            Path dir = Files.createDirectories(cache.resolve("cpython-source"));
            Path script = dir.resolve("cpython-wasm-build-" + sha8(new String(text, StandardCharsets.UTF_8)) + ".sh");
            if (!Files.isRegularFile(script)) {
                Path tmp = Files.createTempFile(dir, ".cpython-wasm-build", ".tmp");
                Files.write(tmp, text);
                Files.move(tmp, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build script into " + cache, e);
        }
    }

    private static String sha8(String s) {
        return Sha256.of(s).substring(0, 8);
    }

    /** The steps this build runs, in order, for documentation and tests. */
    public List<String> steps() {
        List<String> all = new ArrayList<>(SHARED_STEPS);
        TARGET_STEPS.forEach(s -> all.add(s + " (" + target + ")"));
        return all;
    }
}
