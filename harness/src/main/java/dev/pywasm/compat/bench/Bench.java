package dev.pywasm.compat.bench;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.report.bench.BenchDocument;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an isolated probe costs on a host ({@link Benchmarked}: naive, ours, the snapshot restore alone and the
 * instantiate-and-copy floor), as named rows with the ratios and their targets ({@code bench.json}'s
 * {@link BenchDocument.HostBench}) and as the lines of the human table. Not a test: it measures this machine; missed
 * targets are printed, not fatal.
 */
public final class Bench {

    /** The statistic the ratios compare, and the targets bound. */
    static final String BASIS = "median";
    /** Issue 15: a fresh runtime per probe at least 25 times cheaper than the naive one ... */
    static final BenchDocument.Target NAIVE_OVER_OURS = new BenchDocument.Target(true, 25);
    /** ... and at most 100 ms (the median), for runtimes with snapshots. */
    static final BenchDocument.Target OURS_MILLIS = new BenchDocument.Target(false, 100);
    /**
     * ... and a runtime without memory snapshots (an old Pyodide, loading from scratch for every probe) at most 3 times
     * the snapshot runtime's ours, per probe, measured in the same run.
     */
    static final BenchDocument.Target OLDER_OVER_OURS = new BenchDocument.Target(false, 3);
    static final String NO_SNAPSHOT = "NO SNAPSHOT";
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final ProbeProgram NOOP = new ProbeProgram("bench/noop.py",
            "from pywasm_probe import probe\n\n\n@probe\ndef noop():\n    return 1\n");

    private final int samples;
    private final PrintStream progress;

