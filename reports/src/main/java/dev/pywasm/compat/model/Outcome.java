package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What happened when a probe ran. The first five are reported by the probe itself (see
 * {@link #reportedByProbe()}), the others are observed by the harness around it.
 */
public enum Outcome {
    /** The observed call completed; the probe's value is the observation. */
    RETURNED,
    /** The observed call raised; exception name and errno are the observation. */
    RAISED,
    /** The module or attribute the probe looked up does not exist. */
    MISSING,
    /** The probe found the claim's premise absent on this runtime. */
    INAPPLICABLE,
    /**
     * The probe's own code failed (an exception outside the call under test, a {@code SyntaxError} or
     * {@code NameError}, a misuse of the helper): never an observation of the runtime, always an ERROR.
     */
    PROBE_ERROR,
    /** The runtime died: a fatal error or an uncaught JavaScript exception. */
    CRASHED,
    /** The runtime exited (an Emscripten exit, a signal that ends it) before the probe reported. */
    EXITED,
    /** The probe did not report within its timeout; its process tree was killed. */
    TIMED_OUT,
    /** The probe printed no parseable observation while the runtime stayed alive. */
    MALFORMED,
    /**
     * The probe printed more than a run may ({@code exec.Limits.outputBytes}) and its host ended it there.
     * Since issue 13.
     */
    OUTPUT_LIMIT;

    /** The name used in catalogs and result files: lower case, dashes. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Outcome fromWireName(String name) {
        for (Outcome o : values()) {
            if (o.wireName().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + name + "', expected one of "
                + Arrays.stream(values()).map(Outcome::wireName).collect(Collectors.joining(", ")));
    }

    /** True for the outcomes the probe helper reports itself (the others the harness observes around it). */
    public boolean reportedByProbe() {
        return ordinal() <= PROBE_ERROR.ordinal();
    }

    /** True for the outcomes in which the runtime did not survive the probe. */
    public boolean runtimeDied() {
        return this == CRASHED || this == EXITED;
    }
}
