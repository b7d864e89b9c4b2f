package dev.pywasm.compat.run;

import dev.pywasm.compat.model.Attempt;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * When a cell's probe runs again before its result is reported, and what the attempts together say.
 *
 * <p>A first verdict is <em>surprising</em> when it differs from the recorded expectation or, with
 * nothing recorded, when it is one a healthy run rarely gives ({@link #TROUBLE}: CRASH, TIMEOUT,
 * ERROR). A surprising cell is run again, up to {@code max} more times, each time on a fresh runtime
 * (the host's isolation gives every run one). If every attempt gives the same verdict, that verdict
 * is reported: a real change, which then fails against the expectation with the usual diff. As soon
 * as one attempt disagrees the result is {@link Verdict#FLAKY}. Either way every attempt is kept in
 * {@link Result#attempts()}. A cell that is not surprising runs exactly once, so a stable suite costs
 * nothing extra. A recorded FLAKY is never met by a single verdict, so such a cell always gets its
 * reruns, and matches when they disagree again.
 */
public final class Reruns {

    /** Reruns after a surprising first verdict, unless configured otherwise. */
    public static final int DEFAULT_MAX = 2;
    /** First verdicts that call for a rerun when nothing is recorded. */
    public static final Set<Verdict> TROUBLE = EnumSet.of(Verdict.CRASH, Verdict.TIMEOUT, Verdict.ERROR);

    private final int max;

    /** @param max how many times a surprising cell runs again (0: never) */
    public Reruns(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("--reruns must be 0 or more, got " + max);
        }
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** Whether a first verdict calls for reruns, given the recorded one (null: none recorded). */
    public static boolean surprising(Verdict first, Verdict recorded) {
        return recorded != null ? first != recorded : TROUBLE.contains(first);
    }

    /**
     * The result to report for a cell: {@code first} (with its expectation attached) when it is not
     * surprising, else the settled result of {@code first} and up to {@link #max()} more attempts.
     *
     * @param again runs the probe once more on a fresh runtime and judges it; never null
     */
    public Result settle(Result first, Supplier<Result> again) {
        if (max == 0 || !surprising(first.verdict(), first.expected())) {
            return first;
        }
        List<Result> runs = new ArrayList<>(List.of(first));
        while (runs.size() <= max) {
            Result next = again.get();
            runs.add(next);
            if (next.verdict() != first.verdict()) {
                break;
            }
        }
        List<Attempt> attempts = runs.stream().map(Attempt::of).toList();
        String verdicts = runs.stream().map(r -> r.verdict().name()).collect(Collectors.joining(", "));
        if (runs.stream().allMatch(r -> r.verdict() == first.verdict())) {
            return first.withAttempts(first.verdict(), first.reason() + " (the same in all " + runs.size()
                    + " attempts)", attempts);
        }
        return first.withAttempts(Verdict.FLAKY, "the attempts disagree: " + verdicts + "; the first: "
                + first.reason(), attempts);
    }
}
