package dev.pywasm.compat.host;

import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.ProbeZone;
import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.exec.TempFile;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control host: every probe on the machine's own CPython ({@code python3}, or {@code --python PATH}),
 * no wasm involved, like web-platform-tests' reference run or pytest-pyodide's host runtime. On native
 * CPython almost every limitation the README describes is absent, so a limitation claim must come out
 * STALE here: that is what shows its probe can see the README being wrong. A claim that does not is
 * explained in the catalog ({@code control:}).
 *
 * <p>It runs every claim of the catalog, whatever hosts the claim names (see {@link Host#control()}), and
 * the same probe program the wasm hosts run, as {@code python3 probe.py} in a fresh process per probe,
 * in the probes' time zone ({@link ProbeZone}). The runtime image of the run is not used: the column is
 * the same CPython for every runtime, recorded under each runtime's expectations.
 */
public final class NativeHost implements Host {

    /** A native CPython starts in well under a second: a minute is plenty, even on a busy machine. */
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(60), Duration.ZERO);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

    private final String python;
    private final HostIdentity identity;
    private final Path workDir;

    private NativeHost(String python, HostIdentity identity, Path workDir) {
        this.python = python;
        this.identity = identity;
        this.workDir = workDir;
    }

    /** Finds the CPython ({@code python}, default {@code python3} on PATH) and reads its version. */
    public static NativeHost detect(String python, Path workDir) {
        String binary = python == null || python.isBlank() ? "python3" : python;
        RawRun version;
        try {
            version = ProcessRunner.run(List.of(binary, "-c",
                    "import sys, platform; print(platform.python_implementation(), platform.python_version(), sys.platform, platform.machine())"),
                    VERSION_TIMEOUT, null, null);
        } catch (UncheckedIOException e) {
            throw new SetupException("--python: '" + binary + "' not found: the native control host needs a CPython "
                    + "(apt-get install -y python3, or name one with --python PATH)", e);
        }
        String out = version.stdout().strip();
        if (version.exitCode() == null || version.exitCode() != 0 || out.isEmpty()) {
            throw new SetupException("--python: '" + binary + "' did not run: "
                    + TailBuffer.lastLines(version.stdout() + version.stderr(), 3, 200));
        }
        String[] parts = out.split("\\s+");
        return new NativeHost(binary, new HostIdentity("native", parts.length > 1 ? parts[0] + " " + parts[1] : out,
                List.of(), List.of(), "control: " + binary + " (" + out + "), no wasm; each probe in a fresh process, TZ="
                + ProbeZone.ID), workDir);
    }

    @Override
    public String id() {
        return HostKind.NATIVE.id();
    }

    @Override
    public HostIdentity identity() {
        return identity;
    }

    /** The control runs every claim: its verdicts show what each probe sees where no limitation applies. */
    @Override
    public boolean control() {
        return true;
    }

    /** Not the run's runtime: its identity is read on the wasm hosts. */
    @Override
    public boolean readsRuntimeIdentity() {
        return false;
    }

    @Override
    public HostSession open(RuntimeImage image) {
        return new HostSession() {
            @Override
            public RawRun run(ProbeProgram program, Limits limits) {
                // Each probe gets a temporary directory of its own (TMPDIR), deleted afterwards: what a probe's
                // tempfile calls leave (files, fifos, sockets, a chown'd file) goes with it, never into the
                // machine's /tmp, and no probe sees another's.
                return TempFile.withDirectory(workDir, "tmp-", tmp -> {
                    Map<String, String> env = new HashMap<>(ProbeZone.ENV);
                    env.put("TMPDIR", tmp.toString());
                    return TempFile.withProbe(workDir, program.programAnnouncingStart(), file -> ProcessRunner.run(
                            List.of(python, file.toString()), limits, ProbeOutput.STARTED, workDir, env));
                });
            }

            @Override
            public Timeouts timeouts() {
                return TIMEOUTS;
            }

            @Override
            public java.util.Optional<String> note() {
                return java.util.Optional.of("the control: " + identity.version() + " (" + python
                        + "), not " + image.id() + ", whose verdicts here show what each probe sees without wasm");
            }
        };
    }
}
