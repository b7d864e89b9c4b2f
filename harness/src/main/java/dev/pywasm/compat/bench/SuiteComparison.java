package dev.pywasm.compat.bench;

import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.report.bench.BenchDocument;
import dev.pywasm.compat.run.Check;
import dev.pywasm.compat.run.CheckOptions;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The default claim suite run on one host twice, with the naive isolation and with ours: their
 * wall and probe times, and whether every verdict is the same (the proof that our cheaper
 * isolation changes no answer).
 *
 * @param lines     the table rows, and one line per verdict that differs
 * @param identical whether both runs gave every cell the same verdict
 * @param times     what {@code bench.json} keeps of it
 */
public record SuiteComparison(List<String> lines, boolean identical, BenchDocument.SuiteTimes times) {

    /** What one suite run took and gave. */
    private record SuiteRun(Map<String, Result> verdicts, long wallMillis, long probeMillis) {
    }

    /**
     * Runs the suite on {@code hostId} both ways.
     *
     * @param options the run's options (runtime, claims, jobs); this sets the host, the output and the isolation
     * @param work    where both runs write their results
     */
    public static SuiteComparison of(Layout layout, Supplier<CheckOptions> options, String hostId, Benchmarked host,
            Path work, PrintStream progress) {
        int jobs = options.get().run().jobs();
        progress.println("bench: the " + hostId + " suite, naive isolation ...");
        SuiteRun naive = run(layout, options.get(), hostId, host, true, work.resolve(hostId + "-naive"), progress);
        progress.println("bench: the " + hostId + " suite, our isolation ...");
        SuiteRun ours = run(layout, options.get(), hostId, host, false, work.resolve(hostId + "-ours"), progress);
        Benchmarked.Labels labels = host.benchLabels();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-36s %10.1f %10.1f", "  " + hostId + " " + labels.naiveSuite() + " (naive)",
                naive.wallMillis / 1000.0, naive.probeMillis / 1000.0));
        lines.add(String.format("%-36s %10.1f %10.1f", "  " + hostId + " " + labels.oursSuite() + " (ours)",
                ours.wallMillis / 1000.0, ours.probeMillis / 1000.0));
        lines.add(String.format("%-36s %9.1fx", "  speedup (wall)", (double) naive.wallMillis / ours.wallMillis));
        List<String> diff = diff(naive.verdicts, ours.verdicts);
        if (diff.isEmpty()) {
            lines.add(String.format("  verdicts: identical (%d results)", naive.verdicts.size()));
        } else {
            lines.add(String.format("  verdicts: %d DIFFER (naive -> ours)", diff.size()));
            diff.forEach(d -> lines.add("    " + d));
        }
        BenchDocument.SuiteTimes times = new BenchDocument.SuiteTimes(hostId, jobs, List.of(
                new BenchDocument.SuiteRun("naive", labels.naiveSuite(), naive.wallMillis, naive.probeMillis),
                new BenchDocument.SuiteRun("ours", labels.oursSuite(), ours.wallMillis, ours.probeMillis)),
                naive.verdicts.size(), diff.isEmpty(), diff);
        return new SuiteComparison(lines, diff.isEmpty(), times);
    }

    private static SuiteRun run(Layout layout, CheckOptions options, String hostId, Benchmarked host, boolean naive,
            Path out, PrintStream progress) {
        options.setHosts(List.of(hostId)).setOut(out);
        host.useIsolation(options.host(), naive);
        long start = System.nanoTime();
        try (Check check = new Check(layout, options, progress)) {
            ResultDocument doc = check.start().await();
            long wall = (System.nanoTime() - start) / 1_000_000;
            Map<String, Result> verdicts = new TreeMap<>();
            long probe = 0;
            for (Result r : doc.results()) {
                verdicts.put(r.key(), r);
                probe += r.evidence().durationMillis();
            }
            return new SuiteRun(verdicts, wall, probe);
        } catch (UncheckedIOException e) {
            throw new SetupException("the suite run failed: " + e.getMessage(), e);
        }
    }

    /** The results whose verdicts differ, as {@code key: verdict (observation) -> verdict (observation)}. */
    static List<String> diff(Map<String, Result> naive, Map<String, Result> ours) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(naive.keySet());
        keys.addAll(ours.keySet());
        for (String k : keys) {
            Result a = naive.get(k);
            Result b = ours.get(k);
            if (a == null || b == null || a.verdict() != b.verdict()) {
                lines.add(k + ": " + describe(a) + " -> " + describe(b));
            }
        }
        return lines;
    }

    private static String describe(Result r) {
        return r == null ? "(none)" : r.verdict() + " (" + r.observation().summary() + ")";
    }
}
