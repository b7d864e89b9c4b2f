package dev.pywasm.compat.report.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDocumentTest {

    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void benchJsonHasTheMachineTheMeasuresAsNamedRowsTheRatiosWithTargetsAndTheSuiteTimes() throws Exception {
        Path file = dir.resolve("target/pywasm-compat/bench.json");
        BenchHistory.write(file, BenchFixtures.doc(T0, 4470, 281, 274, null));

        JsonNode json = Json.mapper().readTree(file.toFile());
        assertThat(json.get("schema").asText()).isEqualTo("pywasm-compat/bench/v1");
        assertThat(json.get("date").asText()).isEqualTo("2026-12-02T08:00:00Z");
        assertThat(json.get("harness").asText()).isEqualTo("pywasm-compat 0.1.0 (bench)");
        assertThat(json.get("runtime").asText()).isEqualTo("pyodide-314.0.7");
        assertThat(json.at("/machine/cores").asInt()).isEqualTo(2);
        assertThat(json.at("/machine/loadAverage")).hasSize(3);
        JsonNode node = json.at("/hosts/0");
        assertThat(node.get("host").asText()).isEqualTo("node");
        assertThat(node.get("version").asText()).isEqualTo("v20.19.2");
        assertThat(node.get("measures").isArray()).isTrue();
        assertThat(node.get("measures").findValuesAsText("name")).containsExactly("naive", "ours", "floor");
        assertThat(node.at("/measures/1").fieldNames()).toIterable()
                .contains("name", "label", "mean", "median", "min", "samples");
        assertThat(node.at("/measures/1/median").asDouble()).isEqualTo(281.0);
        JsonNode ratio = node.at("/ratios/0");
        assertThat(ratio.get("name").asText()).isEqualTo("naive/ours");
        assertThat(ratio.get("of").asText()).isEqualTo("naive");
        assertThat(ratio.get("over").asText()).isEqualTo("ours");
        assertThat(ratio.get("basis").asText()).isEqualTo("median");
        assertThat(ratio.get("value").asDouble()).isCloseTo(4470 / 281.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ratio.at("/target/atLeast").asBoolean()).isTrue();
        assertThat(ratio.at("/target/value").asDouble()).isEqualTo(20.0);
        assertThat(ratio.get("met").asBoolean()).isFalse();
        assertThat(node.at("/ratios/1/met").asBoolean()).as("281/274 <= 3").isTrue();
        assertThat(node.get("firstProbeMillis").asLong()).isEqualTo(900);
        JsonNode suite = json.at("/suites/0");
        assertThat(suite.at("/runs/0/isolation").asText()).isEqualTo("naive");
        assertThat(suite.at("/runs/1/wallMillis").asLong()).isEqualTo(37_000);
        assertThat(suite.get("identical").asBoolean()).isTrue();

        // Written atomically: nothing else is left in the directory, and it reads back as it was.
        assertThat(Files.list(file.getParent())).containsExactly(file);
        assertThat(Json.mapper().readValue(file.toFile(), BenchDocument.class)).isEqualTo(BenchFixtures.doc(T0, 4470, 281, 274, null));
    }

    @Test
    void aRatioWithoutTargetHasNoMetAndAnExtraRowIsJustAnotherRow() throws Exception {
        BenchDocument doc = BenchFixtures.doc(T0, 4470, 281, 274, "instantiate");
        JsonNode node = Json.mapper().valueToTree(doc).at("/hosts/0");
        assertThat(node.get("measures").findValuesAsText("name")).containsExactly("naive", "ours", "floor", "instantiate");
        assertThat(node.at("/ratios/2/name").asText()).isEqualTo("ours/instantiate");
        assertThat(node.at("/ratios/2").has("met")).isFalse();
        assertThat(node.at("/ratios/2").has("target")).isFalse();
        assertThat(doc.hosts().get(0).measure("instantiate")).isPresent();
        assertThat(doc.hosts().get(0).ratio("ours/floor").orElseThrow().met()).isTrue();
    }

    @Test
    void targetsSayTheirBound() {
        assertThat(BenchFixtures.AT_LEAST_20.describe()).isEqualTo(">= 20x");
        assertThat(new BenchDocument.Target(false, 2.5).describe()).isEqualTo("<= 2.5x");
        assertThat(BenchFixtures.AT_MOST_3.metBy(3.0)).isTrue();
        assertThat(BenchFixtures.AT_LEAST_20.metBy(19.99)).isFalse();
        assertThat(new BenchDocument.Target(false, 100).describe(" ms")).isEqualTo("<= 100 ms");
    }

    @Test
    void aMeasureMayHaveABoundOnItsMedianAndReadsBackWithIt() throws Exception {
        BenchDocument.Measure ours = new BenchDocument.Measure("ours", "pooled", 120, 99.5, 60, 5, null)
                .withTarget(new BenchDocument.Target(false, 100));
        assertThat(ours.met()).isTrue();
        assertThat(ours.withTarget(new BenchDocument.Target(false, 99)).met()).isFalse();
        JsonNode node = Json.mapper().valueToTree(ours);
        assertThat(node.at("/target/value").asDouble()).isEqualTo(100);
        assertThat(Json.mapper().treeToValue(node, BenchDocument.Measure.class)).isEqualTo(ours);
        // A row without a bound says nothing of one, as before.
        assertThat(Json.mapper().valueToTree(new BenchDocument.Measure("naive", "x", 1, 1, 1, 1, null)).has("target")).isFalse();
    }
}
