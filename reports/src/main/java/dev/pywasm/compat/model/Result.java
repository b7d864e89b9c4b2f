package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One claim checked on one host with one runtime: the unit every report reads.
 *
 * @param claimId     the catalog id
 * @param section     the README section the claim is quoted from
 * @param quote       the quoted README sentence
 * @param host        host id (see {@link HostIdentity#id()})
 * @param runtime     runtime id (see {@link RuntimeIdentity#id()})
 * @param verdict     the judge's verdict
 * @param reason      why the judge said so, in one sentence
 * @param observation what the probe saw
 * @param evidence    how it ran and what it printed
 * @param expected    the verdict recorded in the expectations, or null when none is recorded
 * @param attempts    every run of the probe, in order, when it was run more than once (see {@link Attempt});
 *                    empty when it ran once. A {@link Verdict#FLAKY} result's attempts disagree.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(
        String claimId,
        String section,
        String quote,
        String host,
        String runtime,
        Verdict verdict,
        String reason,
        Observation observation,
        Evidence evidence,
        Verdict expected,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attempt> attempts) {

    public Result {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(verdict, "verdict");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A result of a single run (no attempts list). */
    public Result(String claimId, String section, String quote, String host, String runtime, Verdict verdict,
            String reason, Observation observation, Evidence evidence, Verdict expected) {
        this(claimId, section, quote, host, runtime, verdict, reason, observation, evidence, expected, List.of());
    }

    /** The key that identifies this cell of the matrix. */
    public String key() {
        return claimId + " @ " + host + " / " + runtime;
    }

    public Result withExpected(Verdict recorded) {
        return new Result(claimId, section, quote, host, runtime, verdict, reason, observation, evidence, recorded,
                attempts);
    }

    /** This result with the verdict and reason that all its attempts together give, and the attempts. */
    public Result withAttempts(Verdict settled, String settledReason, List<Attempt> all) {
        return new Result(claimId, section, quote, host, runtime, settled, settledReason, observation, evidence,
                expected, all);
    }

    /** True when an expectation is recorded and the verdict differs from it. */
    public boolean unexpected() {
        return expected != null && expected != verdict;
    }
}
