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
 * @param name   the probe's file name as shown in tracebacks, e.g. {@code network/socketpair.py}
 * @param source the probe's Python source
 */
public record ProbeProgram(String name, String source) {

    private static final String HELPER = resource("pywasm_probe.py");

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
                + "del _s, _t, _m\n"
                + "exec(compile(_b.b64decode('" + b64(source) + "').decode(), '" + name.replace("'", "") + "', 'exec'),"
                + " {'__name__': '__main__'})\n";
    }

    /**
     * The program text, first saying on stdout that it has been handed over
     * ({@link ProbeOutput#STARTED}): for runtimes the harness starts as a plain process
     * ({@code node python.js probe.py}), which cannot say so themselves.
     */
    public String programAnnouncingStart() {
        return "import sys as _s\n_s.stdout.write('" + ProbeOutput.STARTED + "\\n')\n_s.stdout.flush()\ndel _s\n" + program();
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
