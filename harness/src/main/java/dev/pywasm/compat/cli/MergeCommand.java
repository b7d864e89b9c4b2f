package dev.pywasm.compat.cli;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.report.ResultFile;
import dev.pywasm.compat.report.Summary;
import dev.pywasm.compat.report.history.HistoryView;
import dev.pywasm.compat.run.Check;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.run.Merge;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pywasm-compat merge DIR...}: the outputs of {@code run --shard I/N} joined into one run (see {@link Merge}),
 * then the reports {@code run} writes, once, for the merged run: results.json, summary.md, the dashboard, the
 * annotated READMEs, the diff, drift, the history record, and the shards' Allure results in one folder.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the outputs of run --shard I/N (every shard of one run, once) into one results.json with "
                + "the whole plan, then write the reports run writes for it (summary, dashboard, annotated README, diff, "
                + "drift, history; the shards' allure-results/ copied into one).",
                "Exit status: 0 every verdict as recorded, 1 some differ, 2 a shard missing, given twice, unfinished, "
                + "or from another run (catalog, claims source, runtimes, hosts)."})
public final class MergeCommand implements Callable<Integer> {

    /** The folder of Allure result files a shard's output may hold (copy a mvn verify shard's there). */
    static final String ALLURE_RESULTS = "allure-results";

    @Parameters(arity = "1..*", paramLabel = "DIR",
            description = "Each shard's output: its --out directory (with results.json), or its results.json.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the merged run goes (default: target/pywasm-compat in the checkout).")
    Path out;

    @Option(names = "--update-expectations",
            description = "Rewrite the recorded expectations from the merged run's verdicts (the shards must come "
                    + "from this checkout's suite).")
    boolean update;

    @CommandLine.Mixin
    SuiteOption suite = new SuiteOption();

    @Override
    public Integer call() {
        PrintStream progress = System.err;
        Layout layout = suite.layout();
        List<Merge.Input> read = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.exists(in)) {
                throw new IllegalArgumentException(in + ": no such shard output (give each shard's --out directory, or its"
                        + " results.json)");
            }
            Path file = Files.isDirectory(in) ? in.resolve("results.json") : in;
            read.add(new Merge.Input(file, ResultFile.read(file)));
        }
        ResultDocument doc = Merge.of(read);
        if (update && !Check.suiteDigest(layout).equals(doc.run().plan().catalog())) {
            throw new IllegalArgumentException("--update-expectations: the shards ran another catalog than "
                    + layout.claims().getParent() + " holds now (plan.catalog differs); merge without it, or re-run");
        }
        Path dir = out != null ? out : layout.home().resolve("target").resolve("pywasm-compat");
        Path results = dir.resolve("results.json");
        if (read.stream().anyMatch(in -> in.file().toAbsolutePath().normalize().equals(results.toAbsolutePath().normalize()))) {
            throw new IllegalArgumentException("--out " + dir + " is a shard's own output; give another directory");
        }
        ResultFile.writeAtomically(results, doc);
        progress.println("Merged " + read.size() + " shard(s): " + doc.results().size() + " of "
                + doc.run().plan().size() + " planned results into " + results);
        HistoryView history = Check.readHistory(layout, progress);
        List<Path> written = new ArrayList<>(Check.writeReports(layout, dir, doc, history, true, progress));
        copyAllure(read, dir.resolve(ALLURE_RESULTS), progress).ifPresent(written::add);
        if (update) {
            Catalog catalog = Catalog.load(layout.claims(), layout.probes(), HostKind.ids());
            List<Path> files = new Expectations(layout.expectations()).update(doc.results(), catalog);
            files.forEach(f -> progress.println("Expectations updated: " + f));
            written.addAll(files);
        }
        PrintStream console = System.out;
        console.println();
        console.print(Summary.console(doc, history));
        console.println();
        written.forEach(p -> console.println("Wrote " + p));
        console.printf("%d results from %d shard(s)%n", doc.results().size(), read.size());
        return update ? 0 : Main.compared(doc, new Expectations(layout.expectations()), console);
    }

    /**
     * The shards' Allure results in one folder, as Allure reads them: every result, container and attachment
     * file (named by UUID, so they never collide) copied; a file of the same name in two shards
     * ({@code environment.properties}, {@code executor.json}, {@code categories.json}) is the first shard's.
     */
    static java.util.Optional<Path> copyAllure(List<Merge.Input> shards, Path target, PrintStream progress) {
        boolean any = false;
        for (Merge.Input shard : shards) {
            Path from = shard.file().toAbsolutePath().getParent().resolve(ALLURE_RESULTS);
            if (!Files.isDirectory(from)) {
                continue;
            }
            try (Stream<Path> files = Files.list(from)) {
                Files.createDirectories(target);
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = target.resolve(f.getFileName().toString());
                    if (!Files.exists(to)) {
                        Files.copy(f, to);
                    }
                }
                any = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the Allure results of " + from + " into " + target, e);
            }
        }
        if (!any) {
            progress.println("No shard has " + ALLURE_RESULTS + "/ (run writes none; mvn verify -Dpywasm.shard=I/N does,"
                    + " in suites/target/" + ALLURE_RESULTS + ")");
        }
        return any ? java.util.Optional.of(target) : java.util.Optional.empty();
    }
}
