package dev.pywasm.compat.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.report.history.HistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    @Test
    void writesDashboardAnnotatedReadmeDiffAndHistory() throws IOException {
        Path readme = Files.writeString(dir.resolve("README.md"), Fixtures.README);
        Path results = dir.resolve("out/results.json");
        ResultDocument doc = Fixtures.matrix(Instant.parse("2026-11-20T02:00:00Z"), true);
        ResultFile.writeAtomically(results, doc);
        HistoryStore history = new HistoryStore(dir.resolve("history"));

        Reports.Written written = Reports.write(ResultSet.read(java.util.List.of(results)),
                new Reports.Options().setOut(results.getParent()).setClaimsSource(readme).setHistory(history));

        assertThat(written.files()).extracting(p -> p.getFileName().toString()).startsWith(
                "dashboard.html", "annotated-README.md", "diff.md", "diff.json");
        assertThat(written.files()).allMatch(Files::isRegularFile);
        assertThat(written.files().get(4)).hasParent(history.dir());
        assertThat(history.read()).hasSize(1);
        assertThat(written.warnings()).singleElement().asString().contains("1 quote(s) not found").contains("processes.gone");
        assertThat(Files.readString(results.resolveSibling("diff.md"))).contains("| `network.accept-crash` | chromium | HOLDS | **STALE** |");
        assertThat(Files.readString(results.resolveSibling("annotated-README.md"))).contains("Marks from the run of 2026-11-20T02:00:00Z "
                + "(pyodide-0.27.7 (Pyodide 0.27.7, CPython 3.12.7, Emscripten 3.1.58); pyodide-314.0.7 (Pyodide 314.0.7, "
                + "CPython 3.14.2, Emscripten 5.0.3) on node, chromium).");

        // Regenerating the same run does not add a second history record.
        Reports.write(ResultSet.read(java.util.List.of(results)),
                new Reports.Options().setOut(results.getParent()).setClaimsSource(readme).setHistory(history));
        assertThat(history.read()).hasSize(1);
    }

    @Test
    void theDashboardShowsTheBenchRunsKeptInTheHistoryDirectory() throws IOException {
        Path results = dir.resolve("out/results.json");
        ResultFile.writeAtomically(results, Fixtures.matrix(Instant.parse("2026-11-20T02:00:00Z"), true));
        HistoryStore history = new HistoryStore(dir.resolve("history"));
        dev.pywasm.compat.report.bench.BenchHistory bench = new dev.pywasm.compat.report.bench.BenchHistory(history.dir());
        bench.record(dev.pywasm.compat.report.bench.BenchFixtures.doc(Instant.parse("2026-11-19T02:00:00Z"), 4470, 281, 274, null));
        Files.writeString(history.dir().resolve("bench-20261118T000000.000Z-00000000.json"), "not json");

        Reports.Written written = Reports.write(ResultSet.read(java.util.List.of(results)),
                new Reports.Options().setOut(results.getParent()).setHistory(history));

        String html = Files.readString(results.resolveSibling("dashboard.html"));
        assertThat(html).contains("<section id=\"bench\">").contains("<a href=\"#bench\">")
                .contains("<h3>node on pyodide-314.0.7</h3>").contains("<td>2026-11-19T02:00:00Z</td>");
        assertThat(written.warnings()).anyMatch(w -> w.startsWith("history: bench record ") && w.contains("00000000.json"));
        assertThat(history.read()).hasSize(1);
    }

    @Test
    void withoutTheClaimsSourceTheDashboardIsStillWritten() {
        Path results = dir.resolve("results.json");
        ResultDocument doc = Fixtures.matrix(Instant.parse("2026-11-20T02:00:00Z"), false);
        Reports.Written written = Reports.write(results, doc, new Reports.Options().setOut(dir));
        assertThat(written.files()).extracting(p -> p.getFileName().toString()).containsExactly("dashboard.html");
        assertThat(written.warnings()).singleElement().asString().contains("claims source not found (README.md sha256:00)");
    }

    @Test
    void theRecordedSourcePathAndAChangedSourceAreNoticed() throws IOException {
        Path readme = Files.writeString(dir.resolve("R.md"), "text");
        RunInfo run = Fixtures.run(Instant.EPOCH).finished(Instant.EPOCH);
        RunInfo recorded = new RunInfo(run.tool(), run.startedAt(), run.finishedAt(), readme + " sha256:" + "0".repeat(64),
                run.runtimes(), run.hosts(), 0);
        assertThat(Reports.recordedSource(recorded)).isEqualTo(readme);
        assertThat(Reports.sourceChanged(recorded, readme)).contains("changed since the run");
        RunInfo missing = new RunInfo(null, null, null, "/x/README.md (missing)", null, null, 0);
        assertThat(Reports.recordedSource(missing)).isEqualTo(Path.of("/x/README.md"));
    }
}
