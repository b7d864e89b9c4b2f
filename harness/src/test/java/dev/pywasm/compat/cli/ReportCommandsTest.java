package dev.pywasm.compat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.report.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff and report commands end to end on the fixture result file: output, files and exit status. */
class ReportCommandsTest {

    @TempDir
    Path dir;
    Path results;
    Path readme;
    String out;
    String err;

    @BeforeEach
    void fixture() throws IOException {
        results = copy("results.json", dir.resolve("run/results.json"));
        readme = copy("README.md", dir.resolve("README.md"));
    }

    int run(String... args) {
        Captured c = Captured.run(args);
        out = c.out();
        err = c.err();
        return c.status();
    }

    @Test
    void diffOfTwoRuntimesInOneFileExitsOneAndListsTheChanges() throws IOException {
        Path json = dir.resolve("d/diff.json");
        assertThat(run("diff", results.toString(), "--json", json.toString(), "--out", dir.resolve("d/diff.md").toString()))
                .isEqualTo(1);
        assertThat(out).contains("# pywasm-compat diff: pyodide-0.27.7 → pyodide-314.0.7")
                .contains("| Emscripten | 3.1.58 | 5.0.3 |")
                .contains("| `network.accept-crash` | chromium | HOLDS | **STALE** | crashed: RuntimeError: Aborted().")
                .contains("| `browser.threads` | chromium | HOLDS | **TIMEOUT** |");
        assertThat(Files.readString(dir.resolve("d/diff.md"))).isEqualTo(out);
        JsonNode parsed = Json.mapper().readTree(json.toFile());
        assertThat(parsed.path("schema").asText()).isEqualTo("pywasm-compat/diff/v1");
        assertThat(parsed.path("changed")).hasSize(2);
    }

    @Test
    void noChangeExitsZero() {
        assertThat(run("diff", results.toString(), "--from", "pyodide-0.27.7", "--to", "pyodide-314.0.7", "--host", "node"))
                .isEqualTo(0);
        assertThat(out).contains("**No verdict changed** among 6 cells compared on node.");
        assertThat(run("diff", "-q", results.toString(), results.toString())).isEqualTo(0);
        assertThat(out).isEmpty();
    }

    @Test
    void badInputExitsTwoNamingTheFile() throws IOException {
        Path missing = dir.resolve("nope/results.json");
        assertThat(run("diff", missing.toString(), results.toString())).isEqualTo(Main.SETUP);
        assertThat(err).contains(missing + ": no such result file");

        Path corrupt = Files.writeString(dir.resolve("corrupt.json"), "{\"schema\": \"pywasm-compat/results/v1\", \"run\": {");
        assertThat(run("diff", results.toString(), corrupt.toString())).isEqualTo(Main.SETUP);
        assertThat(err).contains(corrupt + ": not a pywasm-compat result file");

        Path foreign = Files.writeString(dir.resolve("foreign.json"), "{\"schema\": \"allure/v2\", \"run\": {}}");
        assertThat(run("diff", foreign.toString(), results.toString())).isEqualTo(Main.SETUP);
        assertThat(err).contains(foreign + ": schema is 'allure/v2'");

        assertThat(run("diff", results.toString(), "--from", "pyodide-0.1")).isEqualTo(Main.SETUP);
        assertThat(err).contains("--from pyodide-0.1: no such runtime in " + results.toAbsolutePath())
                .contains("pyodide-0.27.7, pyodide-314.0.7");
    }

    @Test
    void reportRegeneratesEverythingFromAResultFile() {
        Path history = dir.resolve("history");
        assertThat(run("report", results.toString(), "--claims-source", readme.toString(), "--history", history.toString()))
                .isEqualTo(0);
        for (String f : new String[] {"dashboard.html", "annotated-README.md", "diff.md", "diff.json"}) {
            assertThat(results.resolveSibling(f)).isRegularFile();
            assertThat(out).contains("Wrote " + results.resolveSibling(f));
        }
        assertThat(out).contains("Wrote " + history.resolve("run-20261124T020000.000Z-"));
        assertThat(err).contains("warning: 1 quote(s) not found in " + readme + ": misc.gone");

        Path elsewhere = dir.resolve("elsewhere");
        assertThat(run("report", results.toString(), "--claims-source", readme.toString(), "--no-history",
                "--out", elsewhere.toString())).isEqualTo(0);
        assertThat(elsewhere.resolve("dashboard.html")).isRegularFile();
        assertThat(out).doesNotContain("history");
    }

    @Test
    void aCorruptHistoryRecordIsNamedAndTheReportStillWritten() throws IOException {
        Path history = Files.createDirectories(dir.resolve("history"));
        Path bad = Files.writeString(history.resolve("run-20200101T000000.000Z-00000000.json"), "not json");
        assertThat(run("report", results.toString(), "--claims-source", readme.toString(), "--history", history.toString()))
                .isEqualTo(0);
        assertThat(err).contains("warning: history: history record " + bad + " is unreadable");
        assertThat(Files.readString(results.resolveSibling("dashboard.html"))).contains("is unreadable");
    }

    static Path copy(String name, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = ReportCommandsTest.class.getResourceAsStream("/dev/pywasm/compat/report/fixture/" + name)) {
            Files.copy(in, to);
        }
        return to;
    }
}
