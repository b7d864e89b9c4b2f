package dev.pywasm.compat.host.chromium;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The probe page for CPython's own browser build ({@code cpython.html} + {@code cpython-page.js}):
 * what the page is asked to do for one probe, and what it reported back. Pure, so the request and
 * the reading of its events are unit-tested without a browser.
 *
 * <p>The build's own {@code python.html} is an interactive REPL: its {@code python.worker.js} calls
 * {@code main} with no arguments and then waits for keyboard input through a SharedArrayBuffer. A
 * probe is {@code python probe.py} instead, so the page loads the same {@code python.js} with a
 * {@code Module} whose {@code arguments} name the probe file that its {@code preRun} writes into
 * the Emscripten file system.
 */
final class CPythonPage {

    /** How the page's console messages that carry an event begin. */
    static final String EVENT = "pywasm-event ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The page, served from the harness's directory. */
    static final String PAGE = "cpython.html";
    /** The build's JavaScript, in the runtime directory. */
    static final String SCRIPT = "python.js";
    /** What a build directory holds when it is CPython's browser target (the node target has no page). */
    static final List<String> BROWSER_OUTPUTS = List.of("python.html", "python.js", "python.wasm", "python.data");
    /** Where the probe program is written in MEMFS; /tmp exists from the file system's start. */
    static final String PROBE_PATH = "/tmp/pywasm_probe_main.py";

    private CPythonPage() {
    }

    /** Why {@code root} is not a browser build that this page can load, or empty when it is one. */
    static Optional<String> notABrowserBuild(Path root) {
        if (!Files.isRegularFile(root.resolve("python.html"))) {
            return Optional.of("this is CPython's node target (no python.html in " + root
                    + "); browsers run the browser target");
        }
        List<String> missing = BROWSER_OUTPUTS.stream().filter(f -> !Files.isRegularFile(root.resolve(f))).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("the browser build in " + root + " is incomplete: no " + String.join(", ", missing));
    }

    /** The argument of {@code window.pywasmStartCPython}: everything the page needs for one run. */
    static Map<String, Object> request(String runtimeUrl, ProbeProgram program) {
        if (!runtimeUrl.endsWith("/")) {
            throw new IllegalArgumentException("runtimeUrl must end with '/': " + runtimeUrl);
        }
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("runtimeUrl", runtimeUrl);
        req.put("script", SCRIPT);
        req.put("probePath", PROBE_PATH);
        req.put("program", program.program());
        // argv as the README's "node python.js script.py" has it: the script, nothing else.
        req.put("arguments", List.of(PROBE_PATH));
        return req;
    }

    /**
     * What one run reported, in arrival order. The page's events arrive on the Playwright thread;
     * the lists are synchronized anyway, as the runner reads them after the run.
     */
    static final class Events {
        final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        final dev.pywasm.compat.exec.LineCap console = dev.pywasm.compat.exec.LineCap.console();
        /** The run's output budget: past it, lines are dropped and the session ends the run. */
        private final dev.pywasm.compat.exec.OutputCap cap;

        Events() {
            this(dev.pywasm.compat.exec.Limits.DEFAULT_OUTPUT_BYTES);
        }

        Events(long outputLimit) {
            this.cap = new dev.pywasm.compat.exec.OutputCap(outputLimit);
        }

        /** True once the run printed more than its output limit. */
        boolean overLimit() {
            return cap.exceeded();
        }

        long outputLimit() {
            return cap.limit();
        }
        private volatile Long preRunMillis;
        private volatile Long startedMillis;
        private volatile Map<String, Object> end;

        /**
         * A console message of the page: an event ({@value #EVENT}{@code [kind, payload]}, see
         * cpython-page.js) or any other message, kept as a console line.
         */
        void onConsole(String type, String text) {
            if (text != null && text.startsWith(EVENT)) {
                try {
                    List<?> event = JSON.readValue(text.substring(EVENT.length()), List.class);
                    if (event.size() == 2) {
                        on(String.valueOf(event.get(0)), event.get(1));
                        return;
                    }
                } catch (java.io.IOException e) {
                    // not one of ours after all: keep it as it is
                }
            }
            console.add("[console." + type + "] " + text);
        }

        /** One event from the page. Unknown kinds are kept as console lines. */
        void on(String kind, Object payload) {
            switch (kind) {
                case "stdout", "stderr" -> {
                    String line = String.valueOf(payload);
                    if (cap.add(line.length() + 1L)) {
                        ("stdout".equals(kind) ? stdout : stderr).add(line);
                    }
                }
                case "prerun" -> preRunMillis = number(payload);
                case "started" -> startedMillis = number(payload);
                case "end" -> {
                    if (end == null && payload instanceof Map<?, ?> m) {
                        Map<String, Object> copy = new LinkedHashMap<>();
                        m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                        end = copy;
                    }
                }
                default -> console.add("[page " + kind + "] " + payload);
            }
        }

        /** The harness's own end: the page died or was closed. */
        void died(String name, String message) {
            on("end", Map.of("how", "fatal", "name", name, "message", message));
        }

        /** Python's main() is about to run (or the run already ended). */
        boolean started() {
            return startedMillis != null || end != null;
        }

        boolean ended() {
            return end != null;
        }

        Long startedMillis() {
            return startedMillis;
        }

        /** Python's exit status, or null when it did not exit (died, still running). */
        Integer exitStatus() {
            Map<String, Object> e = end;
            return e != null && "exit".equals(e.get("how")) && e.get("status") instanceof Number n ? n.intValue() : null;
        }

        /** True when the runtime died (abort, uncaught JavaScript error, page crash) instead of exiting. */
        boolean died() {
            Map<String, Object> e = end;
            return e != null && !"exit".equals(e.get("how"));
        }

        /**
         * The run's stdout as the observation protocol reads it: the page's lines, plus a
         * {@code PYWASM-FATAL} line when the runtime died, as the other hosts' drivers print one.
         */
        List<String> protocolStdout() {
            List<String> out = new ArrayList<>(List.copyOf(stdout));
            Map<String, Object> e = end;
            if (died()) {
                out.add(ProbeOutput.fatalLine(String.valueOf(e.get("name")), String.valueOf(e.get("message"))));
            }
            return out;
        }

        /** One line on how the run went, for the evidence. */
        String describe() {
            Map<String, Object> e = end;
            String how = e == null ? "no end"
                    : "exit".equals(e.get("how")) ? "Python exited with status " + e.get("status")
                    : "the runtime died: " + e.get("name") + ": " + e.get("message");
            return "python.js " + (preRunMillis == null ? "did not reach preRun" : "reached preRun at " + preRunMillis + " ms")
                    + (startedMillis == null ? ", main() did not start" : ", main() started at " + startedMillis + " ms")
                    + "; " + how + (e != null && e.get("ms") != null ? " at " + e.get("ms") + " ms" : "");
        }

        private static Long number(Object payload) {
            return payload instanceof Number n ? n.longValue() : -1L;
        }
    }
}
