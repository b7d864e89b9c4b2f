package dev.pywasm.compat.bench;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an isolated probe costs on a host, three ways ({@link Benchmarked}: naive, ours, the floor),
 * as the lines of a table with the ratios and their targets. Not a test: it measures this machine;
 * missed targets are printed, not fatal.
 */
public final class Bench {

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

    /** One host's table: the three measures, their ratios, the start of ours with its first probe, and the host's notes. */
    public List<String> measure(Benchmarked host, RuntimeImage image) {
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
            progress.println("bench: " + labels.host() + ", " + labels.floor().strip() + ", " + samples + " times ...");
            floor = host.floor(image, s, samples);
        }
        List<String> lines = table(labels, naive, ours, Measure.of(floor.millis()), floor.snapshot());
        lines.add(String.format("%-36s %10d", labels.first(), first));
        lines.addAll(notes);
        return lines;
    }

    private static List<String> table(Benchmarked.Labels labels, Measure naive, Measure ours, Measure floor,
            boolean snapshot) {
        List<String> lines = new ArrayList<>();
        lines.add("host " + labels.host());
        lines.add(String.format("%-36s %10s %10s %10s", "measure (ms per probe)", "mean", "median", "min"));
        lines.add(row(labels.naive(), naive));
        lines.add(row(labels.ours(), ours));
        lines.add(row(labels.floor() + (snapshot ? "" : " (NO SNAPSHOT)"), floor));
        double naiveOverOurs = naive.mean() / ours.mean();
        double oursOverFloor = ours.mean() / floor.mean();
        lines.add(String.format("%-36s %9.1fx  target >= 20x  %s", "ratio  naive/ours", naiveOverOurs,
                naiveOverOurs >= 20 ? "met" : "NOT met"));
        lines.add(String.format("%-36s %9.2fx  %s", "ratio  ours/floor", oursOverFloor,
                labels.floorTarget() ? "target <= 3x   " + (oursOverFloor <= 3 ? "met" : "NOT met") : "(no target)"));
        return lines;
    }

    private static String row(String name, Measure m) {
        return String.format("%-36s %10.1f %10.1f %10.1f", name, m.mean(), m.median(), m.min());
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
