package dev.pywasm.compat.run;

import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.judge.Judge;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.report.ResultFile;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * What a cell becomes when the harness itself fails while running it (a host session that throws,
 * a browser driver that overflows its stack, a parser bug): that cell's ERROR, with the exception
 * and its first frames as evidence, and the run goes on. The sessions discard whatever ran such a
 * cell (a browser lane, a pool), so the next cell gets a new one.
 */
final class CellFailure {

    /** How the observation of a cell the harness failed on begins: what {@link #isHarnessFailure} recognises. */
    static final String PREFIX = "the harness failed while running the probe: ";

    /** How many stack frames the evidence keeps. */
    static final int FRAMES = 12;

    private CellFailure() {
    }

    /** The exception that matters: not the future's or the executor's wrapper. */
    static Throwable cause(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One line naming the exception. */
    static String describe(Throwable e) {
        Throwable t = cause(e);
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getName() + message;
    }

    /** The exception and its first frames (and its causes'), as the evidence's stderr. */
    static String trace(Throwable e) {
        StringBuilder out = new StringBuilder();
        Throwable t = cause(e);
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            out.append(depth == 0 ? "" : "Caused by: ").append(describe(t)).append('\n');
            out.append(Arrays.stream(t.getStackTrace()).limit(FRAMES).map(f -> "\tat " + f)
                    .collect(Collectors.joining("\n"))).append('\n');
        }
        return out.toString();
    }

    static Observation observation(Throwable e) {
        return Observation.of(Outcome.MALFORMED, PREFIX + describe(e)
                + "; what ran it is discarded and the next cell gets a new one");
    }

    /**
     * Whether {@code r} is the harness's ERROR (infrastructure: a session or driver that threw, a browser server gone,
     * a host that did not return), not the probe's: such a cell says nothing of the runtime, so {@code --resume}
     * runs it again.
     */
    static boolean isHarnessFailure(Result r) {
        return r.verdict() == dev.pywasm.compat.model.Verdict.ERROR && r.observation() != null
                && r.observation().message() != null && r.observation().message().startsWith(PREFIX);
    }

    /** The raw run of a cell whose probe the harness could not finish. */
    static RawRun run(Throwable e) {
        return new RawRun("(the harness failed: " + describe(e) + ")", null, "", trace(e), false, 0);
    }

    /** The whole result of a cell whose run failed outside the probe (the rerun policy, the judge). */
    static Result result(Claim claim, String host, String runtime, Throwable e) {
        Observation observed = observation(e);
        Judge.Judgement j = Judge.judge(claim, observed);
        RawRun run = run(e);
        return new Result(claim.id(), claim.section(), claim.quote(), host, runtime, j.verdict(), j.reason(), observed,
                new Evidence(run.command(), null, 0, "", run.stderr(), List.of()), null);
    }

    /** Appends a result; a file that cannot be written is said once per result, and the run goes on. */
    static void write(ResultFile file, Result r, PrintStream progress) {
        try {
            file.append(r);
        } catch (RuntimeException e) {
            progress.println("  cannot write " + file.path() + " after " + r.key() + ": " + describe(e));
        }
    }
}
