package dev.pywasm.compat.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A probe made ready to run on any wasm Python: one self-contained program that installs the
 * {@code pywasm_probe} helper module and then executes the probe's source under its own file name
 * (so tracebacks name the probe). Sources travel base64-encoded, so no quoting can break them, and
 * the same program text runs under {@code node python.js -c}, Pyodide's {@code runPython} or a page.
 *
 * <p>Each program carries a fresh {@linkplain #token() token}: the helper prints it in its observation
 * line and {@link ProbeOutput} counts only a line carrying it, so an observation line printed by the
 * probe's code or a library is a forgery, not an observation. The token travels inside the program text
 * (which every host hands to the runtime as it can: a file, an argument, a page message), armed into
 * the helper before the probe runs and never put in the probe's namespace. An exception escaping the
 * probe's top level (a {@code SyntaxError}, code outside the probe function) is reported as the
 * outcome {@code probe-error}.
 *
 * @param name   the probe's file name as shown in tracebacks, e.g. {@code network/socketpair.py}
 * @param source the probe's Python source
 * @param token  this run's token (see {@link #freshToken()})
 */
public record ProbeProgram(String name, String source, String token) {

    private static final String HELPER = resource("pywasm_probe.py");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A probe with a fresh token. */
    public ProbeProgram(String name, String source) {
        this(name, source, freshToken());
    }

    /** 128 random bits, hex: unguessable by a probe that does not read the helper's closure. */
    public static String freshToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** The same probe with another fresh token (each run of a probe gets its own). */
    public ProbeProgram refreshed() {
        return new ProbeProgram(name, source);
    }

    /**
     * The program text with a fixed token: what a cache keys a probe on (the token changes every run,
     * the program it guards does not).
     */
    public String stableProgram() {
        return new ProbeProgram(name, source, "0").program();
    }

    /** Reads a probe file; {@code name} is how it is shown in tracebacks and evidence. */
    public static ProbeProgram of(Path file, String name) {
        try {
            return new ProbeProgram(name, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read probe " + file, e);
        }
    }

    /** A probe shipped with the harness (e.g. the runtime identification). */
    public static ProbeProgram builtin(String name) {
        return new ProbeProgram(name, resource(name));
    }

    /** The program text to hand to the runtime. */
    public String program() {
        return "import sys as _s, types as _t, base64 as _b\n"
                + "_m = _t.ModuleType('pywasm_probe')\n"
                + "exec(compile(_b.b64decode('" + b64(HELPER) + "').decode(), 'pywasm_probe.py', 'exec'), _m.__dict__)\n"
                + "_s.modules['pywasm_probe'] = _m\n"
                + "_m._arm('" + token.replace("'", "") + "')\n"
                + "del _s, _t\n"
                + "try:\n"
                + "    exec(compile(_b.b64decode('" + b64(source) + "').decode(), '" + name.replace("'", "") + "', 'exec'),"
                + " {'__name__': '__main__'})\n"
                + "except BaseException as _e:\n"
                + "    _m.report(_m.probe_error(_e, 'raised at the probe file\\'s top level'))\n"
                + "del _m\n";
    }

    /**
     * The program text, first saying on stdout that it has been handed over
     * ({@link ProbeOutput#STARTED}): for runtimes the harness starts as a plain process
     * ({@code node python.js probe.py}), which cannot say so themselves.
     */
    public String programAnnouncingStart() {
        return "import sys as _s\n_s.stdout.write('" + ProbeOutput.STARTED + "\\n')\n_s.stdout.flush()\ndel _s\n" + program();
    }

    /**
     * As {@link #programAnnouncingStart()}, with {@code TMPDIR} set to {@code tmpdir} inside the runtime first: for a
     * runtime that shares its host's file system but takes no environment from its host process (CPython's node
     * build, NODERAWFS: Emscripten gives Python its own fixed environment), so that what a probe's tempfile calls
     * leave goes into a directory the harness deletes, as the native host's TMPDIR does, not into the machine's /tmp.
     */
    public String programAnnouncingStart(Path tmpdir) {
        return "import os as _o, base64 as _b\n_o.environ['TMPDIR'] = _b.b64decode('" + b64(tmpdir.toString())
                + "').decode()\ndel _o, _b\n" + programAnnouncingStart();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) {
        try (InputStream in = ProbeProgram.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("harness resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