    /** @param samples probes per measure, after one that is not counted */
    public Bench(int samples, PrintStream progress) {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be 1 or more");
        }
        this.samples = samples;
        this.progress = progress;
    }

    public int samples() {
        return samples;
    }

    /** One host's table: the measures, their ratios, the start of ours with its first probe, and the host's notes. */
    public List<String> measure(Benchmarked host, RuntimeImage image) {
        return table(run(host, image), host.benchLabels());
    }

    /**
     * Measures one host: the rows naive, ours, restore and floor (in that order; floor where the host measures it),
     * the ratios naive/ours, ours/restore and ours/floor of their medians with the targets, the start of ours with its
     * first probe, and the host's notes; what {@code bench.json} keeps of it. The targets (naive/ours at least 25x,
     * ours at most 100 ms) apply to runtimes with snapshots.
     */
    public BenchDocument.HostBench run(Benchmarked host, RuntimeImage image) {
        Benchmarked.Labels labels = host.benchLabels();
        progress.println("bench: " + labels.host() + ", " + labels.naive().strip() + ", " + samples + " probes ...");
        Measure naive;
        try (HostSession s = host.naiveSession(image)) {
            naive = measure(s);
        }
        Measure ours;
        long first;
        Benchmarked.Floor floor;
        List<String> notes;
        try (HostSession s = host.oursSession(image)) {
            progress.println("bench: " + labels.host() + ", " + labels.ours().strip() + ", " + samples + " probes ...");
            long t = System.nanoTime();
            check(s.run(NOOP, TIMEOUT), NOOP);
            first = (System.nanoTime() - t) / 1_000_000;
            notes = host.describe(s);
            ours = measure(s);
            progress.println("bench: " + labels.host() + ", " + labels.restore().strip() + " and " + labels.floor().strip()
                    + ", " + samples + " times ...");
            floor = host.floor(image, s, samples);
        }
        boolean targets = floor.snapshot();
        BenchDocument.Measure oursRow = ours.row("ours", labels.ours(), null);
        BenchDocument.Measure naiveRow = naive.row("naive", labels.naive(), null);
        BenchDocument.Measure restoreRow = Measure.of(floor.restore()).row("restore", labels.restore(),
                floor.snapshot() ? null : NO_SNAPSHOT);
        List<BenchDocument.Measure> rows = new ArrayList<>(List.of(naiveRow, targets ? oursRow.withTarget(OURS_MILLIS) : oursRow,
                restoreRow));
        List<BenchDocument.Ratio> ratios = new ArrayList<>(List.of(
                BenchDocument.Ratio.of(naiveRow, oursRow, BASIS, targets ? NAIVE_OVER_OURS : null),
                BenchDocument.Ratio.of(oursRow, restoreRow, BASIS, null)));
        notes = new ArrayList<>(notes);
        if (!floor.phases().isEmpty()) {
            notes.add(floor.phases().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), Measure.of(e.getValue()).median()))
                    .collect(Collectors.joining(", ", "restore phases (median ms): ", "")));
        }
        if (floor.floor().isEmpty()) {
            notes.add("floor: not measured: " + (floor.floorNote() == null ? "the host gave no samples" : floor.floorNote()));
        } else {
            BenchDocument.Measure floorRow = Measure.of(floor.floor()).row("floor", labels.floor(), null);
            rows.add(floorRow);
            ratios.add(BenchDocument.Ratio.of(oursRow, floorRow, BASIS, null));
        }
        String id = host instanceof Host h ? h.id() : labels.host().split(" ", 2)[0];
        String version = host instanceof Host h ? h.identity().version() : labels.host();
        return new BenchDocument.HostBench(id, version, labels.host(), rows, ratios, first, notes);
    }

    /**
     * Adds to one host's measures those of a further runtime (e.g. an old Pyodide without memory snapshots), measured
     * the way ours is: the row {@code ours@<runtime>} and the ratio {@code ours@<runtime>/ours}, with the target that it
     * costs at most 3 times ours when the host's first runtime restored a snapshot; the host's notes of that session
     * follow, prefixed with the runtime, and the ratio of the medians.
     *
     * <p>This ratio is of the means (the wall time of the samples over their number), not of the medians as the others:
     * a runtime without snapshots is loaded ahead from scratch in workers that take a second or more each, so back to
     * back its samples are bimodal (a probe that finds a loaded worker costs ~100 ms, one that waits for a load most of
     * a second) and their median says which mode was more common, not what a probe costs.
     */
    public BenchDocument.HostBench older(BenchDocument.HostBench bench, Benchmarked host, RuntimeImage older) {
        Benchmarked.Labels labels = host.benchLabels();
        progress.println("bench: " + labels.host() + ", " + labels.ours().strip() + ", " + older.id() + ", " + samples
                + " probes ...");
        Measure m;
        List<String> notes;
        try (HostSession s = host.oursSession(older)) {
            check(s.run(NOOP, TIMEOUT), NOOP);
            notes = host.describe(s).stream().map(n -> older.id() + ": " + n).toList();
            m = measure(s);
        }
        BenchDocument.Measure row = m.row("ours@" + older.id(), "as ours; loads ahead from scratch without a snapshot", null);
        BenchDocument.Measure ours = bench.measure("ours").orElseThrow(() -> new IllegalArgumentException(
                "no ours measure to compare " + older.id() + " with on " + bench.host()));
        boolean snapshot = bench.measure("restore").map(r -> !NO_SNAPSHOT.equals(r.note())).orElse(false);
        List<String> more = new ArrayList<>(notes);
        more.add(String.format(Locale.ROOT, "%s/ours of the medians: %.2fx (the ratio above is of the means: see Bench.older)",
                row.name(), row.median() / ours.median()));
        return bench.plus(row, BenchDocument.Ratio.of(row, ours, "mean", snapshot ? OLDER_OVER_OURS : null), more);
    }

    /** The human table of one host: its heading, a line per measure and per ratio, its first probe and its notes. */
    public static List<String> table(BenchDocument.HostBench bench, Benchmarked.Labels labels) {
        List<String> lines = new ArrayList<>();
        lines.add("host " + bench.label());
        lines.add(String.format("%-36s %10s %10s %10s", "measure (ms per probe)", "mean", "median", "min"));
        for (BenchDocument.Measure m : bench.measures()) {
            lines.add(String.format("%-36s %10.1f %10.1f %10.1f", String.format("%-6s %s", m.name(), m.label())
                    + (m.note() == null ? "" : " (" + m.note() + ")"), m.mean(), m.median(), m.min())
                    + (m.target() == null ? "" : String.format("  target median %s %s", m.target().describe(" ms"),
                    Boolean.TRUE.equals(m.met()) ? "met" : "NOT met")));
        }
        for (BenchDocument.Ratio r : bench.ratios()) {
            lines.add(String.format(r.value() >= 10 ? "%-36s %9.1fx  %s" : "%-36s %9.2fx  %s", "ratio  " + r.name(), r.value(),
                    r.target() == null ? "(no target)" : String.format("target %-7s %s", r.target().describe(),
                            Boolean.TRUE.equals(r.met()) ? "met" : "NOT met")));
        }
        if (bench.firstProbeMillis() != null) {
            lines.add(String.format("%-36s %10d", labels.first(), bench.firstProbeMillis()));
        }
        lines.addAll(bench.notes());
        return lines;
    }

    /** Runs the no-op probe {@code samples} times back to back (after one run not counted). */
    Measure measure(HostSession session) {
        check(session.run(NOOP, TIMEOUT), NOOP);
        List<Double> each = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            check(session.run(NOOP, TIMEOUT), NOOP);
            each.add((System.nanoTime() - t) / 1e6);
        }
        return Measure.of(each, (System.nanoTime() - start) / 1e6);
    }

    private static void check(RawRun run, ProbeProgram program) {
        if (ProbeOutput.parse(run, program).outcome() != Outcome.RETURNED) {
            throw new SetupException("the bench probe did not run: " + ProbeOutput.parse(run, program).summary() + "\n  "
                    + run.command() + "\n" + TailBuffer.lastLines(run.stdout() + "\n" + run.stderr(), 10, 300));
        }
    }
}
