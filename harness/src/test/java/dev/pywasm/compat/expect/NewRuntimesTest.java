package dev.pywasm.compat.expect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewRuntimesTest {

    @TempDir
    Path dir;

    private void record(String runtime, String host, String yaml) throws IOException {
        Path file = Files.createDirectories(dir.resolve(runtime)).resolve(host + ".yaml");
        Files.writeString(file, yaml);
    }

    @BeforeEach
    void recorded() throws IOException {
        record("pyodide-0.28.3", "node", "a.one: HOLDS\na.two: HOLDS\n");
        record("pyodide-314.0.7", "node", "a.one: HOLDS\na.two: HOLDS\na.three: STALE\n");
        record("cpython-3.11-node", "node", "a.one: STALE\n");
    }

    private static Result result(String id, String runtime, Verdict v) {
        return new Result(id, "s", "q", "node", runtime, v, "because", Observation.of(Outcome.RAISED, "m"),
                Evidence.none(), null);
    }

    @Test
    void aRuntimeWithoutRecordedVerdictsIsComparedWithTheNewestRecordedOneOfItsKind() {
        NewRuntimes news = new NewRuntimes(new Expectations(dir));
        assertThat(news.isNew("pyodide-314.0.8", "node")).isTrue();
        assertThat(news.isNew("pyodide-314.0.7", "node")).isFalse();
        assertThat(news.isNew("pyodide-314.0.7", "chromium")).isTrue();
        assertThat(news.baseline("pyodide-314.0.8")).contains("pyodide-314.0.7");
        assertThat(news.baseline("pyodide-0.29.5")).contains("pyodide-0.28.3");
        assertThat(news.baseline("pyodide-0.23.4")).as("nothing older: the oldest newer").contains("pyodide-0.28.3");
        assertThat(news.baseline("cpython-3.12-node")).contains("cpython-3.11-node");
        assertThat(news.baseline("cpython-3.12-browser")).isEmpty();
    }

    @Test
    void theReportCountsAndListsTheChanges() {
        NewRuntimes news = new NewRuntimes(new Expectations(dir));
        List<NewRuntimes.Report> reports = news.reports(List.of(
                result("a.one", "pyodide-314.0.8", Verdict.HOLDS),
                result("a.two", "pyodide-314.0.8", Verdict.STALE),
                result("a.three", "pyodide-314.0.8", Verdict.STALE),
                result("a.four", "pyodide-314.0.8", Verdict.HOLDS),
                result("a.one", "pyodide-314.0.7", Verdict.HOLDS).withExpected(Verdict.HOLDS)));
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.headline()).isEqualTo("new runtime pyodide-314.0.8: 0 expectations yet (node); "
                    + "compared with pyodide-314.0.7: 1 change in 3 cells");
            assertThat(r.text()).contains("  a.two @ node: HOLDS -> STALE  (raised null: m)")
                    .contains("./pywasm-compat run --pyodide 314.0.8 --update-expectations");
        });
    }

    @Test
    void aCellOfANewRuntimeSaysWhatItIsComparedWith() {
        NewRuntimes news = new NewRuntimes(new Expectations(dir));
        assertThat(news.describe(result("a.two", "pyodide-314.0.8", Verdict.STALE)))
                .startsWith("new runtime pyodide-314.0.8: 0 expectations yet on node; compared with pyodide-314.0.7: "
                        + "changed HOLDS -> STALE. Observed STALE - because");
        assertThat(news.describe(result("a.one", "pyodide-314.0.8", Verdict.HOLDS)))
                .contains("compared with pyodide-314.0.7: the same verdict, HOLDS");
        assertThat(news.describe(result("a.one", "cpython-3.12-browser", Verdict.HOLDS)))
                .contains("no recorded runtime of its kind to compare with");
    }
}
