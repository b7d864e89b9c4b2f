package dev.pywasm.compat.claim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One shape of observation the README predicts. A claim holds when any of its matchers matches.
 *
 * @param outcome    the outcome that must have been observed
 * @param exception  exact exception name, or null for any
 * @param errno      accepted errno names, or empty for any
 * @param value      for {@code returned}: the expected JSON (objects match partially), or null for any
 * @param minVersion for {@code returned} strings: the lowest accepted version, e.g. {@code 3.1.8}
 */
public record Matcher(Outcome outcome, String exception, List<String> errno, JsonNode value, String minVersion) {

    public Matcher {
        Objects.requireNonNull(outcome, "outcome");
        errno = errno == null ? List.of() : List.copyOf(errno);
    }

    public static Matcher of(Outcome outcome) {
        return new Matcher(outcome, null, List.of(), null, null);
    }

    public boolean matches(Observation o) {
        if (o.outcome() != outcome) {
            return false;
        }
        if (exception != null && !exception.equals(o.exception())) {
            return false;
        }
        if (!errno.isEmpty() && (o.errnoName() == null || !errno.contains(o.errnoName()))) {
            return false;
        }
        if (value != null && (o.value() == null || !contains(o.value(), value))) {
            return false;
        }
        return minVersion == null || (o.value() != null && o.value().isTextual()
                && Versions.compare(o.value().asText(), minVersion) >= 0);
    }

    /** Equality, except that an expected object only constrains the keys it names. */
    static boolean contains(JsonNode actual, JsonNode expected) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode got = actual.get(field.getKey());
                if (got == null || !contains(got, field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    /**
     * The plainest observation this matcher matches: its outcome, exception, first errno, value (an expected
     * object matches itself) or lowest version. What the catalog check and the judge's tests feed the judge
     * to show that a prediction holds and a counterexample refutes.
     */
    public Observation example() {
        JsonNode v = value != null ? value : minVersion != null ? com.fasterxml.jackson.databind.node.TextNode.valueOf(minVersion) : null;
        return new Observation(outcome, v, outcome == Outcome.RAISED ? (exception != null ? exception : "OSError") : null,
                null, errno.isEmpty() ? null : errno.get(0), outcome == Outcome.RAISED ? "example" : null,
                outcome == Outcome.MISSING ? "example.module" : outcome == Outcome.INAPPLICABLE ? "example" : null);
    }

    /** How the README's prediction reads, for reasons and reports. */
    public String describe() {
        StringBuilder s = new StringBuilder(outcome.wireName());
        if (exception != null) {
            s.append(' ').append(exception);
        }
        if (!errno.isEmpty()) {
            s.append(" errno in ").append(errno);
        }
        if (value != null) {
            s.append(" value ").append(value);
        }
        if (minVersion != null) {
            s.append(" version >= ").append(minVersion);
        }
        return s.toString();
    }
}
