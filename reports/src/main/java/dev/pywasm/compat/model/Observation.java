package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a probe saw, kept as observed (not just the verdict), so the same claim can be compared
 * between hosts and runtimes: an errno that differs between Node and a browser, a module present in
 * one Pyodide and not in another.
 *
 * @param outcome   what happened
 * @param value     the probe's JSON result, for {@link Outcome#RETURNED}
 * @param exception exception type name, for {@link Outcome#RAISED}
 * @param errno     errno number, when the exception had one
 * @param errnoName errno as the runtime names it ({@code errno.errorcode})
 * @param message   exception message, or the runtime's fatal error message
 * @param what      the missing module or attribute, for {@link Outcome#MISSING}; or why the premise
 *                  is absent, for {@link Outcome#INAPPLICABLE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Observation(
        Outcome outcome,
        JsonNode value,
        String exception,
        Integer errno,
        String errnoName,
        String message,
        String what) {

    public Observation {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static Observation of(Outcome outcome, String message) {
        return new Observation(outcome, null, null, null, null, message, null);
    }

    /** One line for tables and diffs, e.g. {@code raised OSError [ENOSYS=52]}. */
    public String summary() {
        String text = switch (outcome) {
            case RETURNED -> "returned " + (value == null ? "None" : value.toString());
            case RAISED -> "raised " + exception
                    + (errno == null ? "" : " [" + (errnoName == null ? "" : errnoName + "=") + errno + "]")
                    + (message == null || message.isBlank() ? "" : ": " + message);
            case MISSING -> "missing " + what;
            case INAPPLICABLE -> "inapplicable" + (what == null || what.isBlank() ? "" : ": " + what);
            default -> outcome.wireName() + (message == null || message.isBlank() ? "" : ": " + message);
        };
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
