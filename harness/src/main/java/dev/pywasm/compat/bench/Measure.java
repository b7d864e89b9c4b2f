package dev.pywasm.compat.bench;

import dev.pywasm.compat.report.bench.BenchDocument;
import java.util.List;

/**
 * Milliseconds per probe: {@code mean} is the wall time of all samples over their number (so it
 * includes whatever happens between them), {@code median} and {@code min} are of the samples.
 */
record Measure(double mean, double median, double min, int samples) {

    /**
     * As a row of {@code bench.json}: {@code label} is the table's ({@code naive  fresh node process + load}), whose
     * leading name is left out.
     */
    BenchDocument.Measure row(String name, String label, String note) {
        String what = label.strip();
        what = what.startsWith(name) ? what.substring(name.length()).strip() : what;
        return new BenchDocument.Measure(name, what, mean, median, min, samples, note);
    }

    static Measure of(List<Double> each, double wallMillis) {
        List<Double> sorted = each.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return new Measure(wallMillis / each.size(), median, sorted.get(0), each.size());
    }

    /** The samples' own sum as the wall time: for measures taken one after the other elsewhere (the floor). */
    static Measure of(List<Double> each) {
        return of(each, each.stream().mapToDouble(Double::doubleValue).sum());
    }
}
