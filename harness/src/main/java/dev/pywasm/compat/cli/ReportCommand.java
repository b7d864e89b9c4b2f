package dev.pywasm.compat.cli;

import dev.pywasm.compat.report.ResultSet;
import dev.pywasm.compat.report.Reports;
import dev.pywasm.compat.report.history.HistoryStore;
import dev.pywasm.compat.run.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pywasm-compat report}: the dashboard, the annotated README and (with several runtimes) the
 * runtime diff, regenerated from result files that already exist; the same files {@code run} writes.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Regenerate dashboard.html and annotated-README.md (and diff.md / diff.json when the results "
                + "have several runtimes) from existing result files. Several files are read as one matrix.",
                "Each run is recorded in the history store (once: regenerating never duplicates a run)."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "RESULTS",
            description = "results.json files (default: target/pywasm-compat/results.json in the checkout).")
    List<Path> files;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go (default: the first file's directory).")
    Path out;

    @Option(names = "--claims-source", paramLabel = "README",
            description = "The README the claims quote (default: the path the run recorded, else the project's default).")
    Path claimsSource;

    @Option(names = "--history", paramLabel = "DIR", description = "The history store (default: -Dpywasm.history, "
            + "$" + HistoryStore.ENV + ", else <cache>/history, i.e. ~/.cache/pywasm-compat/history).")
    Path history;

    @Option(names = "--no-history", description = "Neither record the runs nor show history.")
    boolean noHistory;

    @Override
    public Integer call() {
        Layout layout = Layout.defaults();
        List<Path> inputs = files == null || files.isEmpty()
                ? List.of(layout.home().resolve("target").resolve("pywasm-compat").resolve("results.json"))
                : files;
        ResultSet set = ResultSet.read(inputs);
        Path dir = out != null ? out : inputs.get(0).toAbsolutePath().getParent();
        Path source = claimsSource;
        if (source == null) {
            Path recorded = Reports.recordedSource(set.sources().get(0).doc().run());
            source = recorded != null && Files.isRegularFile(recorded) ? recorded : layout.claimsSource();
        }
        Reports.Options options = new Reports.Options().setOut(dir).setClaimsSource(source)
                .setHistory(noHistory ? null : new HistoryStore(history != null ? history : HistoryStore.defaultDir(layout.cache())));
        Reports.Written written = Reports.write(set, options);
        written.warnings().forEach(w -> System.err.println("warning: " + w));
        written.files().forEach(f -> System.out.println("Wrote " + f));
        return 0;
    }
}
