package dev.pywasm.compat.report;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;

/** Small text helpers the reports share. */
public final class Text {

    /**
     * The id of the harness's control host (its {@code HostKind.NATIVE}: the machine's own CPython, no wasm),
     * whose column the reports show as the control: where a limitation claim should be STALE.
     */
    public static final String CONTROL_HOST = "native";

    private Text() {
    }

    /** A host as column headings show it: its id, and {@code (control)} for the control host. */
    public static String hostLabel(String host) {
        return CONTROL_HOST.equals(host) ? host + " (control)" : host;
    }

    /** The observation in one line ({@code Observation.summary()}), or "" when there is none. */
    public static String observation(Result r) {
        return r.observation() == null ? "" : r.observation().summary();
    }

    /** Text safe in a Markdown table cell: no pipe, no line break. */
    public static String mdCell(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    /** {@code sys.version} cut to the version itself: {@code 3.14.2 (main, ...) [Clang ...]} gives {@code 3.14.2}. */
    public static String pythonVersion(RuntimeIdentity rt) {
        if (rt == null || rt.python() == null) {
            return null;
        }
        String p = rt.python().strip();
        int space = p.indexOf(' ');
        return space < 0 ? p : p.substring(0, space);
    }

    /** A runtime named for people: {@code pyodide-314.0.7 (Pyodide 314.0.7, CPython 3.14.2, Emscripten 5.0.3)}. */
    public static String identity(RuntimeIdentity rt) {
        StringBuilder s = new StringBuilder(rt.id());
        StringBuilder parts = new StringBuilder();
        if ("pyodide".equals(rt.kind()) && rt.version() != null) {
            parts.append("Pyodide ").append(rt.version());
        }
        if (pythonVersion(rt) != null) {
            parts.append(parts.isEmpty() ? "" : ", ").append("CPython ").append(pythonVersion(rt));
        }
        if (rt.emscripten() != null) {
            parts.append(parts.isEmpty() ? "" : ", ").append("Emscripten ").append(rt.emscripten());
        }
        if (rt.resolvedFrom() != null) {
            parts.append(parts.isEmpty() ? "" : "; ").append("resolved from ")
                    .append(rt.resolvedFrom().split(":", 2)[0].strip());
        }
        return parts.isEmpty() ? s.toString() : s.append(" (").append(parts).append(')').toString();
    }
}
