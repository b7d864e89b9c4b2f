package dev.pywasm.compat.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.Attempt;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results run more than once (attempts, FLAKY) and runtime notes: in the file, and in the summaries. */
class FlakyResultsTest {

    @TempDir
    Path dir;

    static Result flaky() {
        Result first = ResultFileTest.result("network.accept", Verdict.STALE);
        Result second = ResultFileTest.result("network.accept", Verdict.HOLDS);
        return first.withAttempts(Verdict.FLAKY, "the attempts disagree: STALE, HOLDS",
                List.of(Attempt.of(first), Attempt.of(second)));
    }

    @Test
    void attemptsAndNotesSurviveTheFile() {
        Path file = dir.resolve("results.json");
        try (ResultFile results = ResultFile.create(file, ResultFileTest.info())) {
            results.append(flaky());
            results.append(ResultFileTest.result("network.socketpair", Verdict.HOLDS));
            results.updateRun(run -> run.withRuntimes(run.runtimes().stream()
                    .map(rt -> rt.withNotes(Map.of("node", "loaded from scratch"))).toList()));
        }
        ResultDocument doc = ResultFile.read(file);
        assertThat(doc.results().get(0).verdict()).isEqualTo(Verdict.FLAKY);
        assertThat(doc.results().get(0).attempts()).extracting(Attempt::verdict).containsExactly(Verdict.STALE, Verdict.HOLDS);
        assertThat(doc.results().get(0).attempts().get(0).observation().errnoName()).isEqualTo("ENOSYS");
        assertThat(doc.results().get(1).attempts()).isEmpty();
        assertThat(doc.run().runtimes().get(0).notes()).containsEntry("node", "loaded from scratch");
        assertThat(doc.run().finishedAt()).isNotNull();
    }

    @Test
    void aSingleRunWritesNoAttemptsAndAnOldFileReads() throws IOException {
        Path file = dir.resolve("results.json");
        try (ResultFile results = ResultFile.create(file, ResultFileTest.info())) {
            results.append(ResultFileTest.result("network.socketpair", Verdict.HOLDS));
        }
        String json = Files.readString(file);
        assertThat(json).doesNotContain("attempts").doesNotContain("notes");
        // A file from before attempts and notes existed is the same shape: it reads with empty lists.
        ResultDocument old = ResultFile.read(file);
        assertThat(old.results().get(0).attempts()).isEmpty();
        assertThat(old.run().runtimes().get(0).notes()).isEmpty();
        assertThat(new RuntimeIdentity("r", "pyodide", "1", null, null, null).notes()).isEmpty();
    }

    @Test
    void summariesListFlakyCellsWithTheirAttempts() {
        ResultDocument doc = new ResultDocument(ResultDocument.SCHEMA, ResultFileTest.info(),
                List.of(flaky().withExpected(Verdict.FLAKY), ResultFileTest.result("network.socketpair", Verdict.HOLDS)));
        String console = Summary.console(doc);
        assertThat(console).contains("CRASH, TIMEOUT, ERROR, FLAKY (1):\n"
                + "  FLAKY network.accept @ node / pyodide-1.0.0: attempts STALE, HOLDS; first: raised OSError");
        assertThat(console).doesNotContain("Differs from the recorded");
        assertThat(Summary.counts(doc).get("pyodide-1.0.0 / node")).containsEntry(Verdict.FLAKY, 1);
        assertThat(Summary.markdown(doc)).contains("| `network.accept` | node | pyodide-1.0.0 | **FLAKY** | FLAKY | attempts STALE, HOLDS; first:");
    }
}
