package dev.pywasm.compat.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import java.util.List;

/**
 * Reads an {@link Observation} from what a host printed. The protocol is two kinds of line:
 * {@code PYWASM-OBSERVATION <token> {json}} from the probe helper, and {@code PYWASM-FATAL {json}} from
 * a host driver when the runtime died. Anything else is the probe's own output, kept as evidence.
 * Only an observation line carrying the run's {@linkplain ProbeProgram#token() token} counts; any other
 * line that starts like one (printed by the probe's code or a library) is a forgery, and the run is
 * {@link Outcome#MALFORMED} (an ERROR), whatever else it printed.
 */
public final class ProbeOutput {

    public static final String OBSERVATION = "PYWASM-OBSERVATION ";
    public static final String FATAL = "PYWASM-FATAL ";
    /**
     * The line a process host's runtime prints the moment the probe program is handed to it (the
     * Pyodide driver before it runs the program; the program itself first, where the runtime is a
     * plain {@code python.js} or {@code python}): the probe's timeout counts from there, and the line
     * is not kept in the output.
     */
    public static final String STARTED = "PYWASM-STARTED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeOutput() {
    }

    /**
     * The {@code PYWASM-FATAL} line a host prints on the probe's stdout when the runtime died under
     * it (a page crash, a pool process that died), as the JavaScript drivers print theirs: the one
     * builder every Java-side host uses, so the line always parses.
     *
     * @param name    what died or how, e.g. {@code PageCrashed}
     * @param message what the host knows about it
     */
    public static String fatalLine(String name, String message) {
        ObjectNode fatal = JSON.createObjectNode();
        fatal.put("kind", "fatal");
        fatal.put("name", name);
        fatal.put("message", message);
        fatal.putNull("status");
        return FATAL + fatal;
    }

    /** The observation of the run of {@code program}: only lines carrying its token count. */
    public static Observation parse(RawRun run, ProbeProgram program) {
        return parse(run, program.token());
    }

    /** The observation of a run whose observation lines must carry {@code token}. */
    public static Observation parse(RawRun run, String token) {
        if (run.outputLimit() != null) {
            return outputLimit(run);
        }
        List<String> lines = run.stdout() == null ? List.of() : run.stdout().lines().toList();
        String prefix = OBSERVATION + token + " ";
        for (String line : lines) {
            if (line.startsWith(OBSERVATION) && !line.startsWith(prefix)) {
                return Observation.of(Outcome.MALFORMED, "a forged observation line (without this run's token), "
                        + "printed by the probe's code or a library: " + cut(line));
            }
        }
        if (run.timedOut()) {
            return Observation.of(Outcome.TIMED_OUT, "no observation within " + run.durationMillis() / 1000.0
                    + " s; process tree killed");
        }
        String observation = last(lines, prefix);
        if (observation != null) {
            return observation(observation);
        }
        String fatal = last(lines, FATAL);
        if (fatal != null) {
            return fatal(fatal);
        }
        String stderr = run.stderr() == null ? "" : run.stderr();
        if (run.exitCode() != null && run.exitCode() != 0 && !stderr.contains("Traceback (most recent call last)")) {
            return Observation.of(Outcome.CRASHED, "runtime exited with status " + run.exitCode()
                    + lastLine(stderr).map(l -> ": " + l).orElse(""));
        }
        if (stderr.contains("Traceback (most recent call last)")) {
            return Observation.of(Outcome.MALFORMED, "the probe raised an uncaught exception"
                    + lastLine(stderr).map(l -> ": " + l).orElse(""));
        }
        return Observation.of(Outcome.MALFORMED, "the probe printed no " + OBSERVATION.strip() + " line"
                + lastLine(run.stdout()).map(l -> "; last output: " + l).orElse(""));
    }

    /**
     * A run its host ended at the output limit: CRASH when the runtime had died by then (a fatal line),
     * else the {@code output-limit} outcome, whatever observation the probe printed before: a probe is
     * judged on a run that ended as it meant to.
     */
    private static Observation outputLimit(RawRun run) {
        String fatal = last(run.stdout().lines().toList(), FATAL);
        if (fatal != null) {
            return fatal(fatal);
        }
        return Observation.of(Outcome.OUTPUT_LIMIT, "the probe printed more than " + run.outputLimit()
                + " bytes, the output limit of a run; its host ended it there");
    }

    static Observation observation(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (Exception e) {
            return Observation.of(Outcome.MALFORMED, "unparseable observation: " + cut(json));
        }
        if (node == null || !node.isObject() || !node.path("outcome").isTextual()) {
            return Observation.of(Outcome.MALFORMED, "observation without an outcome: " + cut(json));
        }
        Outcome outcome;
        try {
            outcome = Outcome.fromWireName(node.get("outcome").asText());
        } catch (IllegalArgumentException e) {
            return Observation.of(Outcome.MALFORMED, "observation with " + e.getMessage());
        }
        if (!outcome.reportedByProbe()) {
            return Observation.of(Outcome.MALFORMED, "a probe cannot report outcome '" + outcome.wireName() + "'");
        }
        if (outcome == Outcome.PROBE_ERROR) {
            String traceback = text(node, "traceback");
            return Observation.of(Outcome.PROBE_ERROR, text(node, "message")
                    + (traceback == null ? "" : "\n" + traceback.strip()));
        }
        String what = text(node, "what");
        return new Observation(outcome,
                node.get("value"),
                text(node, "exception"),
                node.path("errno").isInt() ? node.get("errno").asInt() : null,
                text(node, "errno_name"),
                text(node, "message"),
                what != null ? what : text(node, "reason"));
    }

    static Observation fatal(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            String kind = node.path("kind").asText("fatal");
            String message = node.path("name").asText("") + ": " + node.path("message").asText("");
            return Observation.of("exit".equals(kind) ? Outcome.EXITED : Outcome.CRASHED, message);
        } catch (Exception e) {
            return Observation.of(Outcome.CRASHED, "runtime died: " + cut(json));
        }
    }

    private static String last(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return lines.get(i).substring(prefix.length());
            }
        }
        return null;
    }

    private static java.util.Optional<String> lastLine(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(cut(lines.get(lines.size() - 1)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String cut(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
