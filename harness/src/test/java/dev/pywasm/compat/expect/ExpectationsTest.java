package dev.pywasm.compat.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.TestCatalogs;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationsTest {

    @TempDir
    Path dir;

    private Catalog catalog() throws IOException {
        return TestCatalogs.nodeClaims(dir, "a.one", "a.two");
    }

    private static Result result(String id, Verdict v) {
        return new Result(id, "s", "q", "node", "pyodide-1.0.0", v, "because",
                Observation.of(Outcome.RAISED, "m"), Evidence.none(), null);
    }

    @Test
    void updateWritesAndReadsBack() throws IOException {
        Catalog catalog = catalog();
        Expectations e = new Expectations(dir.resolve("expectations"));
        List<Path> written = e.update(List.of(result("a.two", Verdict.STALE), result("a.one", Verdict.HOLDS)), catalog);
        assertThat(written).containsExactly(dir.resolve("expectations/pyodide-1.0.0/node.yaml"));
        assertThat(Files.readString(written.get(0))).contains("a.one: HOLDS\na.two: STALE\n");
        Expectations fresh = new Expectations(dir.resolve("expectations"));
        assertThat(fresh.expected("pyodide-1.0.0", "node", "a.two")).contains(Verdict.STALE);
        assertThat(fresh.expected("pyodide-1.0.0", "node", "a.three")).isEmpty();
        assertThat(fresh.expected("pyodide-2.0.0", "node", "a.one")).isEmpty();
    }

    @Test
    void unknownVerdictNamesFileAndEntry() throws IOException {
        Path file = dir.resolve("exp/pyodide-1.0.0/node.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "a.one: HOLD\n");
        Expectations e = new Expectations(dir.resolve("exp"));
        assertThatThrownBy(() -> e.expected("pyodide-1.0.0", "node", "a.one"))
                .isInstanceOf(ExpectationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("entry 'a.one'")
                .hasMessageContaining("unknown verdict 'HOLD'");
    }

    @Test
    void claimsNotInTheCatalogAreReported() throws IOException {
        Catalog catalog = catalog();
        Path file = dir.resolve("exp/pyodide-1.0.0/node.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "a.one: HOLDS\ngone.claim: STALE\n");
        Expectations e = new Expectations(dir.resolve("exp"));
        assertThatThrownBy(() -> e.validate("pyodide-1.0.0", "node", catalog))
                .hasMessageContaining("entry 'gone.claim': no such claim");
    }

    @Test
    void notAMapIsAnError() throws IOException {
        Path file = dir.resolve("exp/r/node.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "- a\n- b\n");
        assertThatThrownBy(() -> new Expectations(dir.resolve("exp")).expected("r", "node", "a"))
                .hasMessageContaining("not a map of claim id to verdict");
    }

    @Test
    void diffShowsBeforeAndAfterAndHowToAccept() {
        Result r = result("a.one", Verdict.STALE).withExpected(Verdict.HOLDS);
        String diff = Expectations.diff(r, Path.of("suites/expectations/pyodide-1.0.0/node.yaml"));
        assertThat(diff).contains("recorded: HOLDS").contains("observed: STALE - because")
                .contains("-Dpywasm.update-expectations=true");
    }
}
