package dev.pywasm.compat.report.bench;

import java.time.Instant;
import java.util.List;

/** Bench documents as the bench writes them, with the figures a test chooses. */
public final class BenchFixtures {

    static final BenchDocument.Target AT_LEAST_20 = new BenchDocument.Target(true, 20);
    static final BenchDocument.Target AT_MOST_3 = new BenchDocument.Target(false, 3);

    private BenchFixtures() {
    }

    static BenchDocument.Measure measure(String name, double median) {
        return new BenchDocument.Measure(name, name + " label", median * 1.1, median, median * 0.9, 10, null);
    }

    /** One node host with naive, ours and floor rows (and an extra row when {@code extra} is set). */
    public static BenchDocument doc(Instant date, double naive, double ours, double floor, String extra) {
        List<BenchDocument.Measure> measures = new java.util.ArrayList<>(List.of(measure("naive", naive), measure("ours", ours),
                measure("floor", floor)));
        List<BenchDocument.Ratio> ratios = new java.util.ArrayList<>(List.of(
                BenchDocument.Ratio.of(measures.get(0), measures.get(1), "median", AT_LEAST_20),
                BenchDocument.Ratio.of(measures.get(1), measures.get(2), "median", AT_MOST_3)));
        if (extra != null) {
            measures.add(measure(extra, floor / 2));
            ratios.add(BenchDocument.Ratio.of(measures.get(1), measures.get(3), "median", null));
        }
        BenchDocument.HostBench node = new BenchDocument.HostBench("node", "v20.19.2", "node v20.19.2", measures, ratios, 900L,
                List.of("pool: {\"ready\":true}"));
        BenchDocument.SuiteTimes suite = new BenchDocument.SuiteTimes("node", 2, List.of(
                new BenchDocument.SuiteRun("naive", "process", 156_000, 300_000),
                new BenchDocument.SuiteRun("ours", "worker", 37_000, 60_000)), 138, true, List.of());
        return new BenchDocument(BenchDocument.SCHEMA, "pywasm-compat 0.1.0 (bench)", date,
                new BenchDocument.Machine(2, List.of(3.5, 2.0, 1.0), List.of(3.0, 2.1, 1.1), "Linux amd64", "17.0.13"),
                "pyodide-314.0.7", 10, List.of(node), List.of(suite));
    }
}
