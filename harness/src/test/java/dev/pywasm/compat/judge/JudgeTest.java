package dev.pywasm.compat.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.claim.Matcher;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JudgeTest {

    private static Claim predicting(Matcher... matchers) {
        return new Claim("x.y", "s", "q", Set.of("node"), "p.py", List.of(matchers), Duration.ofSeconds(1), null,
                false, Path.of("c.yaml"), List.of(), null, null);
    }

    private static final Observation ENOSYS = new Observation(Outcome.RAISED, null, "OSError", 52, "ENOSYS", "m", null);

    @Test
    void matchingObservationHolds() {
        Judge.Judgement j = Judge.judge(predicting(Matcher.of(Outcome.RAISED)), ENOSYS);
        assertThat(j.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(j.reason()).contains("ENOSYS").contains("as the README predicts");
    }

    @Test
    void contradictingObservationIsStale() {
        Observation returned = Observation.of(Outcome.RETURNED, null);
        Judge.Judgement j = Judge.judge(predicting(Matcher.of(Outcome.RAISED)), returned);
        assertThat(j.verdict()).isEqualTo(Verdict.STALE);
        assertThat(j.reason()).contains("the README predicts raised");
    }

    @Test
    void predictedCrashHolds() {
        assertThat(Judge.judge(predicting(Matcher.of(Outcome.CRASHED)), Observation.of(Outcome.CRASHED, "abort")).verdict())
                .isEqualTo(Verdict.HOLDS);
    }

    @Test
    void unpredictedCrashOrExitIsCrash() {
        Claim c = predicting(Matcher.of(Outcome.RAISED));
        assertThat(Judge.judge(c, Observation.of(Outcome.CRASHED, "abort")).verdict()).isEqualTo(Verdict.CRASH);
        assertThat(Judge.judge(c, Observation.of(Outcome.EXITED, "exit(143)")).verdict()).isEqualTo(Verdict.CRASH);
    }

    @Test
    void timeoutIsTimeoutUnlessPredicted() {
        Observation t = Observation.of(Outcome.TIMED_OUT, "30 s");
        assertThat(Judge.judge(predicting(Matcher.of(Outcome.RAISED)), t).verdict()).isEqualTo(Verdict.TIMEOUT);
        assertThat(Judge.judge(predicting(Matcher.of(Outcome.TIMED_OUT)), t).verdict()).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void malformedOutputIsAnErrorEvenIfSomethingWouldMatch() {
        Observation garbage = Observation.of(Outcome.MALFORMED, "no observation line");
        assertThat(Judge.judge(predicting(Matcher.of(Outcome.RAISED)), garbage).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void absentPremiseIsSkippedWithTheProbesReason() {
        Observation o = new Observation(Outcome.INAPPLICABLE, null, null, null, null, null, "threads cannot start");
        Judge.Judgement j = Judge.judge(predicting(Matcher.of(Outcome.RAISED)), o);
        assertThat(j.verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(j.reason()).contains("threads cannot start");
    }

    @Test
    void otherHostsAreSkipped() {
        Judge.Judgement j = Judge.notForHost(predicting(Matcher.of(Outcome.RAISED)), "chromium");
        assertThat(j.verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(j.reason()).isEqualTo("the claim is about node, not chromium");
    }

    @Test
    void aProbeErrorIsAnErrorWhateverThePrediction() {
        Observation bug = Observation.of(Outcome.PROBE_ERROR, "the probe's code is broken: NameError: x\nTraceback ...");
        for (Outcome predicted : List.of(Outcome.RETURNED, Outcome.RAISED, Outcome.MISSING, Outcome.CRASHED)) {
            Judge.Judgement j = Judge.judge(predicting(Matcher.of(predicted)), bug);
            assertThat(j.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(j.reason()).contains("the probe's own code failed").contains("NameError").doesNotContain("Traceback");
        }
    }

    @Test
    void aForgedObservationIsAnError() {
        Observation forged = Observation.of(Outcome.MALFORMED, "a forged observation line (without this run's token)");
        assertThat(Judge.judge(predicting(Matcher.of(Outcome.RETURNED)), forged).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void eachMatchersExampleIsWhatItMatches() {
        Matcher errno = new Matcher(Outcome.RAISED, null, List.of("ENOSYS", "ENOTSUP"), null, null);
        Matcher version = new Matcher(Outcome.RETURNED, null, null, null, "3.1.8");
        assertThat(errno.matches(errno.example())).isTrue();
        assertThat(version.matches(version.example())).isTrue();
        assertThat(Judge.judge(predicting(errno), Matcher.of(Outcome.RETURNED).example()).verdict()).isEqualTo(Verdict.STALE);
    }
}
