package dev.pywasm.compat.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.claim.ReadmeCoverage;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.judge.Judge;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Verdict;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example {@code init-suite} writes is a valid suite whose one claim can hold and can fail. */
class SuiteInitTest {

    @TempDir
    Path tmp;

    @Test
    void theExampleIsASuiteWithOneCoveredClaimAndItsRecordedVerdict() {
        Path dir = tmp.resolve("My Suite");
        assertThat(SuiteInit.write(dir, "pyodide-1.2.3")).hasSize(SuiteInit.FILES.size()).allMatch(Files::isRegularFile);
        Suite suite = Suite.load(dir, "--suite", null);
        assertThat(suite.name()).isEqualTo("my-suite");
        assertThat(suite.hosts()).containsExactly("node");
        Catalog catalog = Catalog.load(suite.claims(), suite.probes(), dev.pywasm.compat.host.HostKind.ids());
        assertThat(catalog.claims()).hasSize(1);
        ReadmeCoverage coverage = ReadmeCoverage.of(suite.primary().path(), suite.primary().coverage());
        assertThat(coverage.sentences()).hasSize(1);
        assertThat(coverage.misquoted(catalog)).isEmpty();
        assertThat(coverage.uncovered(catalog)).isEmpty();
        Claim claim = catalog.claims().get(0);
        assertThat(new Expectations(suite.expectations()).expected("pyodide-1.2.3", "node", claim.id()))
                .contains(Verdict.HOLDS);
    }

    @Test
    void theExampleClaimPredictsPreciselyAndItsProbeCanShowItFalse() throws IOException {
        SuiteInit.write(tmp.resolve("s"), "pyodide-1.2.3");
        Claim claim = Catalog.load(tmp.resolve("s/claims"), tmp.resolve("s/probes"), dev.pywasm.compat.host.HostKind.ids()).claims().get(0);
        ObjectMapper json = new ObjectMapper();
        assertThat(Judge.judge(claim, returned(json, "{\"pid\": 42}")).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(Judge.judge(claim, returned(json, "{\"pid\": " + ProcessHandle.current().pid() + "}")).verdict())
                .as("what a real OS answers").isEqualTo(Verdict.STALE);
        assertThat(Judge.judge(claim, Observation.of(Outcome.MISSING, "os.getpid")).verdict()).isEqualTo(Verdict.STALE);
    }

    private static Observation returned(ObjectMapper json, String value) throws IOException {
        return new Observation(Outcome.RETURNED, json.readTree(value), null, null, null, null, "getpid");
    }

    @Test
    void itOverwritesNothing() throws IOException {
        Files.writeString(Files.createDirectories(tmp.resolve("full")).resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SuiteInit.write(tmp.resolve("full"), "pyodide-1.2.3")).isInstanceOf(SuiteException.class)
                .hasMessageContaining("full").hasMessageContaining("not empty");
        assertThat(tmp.resolve("full/notes.txt")).content().isEqualTo("mine");
        assertThat(tmp.resolve("full/suite.yaml")).doesNotExist();
        assertThat(SuiteInit.write(Files.createDirectories(tmp.resolve("empty")), "pyodide-1.2.3")).isNotEmpty();
    }
}
