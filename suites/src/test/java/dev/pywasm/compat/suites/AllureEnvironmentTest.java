package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.report.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureEnvironmentTest {

    static final RunInfo RUN = new RunInfo("pywasm-compat 0.1.0 (mvn verify)", Instant.EPOCH, Instant.EPOCH,
            "/x/cpython-wasm-README.md sha256:abc", List.of(AllureCellTest.PYODIDE, AllureCellTest.SOURCE),
            List.of(new HostIdentity("node", "v20.20.2", List.of(),
                            List.of("--experimental-wasm-threads", "--experimental-wasm-bulk-memory"), null),
                    new HostIdentity("chromium", "Chromium 142.0.7444.59", List.of(), List.of(),
                            "served with COOP/COEP: cross-origin isolated")), 316);

    @TempDir
    Path dir;

    @Test
    void theEnvironmentNamesEveryHostAndRuntimeVersion() {
        assertThat(new AllureEnvironment(RUN, Optional.empty()).properties()).contains(
                entry("host.node", "v20.20.2 (rejects --experimental-wasm-threads --experimental-wasm-bulk-memory)"),
                entry("host.chromium", "Chromium 142.0.7444.59"),
                entry("runtime.pyodide-314.0.7",
                        "Pyodide 314.0.7, CPython 3.14.2, Emscripten 5.0.3 (Emscripten-5.0.3-wasm32-32bit)"),
                entry("runtime.cpython-source-node", "CPython 3.15.0a1, Emscripten 4.0.12"),
                entry("claims.source", "/x/cpython-wasm-README.md sha256:abc"));
    }

    @Test
    void writesFilesAllureReadsBack() throws IOException {
        Path results = dir.resolve("allure-results");
        new AllureEnvironment(RUN, Optional.empty()).writeTo(results);

        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(results.resolve("environment.properties"), StandardCharsets.ISO_8859_1)) {
            read.load(in);
        }
        assertThat(read).containsEntry("host.node",
                        "v20.20.2 (rejects --experimental-wasm-threads --experimental-wasm-bulk-memory)")
                .containsEntry("claims.source", "/x/cpython-wasm-README.md sha256:abc");
        var executor = Json.mapper().readTree(results.resolve("executor.json").toFile());
        assertThat(executor.path("type").asText()).isEqualTo("maven");
        assertThat(executor.path("buildOrder").asInt()).isEqualTo(1);
    }

    @Test
    void theBuildNumberCountsTheKeptTrendsPoints() throws IOException {
        Path history = Files.createDirectories(dir.resolve("history"));
        Files.writeString(history.resolve("history-trend.json"), "[{\"data\":{}},{\"data\":{}}]");

        assertThat(new AllureEnvironment(RUN, Optional.of(history)).buildOrder()).isEqualTo(3);
        assertThat(new AllureEnvironment(RUN, Optional.of(dir.resolve("none"))).buildOrder()).isEqualTo(1);
    }

    @Test
    void outsideMavenResultsGoUnderTargetAsAllurePropertiesSays() {
        assertThat(System.getProperty(AllureEnvironment.RESULTS_PROPERTY)).isNull();
        assertThat(AllureEnvironment.resultsDirectory()).isEqualTo(Path.of("target", "allure-results"));
    }

    @Test
    void startFreshEmptiesTheResultsOfAnEarlierRun() throws IOException {
        Path results = dir.resolve("allure-results");
        Files.createDirectories(results.resolve("history"));
        Files.writeString(results.resolve("history/history.json"), "{}");
        Files.writeString(results.resolve("old-result.json"), "{}");

        AllureEnvironment.startFresh(results);
        AllureEnvironment.startFresh(dir.resolve("absent"));

        assertThat(results).isEmptyDirectory();
    }
}
