package dev.pywasm.compat.host;

import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.exec.TempFile;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compile-time host: the README's "Detect WebAssembly builds / C code" section can only be
 * checked with the toolchain at hand ({@code emcc -dM -E - < /dev/null}). Its probes are ordinary
 * probe files, run by the source build's own build Python (the README's "build Python
 * interpreter", a native CPython of the same version), with {@code PYWASM_EMCC} naming the
 * compiler and {@code PYWASM_BUILD_CFLAGS} the build's own CFLAGS; {@code pywasm_probe.defines()}
 * runs the compiler.
 *
 * <p>It runs only runtimes built here from source: for a Pyodide release the toolchain that built
 * it is not this machine's {@code emcc}, and checking another compiler's macros would say nothing
 * about that runtime. Such pairs are SKIPPED with that reason.
 */
public final class EmccHost implements Host {

    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)");
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(60);
    /** The build Python is a native CPython: it starts in well under a second, so a minute is plenty. */
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(60), Duration.ZERO);

    private final String emcc;
    private final HostIdentity identity;
    private final Path workDir;

    private EmccHost(String emcc, HostIdentity identity, Path workDir) {
        this.emcc = emcc;
        this.identity = identity;
        this.workDir = workDir;
    }

    /**
     * Finds {@code emcc}: the given path, then {@code $EMSDK/upstream/emscripten/emcc}, then
     * {@code emcc} on PATH, and reads its version.
     */
    public static EmccHost detect(String emcc, Path workDir) {
        String binary = emcc != null ? emcc : fromEmsdk().orElse("emcc");
        RawRun version;
        try {
            version = ProcessRunner.run(List.of(binary, "--version"), VERSION_TIMEOUT, null, toolEnv());
        } catch (UncheckedIOException e) {
            throw new SetupException("emcc not found ('" + binary + "'): the emcc host needs an Emscripten toolchain "
                    + "(set EMSDK, put emcc on PATH, or run './pywasm-compat build', which installs Debian's emscripten)", e);
        }
        Matcher m = VERSION.matcher(version.stdout());
        if (version.exitCode() == null || version.exitCode() != 0 || !m.find()) {
            throw new SetupException("'" + binary + " --version' did not print a version: "
                    + TailBuffer.lastLines(version.stdout() + version.stderr(), 3, 200));
        }
        return new EmccHost(binary, new HostIdentity("emcc", m.group(1), List.of(), List.of(),
                "compile-time probes: emcc -dM -E - < /dev/null under several flag sets, run by the build Python"),
                workDir);
    }

    private static Optional<String> fromEmsdk() {
        String emsdk = System.getenv("EMSDK");
        if (emsdk == null || emsdk.isBlank()) {
            return Optional.empty();
        }
        Path candidate = Path.of(emsdk, "upstream", "emscripten", "emcc");
        return Files.isExecutable(candidate) ? Optional.of(candidate.toString()) : Optional.empty();
    }

    /** Debian's emscripten looks for its node modules (acorn) there. */
    private static Map<String, String> toolEnv() {
        String nodePath = System.getenv("NODE_PATH");
        return Map.of("NODE_PATH", nodePath == null || nodePath.isBlank() ? "/usr/share/nodejs" : nodePath);
    }

    @Override
    public String id() {
        return "emcc";
    }

    @Override
    public HostIdentity identity() {
        return identity;
    }

    /** This host checks a toolchain, not a runtime: it has no runtime identity to read. */
    @Override
    public boolean readsRuntimeIdentity() {
        return false;
    }

    @Override
    public Optional<String> cannotRun(RuntimeImage image) {
        if (image.kind() != RuntimeKind.CPYTHON_SOURCE) {
            return Optional.of("compile-time macros are checked with the toolchain that built the runtime; "
                    + image.id() + " was not built here (its Emscripten is not this machine's emcc "
                    + identity.version() + ")");
        }
        if (image.emscripten() != null && !image.emscripten().equals(identity.version())) {
            return Optional.of(image.id() + " was built with Emscripten " + image.emscripten() + ", but emcc here is "
                    + identity.version());
        }
        if (!Files.isExecutable(buildPython(image))) {
            return Optional.of("no build Python at " + buildPython(image));
        }
        return Optional.empty();
    }

    /** The README's build Python: {@code builddir/build/python} beside the target's build directory. */
    static Path buildPython(RuntimeImage image) {
        return image.root().resolveSibling("build").resolve("python");
    }

    @Override
    public HostSession open(RuntimeImage image) {
        cannotRun(image).ifPresent(why -> {
            throw new SetupException(why);
        });
        Map<String, String> env = new LinkedHashMap<>(toolEnv());
        env.put("PYWASM_EMCC", emcc);
        env.put("PYWASM_BUILD_CFLAGS", String.join(" ", buildCflags(image.root().resolve("Makefile"))));
        Path python = buildPython(image);
        return new HostSession() {
            @Override
            public RawRun run(ProbeProgram program, Limits limits) {
                return TempFile.withProbe(workDir, program.programAnnouncingStart(), file -> ProcessRunner.run(
                        List.of(python.toString(), file.toString()), limits, ProbeOutput.STARTED, workDir, env));
            }

            @Override
            public Timeouts timeouts() {
                return TIMEOUTS;
            }
        };
    }

    /**
     * The code-generation flags the build compiled CPython with, from its Makefile's
     * {@code BASECFLAGS}, {@code CONFIGURE_CFLAGS} and {@code CONFIGURE_CFLAGS_NODIST}: the flags
     * that decide which feature macros the build's C code sees (include paths and warnings left out).
     */
    static List<String> buildCflags(Path makefile) {
        if (!Files.isRegularFile(makefile)) {
            return List.of();
        }
        List<String> flags = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(makefile)) {
                Matcher m = Pattern.compile("^(BASECFLAGS|CONFIGURE_CFLAGS|CONFIGURE_CFLAGS_NODIST)\\s*=(.*)$").matcher(line);
                if (!m.matches()) {
                    continue;
                }
                for (String flag : m.group(2).trim().split("\\s+")) {
                    if (!flag.isEmpty() && !flag.startsWith("-I") && !flag.startsWith("-W") && !flag.startsWith("-g")
                            && !flags.contains(flag) && !flag.contains("$")) {
                        flags.add(flag);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + makefile, e);
        }
        return flags;
    }
}
