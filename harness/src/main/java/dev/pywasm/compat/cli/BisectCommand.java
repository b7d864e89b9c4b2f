package dev.pywasm.compat.cli;

import dev.pywasm.compat.bisect.Bisect;
import dev.pywasm.compat.bisect.BisectOptions;
import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.report.ResultSet;
import dev.pywasm.compat.report.bisect.BisectMarkdown;
import dev.pywasm.compat.report.bisect.Bisection;
import dev.pywasm.compat.report.bisect.ChangeNotes;
import dev.pywasm.compat.report.bisect.Interval;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.runtime.RuntimeKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pywasm-compat bisect}: the first Pyodide release (and its Emscripten upgrade) that changed each
 * claim between two releases.
 */
@Command(name = "bisect", mixinStandardHelpOptions = true,
        description = {"Find the Pyodide release that changed each claim between two releases: lists the npm releases "
                + "from --from to --to, reads each one's CPython and Emscripten from the runtime, and binary-searches "
                + "per claim for every change; every cell is cached, so a second bisection runs nothing. Markdown on "
                + "stdout; bisect.json and bisect.md in --out.",
                "Exit status: 0 no claim differs, 1 a claim changed (the releases are named), 2 bad input."})
public final class BisectCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "VERSION", description = "The old release, e.g. 0.26.4.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The new release, e.g. 314.0.7, or latest.")
    String to;

    @Option(names = "--claims", split = ",", paramLabel = "GLOB",
            description = "Only claims whose id matches one of these globs (default: every claim about the host).")
    List<String> claims = List.of();

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "node",
            description = "The host every cell runs on: node, chromium, chromium-plain, chromium-badmime (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--observation", description = "Find changes of the observation (outcome, value, exception, errno), "
            + "not only of the verdict.")
    boolean observation;

    @Option(names = "--exhaustive", description = "Run every release for every claim instead of a binary search: sees "
            + "a change and a change back between two samples that agree, which a binary search cannot.")
    boolean exhaustive;

    @Option(names = "--pre-releases", description = "Include pre-releases (alpha) between the ends.")
    boolean preReleases;

    @Option(names = "--toolchains", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Read the CPython and Emscripten of every release of the range, installing the ones the search "
                    + "did not run (default: on; --no-toolchains reads only the releases run).")
    boolean toolchains;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where bisect.json, bisect.md and the step results go (default: target/pywasm-compat/bisect/HOST-FROM-TO).")
    Path out;

    @Option(names = {"-j", "--jobs"}, description = "Probes run at once (default: number of cores).")
    Integer jobs;

    @Option(names = "--node", paramLabel = "PATH", description = "The node binary (default: node on PATH).")
    String node;

    @Option(names = "--chromium", paramLabel = "PATH", description = "The Chromium binary for the chromium hosts.")
    String chromium;

    @Option(names = {"-q", "--quiet"}, description = "No Markdown on stdout.")
    boolean quiet;

    /**
     * After a run: with {@code bisect}, bisects every interval of neighbouring Pyodide runtimes whose verdicts differ
     * (into {@code <out>/bisect/<host>-<from>-<to>}, reusing the run's cells); returns, per changed claim, the
     * release that changed it or the command that finds it.
     */
    static List<String> afterRun(Layout layout, Path out, ResultDocument doc, boolean bisect, PrintStream progress) {
        ResultSet set = ResultSet.of(out.resolve("results.json"), doc);
        List<Interval> intervals = Interval.of(set);
        List<Bisection> done = new ArrayList<>(ChangeNotes.read(out, new ArrayList<>())); // earlier ones, if they still fit
        if (bisect) {
            progress.println(intervals.isEmpty() ? "--bisect: no claim changed between neighbouring Pyodide runtimes"
                    : "--bisect: " + intervals.size() + " interval(s) of neighbouring runtimes with changed claims");
            for (Interval iv : intervals) {
                BisectOptions options = new BisectOptions().setFrom(iv.from().version()).setTo(iv.to().version())
                        .setHost(iv.host()).setClaims(iv.changes().stream().map(Interval.Change::claimId).toList())
                        .setOut(out.resolve(ChangeNotes.DIR).resolve(iv.host() + "-" + iv.from().version() + "-"
                                + iv.to().version()))
                        .setKnown(doc.results(), doc.run().runtimes());
                try (Bisect b = new Bisect(layout, options, progress)) {
                    Bisect.Written w = b.run();
                    progress.println("Wrote " + w.json() + "\nWrote " + w.markdown());
                    done.add(w.bisection());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        ChangeNotes.of(set, done).forEach((claim, notes) -> notes.forEach(n -> lines.add(claim + " @ " + n)));
        return lines;
    }

    @Override
    public Integer call() {
        List<String> pyodideHosts = java.util.Arrays.stream(HostKind.values()).filter(k -> k.runs(RuntimeKind.PYODIDE))
                .map(HostKind::id).toList();
        if (!pyodideHosts.contains(host)) {
            throw new IllegalArgumentException("--host " + host + ": not a host that runs Pyodide releases (give one of "
                    + String.join(", ", pyodideHosts) + ")");
        }
        BisectOptions options = new BisectOptions().setFrom(from).setTo(to).setHost(host).setClaims(claims)
                .setObservation(observation).setExhaustive(exhaustive).setPreReleases(preReleases).setToolchains(toolchains)
                .setOut(out).setJobs(jobs).setNode(node).setChromium(chromium);
        try (Bisect bisect = new Bisect(Layout.defaults(), options, System.err)) {
            Bisect.Written w = bisect.run();
            if (!quiet) {
                System.out.print(BisectMarkdown.of(w.bisection()));
            }
            System.err.println("Wrote " + w.json());
            System.err.println("Wrote " + w.markdown());
            return w.bisection().claims().isEmpty() ? 0 : Main.DIFFERS;
        }
    }
}
