package dev.pywasm.compat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.history.HistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bring your own suite, end to end: {@code init-suite} writes an example, {@code list}, {@code check-catalog}
 * and {@code run --suite} use it (the run for real: Pyodide on Node), and a bad suite stops with exit 2 and
 * one message naming the file before anything runs.
 */
class SuiteCommandsTest {

    @TempDir
    Path dir;
    Captured last;
    private String history;

    @BeforeEach
    void privateHistory() {
        history = System.getProperty(HistoryStore.PROPERTY);
        System.setProperty(HistoryStore.PROPERTY, dir.resolve("history").toString());
    }

    @AfterEach
    void restoreHistory() {
        if (history == null) {
            System.clearProperty(HistoryStore.PROPERTY);
        } else {
            System.setProperty(HistoryStore.PROPERTY, history);
        }
    }

    /** Runs the command line and keeps what it printed in {@link #last}. */
    int run(String... args) {
        last = Captured.run(args);
        return last.status();
    }

    @Test
    void theInitSuiteExampleRunsOnNodeAndItsClaimHolds() throws IOException {
        Path suite = dir.resolve("example");
        assertThat(run("init-suite", suite.toString())).as(last.err()).isZero();
        assertThat(last.out()).contains("suite.yaml").contains("run --suite " + suite);
        assertThat(run("list", "--suite", suite.toString())).as(last.err()).isZero();
        assertThat(last.out()).contains("processes.getpid").contains("1 claims");
        assertThat(run("check-catalog", "--suite", suite.toString())).as(last.out() + last.err()).isZero();
        assertThat(last.out()).contains("1 claims, 1 README sentences, 0 not checkable, 0 misquoted, 0 uncovered");

        Path results = dir.resolve("out/results.json");
        assertThat(run("run", "--suite", suite.toString(), "--out", results.getParent().toString()))
                .as("exit status; stdout:\n" + last.out() + "\nstderr:\n" + last.err()).isZero();
        JsonNode doc = Json.mapper().readTree(results.toFile());
        assertThat(doc.path("run").path("hosts")).hasSize(1);
        assertThat(doc.path("results")).hasSize(1);
        JsonNode r = doc.path("results").get(0);
        assertThat(r.path("claimId").asText()).isEqualTo("processes.getpid");
        assertThat(r.path("host").asText()).isEqualTo("node");
        assertThat(r.path("verdict").asText()).as(r.toString()).isEqualTo("HOLDS");
        assertThat(r.path("observation").path("value").path("pid").asInt()).isEqualTo(42);
        assertThat(doc.path("run").path("claimsSource").asText()).startsWith(suite.resolve("LIMITATIONS.md").toString());
        assertThat(dir.resolve("history/suites/example")).as("the suite's own history").isDirectory();
        assertThat(dir.resolve("out/annotated-README.md")).content().contains("always returns 42.**");
    }

    @Test
    void aBadSuiteStopsBeforeAnythingRuns() throws IOException {
        Path outDir = dir.resolve("out");
        assertThat(run("run", "--suite", dir.resolve("nope").toString(), "--out", outDir.toString())).isEqualTo(Main.SETUP);
        assertThat(last.err()).contains("--suite").contains("nope").contains("no such directory").contains("init-suite");
        assertThat(last.err().lines()).hasSize(1);

        Path suite = dir.resolve("s");
        run("init-suite", suite.toString());
        Files.writeString(suite.resolve("suite.yaml"), "name: s\nsources: {id: x\n");
        assertThat(run("run", "--suite", suite.toString(), "--out", outDir.toString())).isEqualTo(Main.SETUP);
        assertThat(last.err()).contains(suite.resolve("suite.yaml").toString()).contains("line");

        run("init-suite", dir.resolve("t").toString());
        Files.delete(dir.resolve("t/claims/10-limitations.yaml"));
        assertThat(run("run", "--suite", dir.resolve("t").toString(), "--out", outDir.toString())).isEqualTo(Main.SETUP);
        assertThat(last.err()).contains(dir.resolve("t/claims").toString()).contains("no *.yaml catalog files");
        assertThat(outDir).doesNotExist();

        assertThat(run("init-suite", suite.toString())).isEqualTo(Main.SETUP);
        assertThat(last.err()).contains("not empty");
    }
}
