package dev.pywasm.compat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.NodeHost;
import dev.pywasm.compat.host.RawRun;
import dev.pywasm.compat.host.TailBuffer;
import dev.pywasm.compat.host.node.NodePoolSession;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.run.Check;
import dev.pywasm.compat.run.CheckOptions;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pywasm-compat bench}: what an isolated probe costs on Node, three ways, and the default
 * claim suite run both ways with identical verdicts. Not a test: it measures this machine, prints a
 * table, and fails only when the two isolations disagree on a verdict.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the cost of an isolated probe on Node (fresh process vs pooled worker vs the floor) "
                + "and run the claim suite both ways; exit 1 when their verdicts differ.")
public final class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ProbeProgram NOOP = new ProbeProgram("bench/noop.py",
            "from pywasm_probe import probe\n\n\n@probe\ndef noop():\n    return 1\n");

    @Option(names = "--pyodide", paramLabel = "VERSION", defaultValue = PyodideNpm.DEFAULT_VERSION,
            description = "Pyodide version from npm (default: ${DEFAULT-VALUE}).")
    String pyodide;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10",
            description = "Probes per measure (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--only", split = ",", paramLabel = "GLOB",
            description = "Only claims whose id matches one of these globs for the suite runs.")
    List<String> only = List.of();

    @Option(names = {"-j", "--jobs"}, description = "Probes run at once in the suite runs (default: number of cores).")
    Integer jobs;

    @Option(names = "--node", paramLabel = "PATH", description = "The node binary (default: node on PATH).")
    String node;

    @Option(names = "--no-suite", description = "Only the per-probe measures, not the suite runs.")
    boolean noSuite;

    @Option(names = "--probes-per-pool", paramLabel = "N", defaultValue = "1", hidden = true,
            description = "Probes one pool process runs at once (default: ${DEFAULT-VALUE}).")
    int probesPerPool;

    @Option(names = "--warm", paramLabel = "N", defaultValue = "1", hidden = true,
            description = "Loaded workers each pool keeps ready (default: ${DEFAULT-VALUE}).")
    int warm;

    @Override
    public Integer call() throws IOException {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be 1 or more");
        }
        PrintStream out = System.out;
        PrintStream progress = System.err;
        Layout layout = Layout.defaults();
        Path work = Files.createTempDirectory("pywasm-bench-");
        try {
            RuntimeImage image = new PyodideNpm(pyodide, layout.cache(), null).prepare(progress::println);
            NodeHost host = NodeHost.detect(node, work.resolve("node"), NodeHost.Isolation.WORKER)
                    .withPool(probesPerPool, warm);
            int cores = java.lang.Runtime.getRuntime().availableProcessors();

            progress.println("bench: naive, " + samples + " probes in fresh node processes ...");
            Measure naive;
            try (HostSession s = host.processSession(image)) {
                naive = measure(s, samples);
            }
            progress.println("bench: ours, " + samples + " probes in pooled workers ...");
            Measure ours;
            long poolStart;
            String poolInfo;
            try (NodePoolSession s = host.poolSession(image)) {
                long t = System.nanoTime();
                check(s.run(NOOP, TIMEOUT));
                poolStart = millis(t);
                poolInfo = s.pools().isEmpty() ? "no pool: " + s.fallbackReason() : s.pools().get(0).readyInfo().toString();
                ours = measure(s, samples);
            }
            progress.println("bench: floor, " + samples + " snapshot restores in one thread ...");
            RawRun floorRun = host.measureFloor(image, samples, TIMEOUT.multipliedBy(samples + 1L));
            JsonNode floorJson = floorJson(floorRun);
            List<Double> floorSamples = new ArrayList<>();
            floorJson.path("samples").forEach(n -> floorSamples.add(n.asDouble()));
            Measure floor = Measure.of(floorSamples, floorSamples.stream().mapToDouble(Double::doubleValue).sum());

            out.printf("pywasm-compat bench: node %s, %s, %d cores, %d samples per measure%n",
                    host.identity().version(), image.id(), cores, samples);
            out.printf("%-36s %10s %10s %10s%n", "measure (ms per probe)", "mean", "median", "min");
            row(out, "naive  fresh node process + load", naive);
            row(out, "ours   pooled worker + snapshot", ours);
            row(out, "floor  snapshot restore, 1 thread" + (floorJson.path("snapshot").asBoolean() ? "" : " (NO SNAPSHOT)"),
                    floor);
            double naiveOverOurs = naive.mean / ours.mean;
            double oursOverFloor = ours.mean / floor.mean;
            out.printf("%-36s %9.1fx  target >= 20x  %s%n", "ratio  naive/ours", naiveOverOurs,
                    naiveOverOurs >= 20 ? "met" : "NOT met");
            out.printf("%-36s %9.2fx  target <= 3x   %s%n", "ratio  ours/floor", oursOverFloor,
                    oursOverFloor <= 3 ? "met" : "NOT met");
            out.printf("%-36s %10d%n", "pool start + first probe (ms)", poolStart);
            out.printf("pool: %s%n", poolInfo);

            if (noSuite) {
                return 0;
            }
            progress.println("bench: the claim suite with process isolation ...");
            SuiteRun process = suite(layout, work.resolve("process"), NodeHost.Isolation.PROCESS, progress);
            progress.println("bench: the claim suite with worker isolation ...");
            SuiteRun worker = suite(layout, work.resolve("worker"), NodeHost.Isolation.WORKER, progress);
            out.printf("%-36s %10s %10s%n", "suite (" + process.verdicts.size() + " results, jobs " + process.jobs + ")",
                    "wall s", "probe s");
            out.printf("%-36s %10.1f %10.1f%n", "  process isolation", process.wallMillis / 1000.0, process.probeMillis / 1000.0);
            out.printf("%-36s %10.1f %10.1f%n", "  worker isolation", worker.wallMillis / 1000.0, worker.probeMillis / 1000.0);
            out.printf("%-36s %9.1fx%n", "  speedup (wall)", (double) process.wallMillis / worker.wallMillis);
            List<String> diff = diff(process.verdicts, worker.verdicts);
            if (diff.isEmpty()) {
                out.printf("verdicts: identical (%d results)%n", process.verdicts.size());
                return 0;
            }
            out.printf("verdicts: %d DIFFER (process -> worker)%n", diff.size());
            diff.forEach(d -> out.println("  " + d));
            return Main.DIFFERS;
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temporary files only
            }
        }
    }

    /** Runs the no-op probe {@code n} times back to back (after one run not counted). */
    static Measure measure(HostSession session, int n) {
        check(session.run(NOOP, TIMEOUT));
        List<Double> each = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            check(session.run(NOOP, TIMEOUT));
            each.add((System.nanoTime() - t) / 1e6);
        }
        return Measure.of(each, (System.nanoTime() - start) / 1e6);
    }

    private static void check(RawRun run) {
        if (ProbeOutput.parse(run).outcome() != Outcome.RETURNED) {
            throw new SetupException("the bench probe did not run: " + ProbeOutput.parse(run).summary() + "\n  "
                    + run.command() + "\n" + TailBuffer.lastLines(run.stdout() + "\n" + run.stderr(), 10, 300));
        }
    }

    private static JsonNode floorJson(RawRun run) {
        String last = TailBuffer.lastLines(run.stdout(), 1, Integer.MAX_VALUE);
        try {
            JsonNode node = JSON.readTree(last);
            if (node != null && node.path("samples").isArray() && node.path("samples").size() > 0) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new SetupException("the floor measure failed: " + run.command() + "\n"
                + TailBuffer.lastLines(run.stdout() + "\n" + run.stderr(), 10, 300));
    }

    private static void row(PrintStream out, String name, Measure m) {
        out.printf("%-36s %10.1f %10.1f %10.1f%n", name, m.mean, m.median, m.min);
    }

    private SuiteRun suite(Layout layout, Path outDir, NodeHost.Isolation isolation, PrintStream progress) {
        CheckOptions options = new CheckOptions().setPyodideVersions(List.of(pyodide)).setHosts(List.of("node"))
                .setNode(node).setOut(outDir).setNodeIsolation(isolation);
        options.run().setOnly(only).setTool("pywasm-compat bench");
        if (jobs != null) {
            options.run().setJobs(jobs);
        }
        long start = System.nanoTime();
        try (Check check = new Check(layout, options, progress)) {
            ResultDocument doc = check.start().await();
            long wall = millis(start);
            Map<String, Result> verdicts = new TreeMap<>();
            long probe = 0;
            for (Result r : doc.results()) {
                verdicts.put(r.key(), r);
                probe += r.evidence().durationMillis();
            }
            return new SuiteRun(verdicts, wall, probe, options.run().jobs());
        } catch (UncheckedIOException e) {
            throw new SetupException("the suite run failed: " + e.getMessage(), e);
        }
    }

    /** The results whose verdicts differ, as {@code key: verdict (observation) -> verdict (observation)}. */
    static List<String> diff(Map<String, Result> process, Map<String, Result> worker) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(process.keySet());
        keys.addAll(worker.keySet());
        for (String k : keys) {
            Result a = process.get(k);
            Result b = worker.get(k);
            if (a == null || b == null || a.verdict() != b.verdict()) {
                lines.add(k + ": " + describe(a) + " -> " + describe(b));
            }
        }
        return lines;
    }

    private static String describe(Result r) {
        return r == null ? "(none)" : r.verdict() + " (" + r.observation().summary() + ")";
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Per-probe milliseconds: {@code mean} is the wall time of all samples over their number. */
    record Measure(double mean, double median, double min) {
        static Measure of(List<Double> each, double wallMillis) {
            List<Double> sorted = each.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            return new Measure(wallMillis / each.size(), median, sorted.get(0));
        }
    }

    private record SuiteRun(Map<String, Result> verdicts, long wallMillis, long probeMillis, int jobs) {
    }
}
