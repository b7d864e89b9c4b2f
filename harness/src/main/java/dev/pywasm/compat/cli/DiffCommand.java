package dev.pywasm.compat.cli;

import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.report.AtomicFile;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.ResultSet;
import dev.pywasm.compat.report.diff.DiffMarkdown;
import dev.pywasm.compat.report.diff.VersionDiff;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pywasm-compat diff}: which claims changed verdict between two result files (last night's and
 * tonight's), or between two runtimes of one matrix result file (an Emscripten upgrade), with both
 * observations and both runtimes' identities.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Verdicts that changed between two result files (OLD NEW), or between two runtimes of one "
                + "result file (RESULTS --from A --to B), with both observations side by side; Markdown on stdout.",
                "Exit status: 0 nothing changed, 1 a verdict changed or a cell is on one side only, 2 bad input."})
public final class DiffCommand implements Callable<Integer> {

    @Parameters(arity = "1..2", paramLabel = "RESULTS", description = "results.json files: OLD NEW, or one with several runtimes.")
    List<Path> files;

    @Option(names = "--from", paramLabel = "RUNTIME", description = "The old runtime id, e.g. pyodide-0.27.7 (default: "
            + "with one file, its oldest Emscripten; with two, every runtime of OLD).")
    String from;

    @Option(names = "--to", paramLabel = "RUNTIME", description = "The new runtime id (default: with one file, its newest "
            + "Emscripten; with two, every runtime of NEW).")
    String to;

    @Option(names = "--host", paramLabel = "HOST", description = "Compare only this host's cells.")
    String host;

    @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the Markdown here.")
    Path out;

    @Option(names = "--json", paramLabel = "FILE.json", description = "Write the diff as JSON (the form the dashboard embeds).")
    Path json;

    @Option(names = {"-q", "--quiet"}, description = "No Markdown on stdout; the exit status says whether anything changed.")
    boolean quiet;

    @Override
    public Integer call() {
        VersionDiff diff;
        if (files.size() == 2) {
            ResultSet set = ResultSet.read(files);
            diff = VersionDiff.ofFiles(set.sources().get(0), set.sources().get(1), from, to, host);
        } else {
            ResultSet set = ResultSet.read(files);
            List<RuntimeIdentity> runtimes = set.runtimes();
            if ((from == null || to == null) && runtimes.size() < 2) {
                throw new IllegalArgumentException(files.get(0) + " has one runtime (" + runtimes.get(0).id()
                        + "): give a second result file (diff OLD NEW) or a result file of several runtimes");
            }
            String a = from != null ? from : runtimes.get(0).id();
            String b = to != null ? to : runtimes.get(runtimes.size() - 1).id();
            diff = VersionDiff.ofRuntimes(set, a, b, host);
        }
        String md = DiffMarkdown.of(diff);
        if (!quiet) {
            System.out.print(md);
        }
        if (out != null) {
            AtomicFile.write(out, md);
            System.err.println("Wrote " + out.toAbsolutePath());
        }
        if (json != null) {
            VersionDiff written = diff;
            AtomicFile.write(json, stream -> Json.mapper().writeValue(stream, written));
            System.err.println("Wrote " + json.toAbsolutePath());
        }
        return diff.hasChanges() ? Main.DIFFERS : 0;
    }
}
