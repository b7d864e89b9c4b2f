package dev.pywasm.compat.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFileTest {

    @TempDir
    Path dir;

    static RunInfo info() {
        return new RunInfo("test", Instant.parse("2026-11-24T10:00:00Z"), null, "README sha256:00",
                List.of(new RuntimeIdentity("pyodide-1.0.0", "pyodide", "1.0.0", "3.14.2", "5.0.3", "Emscripten-5.0.3")),
                List.of(new HostIdentity("node", "v20.20.2", List.of(), List.of("--experimental-wasm-threads"), null)), 2);
    }

    static Result result(String id, Verdict v) {
        return new Result(id, "Network stack", "``socketpair`` does not work.", "node", "pyodide-1.0.0", v, "why",
                new Observation(Outcome.RAISED, null, "OSError", 52, "ENOSYS", "nope", null),
                new Evidence("node x", 0, 1234, "out", "", List.of()), Verdict.HOLDS);
    }

    @Test
    void everyAppendLeavesACompleteReadableDocument() throws IOException {
        Path file = dir.resolve("out/results.json");
        try (ResultFile results = ResultFile.create(file, info())) {
            assertThat(ResultFile.read(file).results()).isEmpty();
            results.append(result("network.socketpair", Verdict.HOLDS));
            ResultDocument midway = ResultFile.read(file);
            assertThat(midway.results()).hasSize(1);
            assertThat(midway.run().finishedAt()).isNull();
            results.append(result("network.accept", Verdict.STALE));
        }
        ResultDocument done = ResultFile.read(file);
        assertThat(done.schema()).isEqualTo(ResultDocument.SCHEMA);
        assertThat(done.run().finishedAt()).isNotNull();
        assertThat(done.results()).extracting(Result::verdict).containsExactly(Verdict.HOLDS, Verdict.STALE);
        assertThat(done.results().get(0).observation().errnoName()).isEqualTo("ENOSYS");
        assertThat(done.run().hosts().get(0).rejectedFlags()).containsExactly("--experimental-wasm-threads");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("results.json");
        }
    }

    @Test
    void readingSomethingElseSaysWhat() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.json"), "{\"schema\": \"other/v9\", \"run\": {}}");
        assertThatThrownBy(() -> ResultFile.read(junk)).hasMessageContaining("schema is 'other/v9'");
        assertThatThrownBy(() -> ResultFile.read(dir.resolve("none.json"))).hasMessageContaining("no such result file");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{");
        assertThatThrownBy(() -> ResultFile.read(broken)).hasMessageContaining("not a pywasm-compat result file");
    }
}
