package dev.pywasm.compat.model;

/**
 * What one probe run says about one claim on one host and runtime: a small closed vocabulary,
 * like web-platform-tests' PASS / FAIL / TIMEOUT / CRASH / ERROR / SKIP.
 */
public enum Verdict {
    /** The observation agrees with what the README predicts. */
    HOLDS("the README's statement is still true"),
    /** The observation contradicts the README: the limitation (or statement) no longer holds. */
    STALE("the README's statement no longer matches the runtime"),
    /** The runtime died where the README did not predict it. */
    CRASH("the runtime crashed where the README predicts no crash"),
    /** The probe did not finish in time. */
    TIMEOUT("the probe did not finish in time"),
    /** The probe or the harness failed: no usable observation. */
    ERROR("the probe or the harness failed"),
    /** The claim does not apply to this host, or its premise is absent on this runtime. */
    SKIPPED("the claim does not apply here"),
    /**
     * Two runs of the same probe on the same host and runtime disagreed, and a rerun did not settle it:
     * the verdict is unstable, and neither passes nor fails silently.
     */
    FLAKY("runs of the same probe disagree");

    private final String meaning;

    Verdict(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
