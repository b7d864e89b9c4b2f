package dev.pywasm.compat.report.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.Fixtures;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.ResultSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionDiffTest {

    static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    final ResultDocument matrix = Fixtures.matrix(T0, true);

    @Test
    void twoRuntimesOfOneMatrixRun() {
        VersionDiff diff = VersionDiff.ofRuntimes(ResultSet.of(Path.of("m/results.json"), matrix),
                "pyodide-0.27.7", "pyodide-314.0.7", null);
        assertThat(diff.compared()).isEqualTo(8);
        assertThat(diff.changed()).singleElement().satisfies(c -> {
            assertThat(c.claimId()).isEqualTo("network.accept-crash");
            assertThat(c.host()).isEqualTo("chromium");
            assertThat(c.from()).isEqualTo(Verdict.HOLDS);
            assertThat(c.to()).isEqualTo(Verdict.STALE);
            assertThat(c.fromObservation()).isEqualTo("crashed: Aborted()");
            assertThat(c.toObservation()).isEqualTo("raised OSError [EINVAL=28]: nope");
        });
        assertThat(diff.hasChanges()).isTrue();
        assertThat(diff.onlyFrom()).isEmpty();
        String md = DiffMarkdown.of(diff);
        assertThat(md).contains("| Pyodide | 0.27.7 | 314.0.7 |", "| CPython | 3.12.7 | 3.14.2 |",
                "| Emscripten | 3.1.58 | 5.0.3 |", "**1 verdict(s) changed** among 8 cells compared",
                "| `network.accept-crash` | chromium | HOLDS | **STALE** | crashed: Aborted() | raised OSError [EINVAL=28]: nope |");
    }

    @Test
    void aHostOnly() {
        VersionDiff diff = VersionDiff.ofRuntimes(ResultSet.of(null, matrix), "pyodide-0.27.7", "pyodide-314.0.7", "node");
        assertThat(diff.compared()).isEqualTo(4);
        assertThat(diff.hasChanges()).isFalse();
        assertThat(DiffMarkdown.of(diff)).contains("**No verdict changed** among 4 cells compared on node.");
    }

    @Test
    void twoFilesOfOneRuntimeEachMatchByClaimAndHost() {
        ResultDocument old = Fixtures.matrix(T0, false);
        ResultDocument now = only(Fixtures.matrix(T0.plusSeconds(86400), true), "pyodide-314.0.7", "processes.fork");
        VersionDiff diff = VersionDiff.ofFiles(new ResultSet.Source(Path.of("old.json"), old),
                new ResultSet.Source(Path.of("new.json"), now), null, null, null);
        assertThat(diff.byRuntime()).isFalse();
        assertThat(diff.changed()).extracting(VersionDiff.Change::claimId, VersionDiff.Change::host)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("network.accept-crash", "chromium"));
        assertThat(diff.onlyFrom()).extracting(VersionDiff.Cell::claimId).containsOnly("processes.fork");
        assertThat(diff.onlyTo()).isEmpty();
        assertThat(DiffMarkdown.of(diff)).contains("## Only in the old: " + Path.of("old.json").toAbsolutePath());
    }

    @Test
    void unknownRuntimeNamesTheFileAndTheKnownOnes() {
        ResultSet set = ResultSet.of(Path.of("/tmp/x/results.json"), matrix);
        assertThatThrownBy(() -> VersionDiff.ofRuntimes(set, "pyodide-9", "pyodide-314.0.7", null))
                .hasMessageContaining("--from pyodide-9: no such runtime in /tmp/x/results.json")
                .hasMessageContaining("pyodide-0.27.7, pyodide-314.0.7");
        assertThatThrownBy(() -> VersionDiff.ofRuntimes(set, "pyodide-0.27.7", "pyodide-314.0.7", "safari"))
                .hasMessageContaining("--host safari").hasMessageContaining("node");
    }

    @Test
    void oldestToNewestEmscriptenWhateverTheOrderOfTheHeader() {
        ResultDocument reversed = new ResultDocument(ResultDocument.SCHEMA,
                Fixtures.run(T0, Fixtures.NEW, Fixtures.OLD), matrix.results());
        VersionDiff diff = VersionDiff.oldestToNewest(ResultSet.of(null, reversed));
        assertThat(diff.from().label()).isEqualTo("pyodide-0.27.7");
        assertThat(diff.to().label()).isEqualTo("pyodide-314.0.7");
        assertThat(VersionDiff.oldestToNewest(ResultSet.of(null, Fixtures.matrix(T0, false)))).isNull();
    }

    @Test
    void jsonHasTheSchemaAndBothObservations() {
        VersionDiff diff = VersionDiff.oldestToNewest(ResultSet.of(null, matrix));
        JsonNode json = Json.mapper().valueToTree(diff);
        assertThat(json.path("schema").asText()).isEqualTo(VersionDiff.SCHEMA);
        assertThat(json.path("changed").get(0).path("toObservation").asText()).startsWith("raised OSError");
        assertThat(json.path("from").path("runtimes").get(0).path("emscripten").asText()).isEqualTo("3.1.58");
    }

    static ResultDocument only(ResultDocument doc, String runtime, String dropClaim) {
        List<Result> kept = doc.results().stream()
                .filter(r -> r.runtime().equals(runtime) && !r.claimId().equals(dropClaim)).toList();
        return new ResultDocument(doc.schema(), Fixtures.run(doc.run().startedAt(), Fixtures.NEW), kept);
    }
}
