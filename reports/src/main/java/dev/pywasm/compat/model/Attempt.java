package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One run of a probe for a result that was run more than once: a first verdict that differed from
 * the recorded one (or, with none recorded, looked like trouble) is rerun before it is reported, and
 * every attempt is kept as evidence. Since 0.1.0 (issue 7); older result files have no attempts.
 *
 * @param verdict     what the judge said of this attempt alone
 * @param reason      why, in one sentence
 * @param observation what the probe saw this time
 * @param evidence    how this attempt ran and what it printed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(Verdict verdict, String reason, Observation observation, Evidence evidence) {

    public Attempt {
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The attempt a single-run result stands for. */
    public static Attempt of(Result r) {
        return new Attempt(r.verdict(), r.reason(), r.observation(), r.evidence());
    }
}
