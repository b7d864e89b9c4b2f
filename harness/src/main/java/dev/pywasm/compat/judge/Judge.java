package dev.pywasm.compat.judge;

import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.claim.Matcher;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Verdict;
import java.util.stream.Collectors;

/**
 * Turns what the README predicts and what a probe observed into a verdict. Pure: it knows nothing of
 * hosts or runtimes, so every rule is unit-tested without one.
 */
public final class Judge {

    /** A verdict with the one-sentence reason reports show. */
    public record Judgement(Verdict verdict, String reason) {
    }

    private Judge() {
    }

    public static Judgement judge(Claim claim, Observation observed) {
        String predicted = claim.predicts().stream().map(Matcher::describe).collect(Collectors.joining(" or "));
        switch (observed.outcome()) {
            case INAPPLICABLE:
                return new Judgement(Verdict.SKIPPED, "the claim's premise is absent here: " + observed.what());
            case MALFORMED:
                return new Judgement(Verdict.ERROR, "no usable observation: " + observed.message());
            case PROBE_ERROR:
                return new Judgement(Verdict.ERROR, "the probe's own code failed (not an observation of the runtime): "
                        + observed.message().lines().findFirst().orElse(""));
            case OUTPUT_LIMIT:
                return new Judgement(Verdict.ERROR, "output limit: " + observed.message());
            default:
                break;
        }
        for (Matcher m : claim.predicts()) {
            if (m.matches(observed)) {
                return new Judgement(Verdict.HOLDS, "observed " + observed.summary() + ", as the README predicts ("
                        + m.describe() + ")");
            }
        }
        return switch (observed.outcome()) {
            case TIMED_OUT -> new Judgement(Verdict.TIMEOUT, observed.summary() + "; the README predicts " + predicted);
            case CRASHED, EXITED -> new Judgement(Verdict.CRASH, "the runtime " + observed.summary()
                    + "; the README predicts " + predicted);
            default -> new Judgement(Verdict.STALE, "the README predicts " + predicted + ", observed "
                    + observed.summary());
        };
    }

    /** The judgement for a claim that does not apply to a host: no probe is run. */
    public static Judgement notForHost(Claim claim, String host) {
        return new Judgement(Verdict.SKIPPED, "the claim is about " + String.join(", ", claim.hosts().stream().sorted()
                .toList()) + ", not " + host);
    }
}
