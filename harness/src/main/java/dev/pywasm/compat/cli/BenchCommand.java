package dev.pywasm.compat.cli;

import dev.pywasm.compat.bench.Bench;
import dev.pywasm.compat.bench.LoadAverage;
import dev.pywasm.compat.bench.SuiteComparison;
import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.report.bench.BenchDocument;
import dev.pywasm.compat.report.bench.BenchHistory;
import dev.pywasm.compat.run.CheckOptions;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.run.OutDir;
import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pywasm-compat bench}: what an isolated probe costs on Node and in Chromium, three ways each, and the default
 * claim suite run both ways with identical verdicts ({@link Bench}, {@link SuiteComparison}). Not a test: it measures
 * this machine, prints a table, and fails only when the two isolations disagree on a verdict.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the cost of an isolated probe on Node (fresh process vs pooled worker vs the floor) "
                + "and in Chromium (fresh page vs warm worker vs the floor), and run the claim suite both ways "
                + "per host; exit 1 when their verdicts differ.")
public final class BenchCommand implements Callable<Integer> {

    static final String HARNESS = "pywasm-compat 0.1.0 (bench)";

    @Option(names = "--pyodide", paramLabel = "VERSION", defaultValue = PyodideNpm.DEFAULT_VERSION,
            description = "Pyodide version from npm (default: ${DEFAULT-VALUE}).")
    String pyodide;

    @Option(names = "--compare", split = ",", paramLabel = "VERSION",
            description = "Further Pyodide versions from npm measured as ours on each host beside --pyodide, e.g. "
                    + "0.25.1 (no memory snapshot: every probe loads it from scratch), each with its ratio to "
                    + "--pyodide's ours (target <= 3x).")
    List<String> compare = List.of();

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

    @Option(names = {"--warm-workers", "--warm"}, paramLabel = "N", hidden = true,
            description = "Fresh runtimes each node pool keeps restored ahead (default: 2).")
    Integer warm;

    @Option(names = "--hosts", split = ",", paramLabel = "HOST", defaultValue = "node,chromium",
            description = "Hosts to measure: node, chromium (default: ${DEFAULT-VALUE}).")
    List<String> hosts;

    @Option(names = "--chromium", paramLabel = "PATH", description = "The Chromium binary (default: as for run).")
    String chromium;

    @Option(names = "--out", paramLabel = "FILE", description = "Where bench.json goes (default: "
            + "target/pywasm-compat/bench.json in the checkout).")
    Path out;

    @Option(names = "--no-history", description = "Keep no copy of bench.json in the history store (default: one "
            + "bench-*.json per run beside the run records, which the dashboard's trend reads).")
    boolean noHistory;

    @Override
    public Integer call() throws IOException {
        Bench bench = new Bench(samples, System.err);
        PrintStream progress = System.err;
        Layout layout = Layout.defaults();
        Path json = out != null ? out : layout.home().resolve("target").resolve("pywasm-compat").resolve("bench.json");
        writable(json);
        Instant date = Instant.now();
        List<Double> load = LoadAverage.now();
        HostOptions hostOptions = new HostOptions().setNode(node).setChromium(chromium).setProbesPerPool(probesPerPool);
        if (warm != null) {
            hostOptions.setWarmWorkers(warm);
        }
        PyodideNpm reference = new PyodideNpm(pyodide, layout.cache(), null);
        List<PyodideNpm> compared = new ArrayList<>();
        for (String v : compare) {
            try {
                compared.add(new PyodideNpm(v, layout.cache(), null));
            } catch (SetupException e) {
                throw new IllegalArgumentException("--compare: '" + v + "' is not a version number (e.g. 0.25.1)");
            }
        }
        Path work = Files.createTempDirectory("pywasm-bench-");
        Map<String, Host> measured = new LinkedHashMap<>();
        try {
            for (String id : hosts) {
                Host host = HostKind.of(id).create(new HostKind.Context(work.resolve(id), null, hostOptions, progress));
                measured.put(id, host);
                if (!(host instanceof Benchmarked)) {
                    throw new IllegalArgumentException("--hosts: the bench measures hosts with a naive and a cheaper "
                            + "isolation (node, chromium), not '" + id + "'");
                }
            }
            RuntimeImage image = reference.prepare(progress::println);
            List<RuntimeImage> others = new ArrayList<>();
            for (PyodideNpm other : compared) {
                others.add(other.prepare(progress::println));
            }
            int cores = java.lang.Runtime.getRuntime().availableProcessors();
            List<String> report = new ArrayList<>();
            report.add(String.format("pywasm-compat bench: %s, %d cores, %d samples per measure", image.id(), cores,
                    samples));
            List<BenchDocument.HostBench> benches = new ArrayList<>();
            for (Host h : measured.values()) {
                BenchDocument.HostBench b = bench.run((Benchmarked) h, image);
                for (RuntimeImage other : others) {
                    b = bench.older(b, (Benchmarked) h, other);
                }
                benches.add(b);
                report.addAll(Bench.table(b, ((Benchmarked) h).benchLabels()));
            }
            List<BenchDocument.SuiteTimes> suites = new ArrayList<>();
            int status = 0;
            if (!noSuite) {
                report.add(String.format("%-36s %10s %10s", "suite (default claims, jobs "
                        + (jobs != null ? jobs : cores) + ")", "wall s", "probe s"));
                for (Map.Entry<String, Host> e : measured.entrySet()) {
                    SuiteComparison c = SuiteComparison.of(layout, this::suiteOptions, e.getKey(), (Benchmarked) e.getValue(),
                            work, progress);
                    report.addAll(c.lines());
                    suites.add(c.times());
                    status = c.identical() ? status : Main.DIFFERS;
                }
            }
            report.forEach(System.out::println);
            BenchDocument doc = new BenchDocument(BenchDocument.SCHEMA, HARNESS, date, LoadAverage.machine(load), image.id(),
                    samples, benches, suites);
            BenchHistory.write(json, doc);
            progress.println("bench: " + json);
            if (!noHistory) {
                progress.println("bench: kept as " + new BenchHistory(layout.history()).record(doc));
            }
            return status;
        } finally {
            measured.values().forEach(Host::close);
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temporary files only
            }
        }
    }

    /** Fails before anything starts when bench.json cannot be written there. */
    private static void writable(Path json) {
        if (Files.isDirectory(json)) {
            throw new IllegalArgumentException("--out " + json + " is a directory; give the file bench.json is written to");
        }
        OutDir.checkWritable(json.toAbsolutePath().getParent(), "--out " + json + ": its directory");
    }

    /** The suite runs' options, but for the host, the output and the isolation. */
    private CheckOptions suiteOptions() {
        CheckOptions options = new CheckOptions().setPyodideVersions(List.of(pyodide));
        options.host().setNode(node).setChromium(chromium);
        options.run().setOnly(only).setTool("pywasm-compat bench");
        if (jobs != null) {
            options.run().setJobs(jobs);
        }
        return options;
    }
}
