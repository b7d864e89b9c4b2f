package dev.pywasm.compat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.NodeHost;
import dev.pywasm.compat.host.chromium.ChromiumHost;
import dev.pywasm.compat.host.chromium.ChromiumSession;
import dev.pywasm.compat.host.chromium.ServeMode;
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
 * {@code pywasm-compat bench}: what an isolated probe costs on Node and in Chromium, three ways each, and the default
 * claim suite run both ways with identical verdicts. Not a test: it measures this machine, prints a
 * table, and fails only when the two isolations disagree on a verdict.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the cost of an isolated probe on Node (fresh process vs pooled worker vs the floor) "
                + "and in Chromium (fresh page vs warm worker vs the floor), and run the claim suite both ways "
                + "per host; exit 1 when their verdicts differ.")
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

    @Option(names = "--hosts", split = ",", paramLabel = "HOST", defaultValue = "node,chromium",
            description = "Hosts to measure: node, chromium (default: ${DEFAULT-VALUE}).")
    List<String> hosts;

    @Option(names = "--chromium", paramLabel = "PATH", description = "The Chromium binary (default: as for run).")
    String chromium;

    @Override
    public Integer call() throws IOException {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be 1 or more");
        }
        for (String h : hosts) {
            if (!h.equals("node") && !h.equals("chromium")) {
                throw new IllegalArgumentException("--hosts: bench measures node and chromium, not '" + h + "'");
            }
        }
        PrintStream out = System.out;
        PrintStream progress = System.err;
        Layout layout = Layout.defaults();
        Path work = Files.createTempDirectory("pywasm-bench-");
        try {
            RuntimeImage image = new PyodideNpm(pyodide, layout.cache(), null).prepare(progress::println);
            int cores = java.lang.Runtime.getRuntime().availableProcessors();
            List<String> report = new ArrayList<>();
            report.add(String.format("pywasm-compat bench: %s, %d cores, %d samples per measure", image.id(), cores,
                    samples));
            if (hosts.contains("node")) {
                report.addAll(node(image, work, progress));
            }
            if (hosts.contains("chromium")) {
                report.addAll(chromium(image, work, progress));
            }
            int status = 0;
            if (!noSuite) {
                report.add(String.format("%-36s %10s %10s", "suite (default claims, jobs "
                        + (jobs != null ? jobs : cores) + ")", "wall s", "probe s"));
                for (String host : hosts) {
                    boolean isNode = host.equals("node");
                    progress.println("bench: the " + host + " suite, naive isolation ...");
                    SuiteRun naive = suite(layout, work.resolve(host + "-naive"), host, false, progress);
                    progress.println("bench: the " + host + " suite, our isolation ...");
                    SuiteRun ours = suite(layout, work.resolve(host + "-ours"), host, true, progress);
                    report.add(String.format("%-36s %10.1f %10.1f", "  " + host + (isNode ? " process" : " page")
                            + " (naive)", naive.wallMillis / 1000.0, naive.probeMillis / 1000.0));
                    report.add(String.format("%-36s %10.1f %10.1f", "  " + host + " worker (ours)",
                            ours.wallMillis / 1000.0, ours.probeMillis / 1000.0));
                    report.add(String.format("%-36s %9.1fx", "  speedup (wall)", (double) naive.wallMillis / ours.wallMillis));
                    List<String> diff = diff(naive.verdicts, ours.verdicts);
                    if (diff.isEmpty()) {
                        report.add(String.format("  verdicts: identical (%d results)", naive.verdicts.size()));
                    } else {
                        report.add(String.format("  verdicts: %d DIFFER (naive -> ours)", diff.size()));
                        diff.forEach(d -> report.add("    " + d));
                        status = Main.DIFFERS;
                    }
                }
            }
            report.forEach(out::println);
            return status;
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temporary files only
            }
        }
    }

    /** Node: fresh process + load vs pooled worker restoring a snapshot vs the restore alone. */
    private List<String> node(RuntimeImage image, Path work, PrintStream progress) {
        NodeHost host = NodeHost.detect(work.resolve("node"), new HostOptions().setNode(node)
                .setNodeIsolation(NodeHost.Isolation.WORKER).setProbesPerPool(probesPerPool).setWarmWorkers(warm));
        progress.println("bench: node naive, " + samples + " probes in fresh node processes ...");
        Measure naive;
        try (HostSession s = host.processSession(image)) {
            naive = measure(s, samples);
        }
        progress.println("bench: node ours, " + samples + " probes in pooled workers ...");
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
        progress.println("bench: node floor, " + samples + " snapshot restores in one thread ...");
        RawRun floorRun = host.measureFloor(image, samples, TIMEOUT.multipliedBy(samples + 1L));
        JsonNode floorJson = floorJson(floorRun);
        List<Double> floorSamples = new ArrayList<>();
        floorJson.path("samples").forEach(n -> floorSamples.add(n.asDouble()));
        Measure floor = Measure.of(floorSamples, floorSamples.stream().mapToDouble(Double::doubleValue).sum());
        List<String> lines = table("node " + host.identity().version(),
                "naive  fresh node process + load", naive, "ours   pooled worker + snapshot", ours,
                "floor  snapshot restore, 1 thread" + (floorJson.path("snapshot").asBoolean() ? "" : " (NO SNAPSHOT)"),
                floor, true);
        lines.add(String.format("%-36s %10d", "pool start + first probe (ms)", poolStart));
        lines.add("pool: " + poolInfo);
        return lines;
    }

    /** Chromium: fresh context + page + load vs a warm worker restoring a snapshot vs the restore alone. */
    private List<String> chromium(RuntimeImage image, Path work, PrintStream progress) {
        Measure naive;
        Measure ours;
        Measure floor;
        long first;
        String version;
        try (ChromiumHost fresh = ChromiumHost.create(ServeMode.ISOLATED, new HostOptions().setChromium(chromium)
                .setChromiumIsolation(ChromiumHost.Isolation.PAGE), null, progress);
             ChromiumHost fast = ChromiumHost.create(ServeMode.ISOLATED, new HostOptions().setChromium(chromium)
                     .setChromiumIsolation(ChromiumHost.Isolation.WORKER), null, progress)) {
            version = fast.identity().version();
            progress.println("bench: chromium naive, " + samples + " probes, each in a new context and page ...");
            try (HostSession s = fresh.open(image)) {
                naive = measure(s, samples);
            }
            progress.println("bench: chromium ours, " + samples + " probes in workers restoring a snapshot ...");
            try (ChromiumSession s = fast.openPyodide(image)) {
                long t = System.nanoTime();
                check(s.run(NOOP, TIMEOUT));
                first = millis(t);
                ours = measure(s, samples);
                progress.println("bench: chromium floor, " + samples + " snapshot restores one after the other ...");
                List<Double> restores = s.measureFloor(samples);
                floor = Measure.of(restores, restores.stream().mapToDouble(Double::doubleValue).sum());
            }
        }
        List<String> lines = table("chromium " + version + " (cross-origin isolated)",
                "naive  fresh page + load", naive, "ours   warm worker + snapshot", ours,
                "floor  snapshot restore in a worker", floor, false);
        lines.add(String.format("%-36s %10d", "page + snapshot + first probe (ms)", first));
        return lines;
    }

    private static List<String> table(String host, String naiveName, Measure naive, String oursName, Measure ours,
                                      String floorName, Measure floor, boolean floorTarget) {
        List<String> lines = new ArrayList<>();
        lines.add("host " + host);
        lines.add(String.format("%-36s %10s %10s %10s", "measure (ms per probe)", "mean", "median", "min"));
        lines.add(row(naiveName, naive));
        lines.add(row(oursName, ours));
        lines.add(row(floorName, floor));
        double naiveOverOurs = naive.mean / ours.mean;
        double oursOverFloor = ours.mean / floor.mean;
        lines.add(String.format("%-36s %9.1fx  target >= 20x  %s", "ratio  naive/ours", naiveOverOurs,
                naiveOverOurs >= 20 ? "met" : "NOT met"));
        lines.add(String.format("%-36s %9.2fx  %s", "ratio  ours/floor", oursOverFloor,
                floorTarget ? "target <= 3x   " + (oursOverFloor <= 3 ? "met" : "NOT met") : "(no target)"));
        return lines;
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

    private static String row(String name, Measure m) {
        return String.format("%-36s %10.1f %10.1f %10.1f", name, m.mean, m.median, m.min);
    }

    private SuiteRun suite(Layout layout, Path outDir, String host, boolean ours, PrintStream progress) {
        CheckOptions options = new CheckOptions().setPyodideVersions(List.of(pyodide)).setHosts(List.of(host))
                .setOut(outDir);
        options.host().setNode(node).setChromium(chromium)
                .setNodeIsolation(ours ? NodeHost.Isolation.WORKER : NodeHost.Isolation.PROCESS)
                .setChromiumIsolation(ours ? ChromiumHost.Isolation.WORKER : ChromiumHost.Isolation.PAGE);
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
