package dev.pywasm.compat.report.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.report.Fixtures;
import dev.pywasm.compat.report.history.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchHistoryTest {

    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void benchRunsAreKeptBesideTheRunRecordsOldestFirstAndNeitherReaderSeesTheOther() throws Exception {
        BenchHistory bench = new BenchHistory(dir);
        HistoryStore runs = new HistoryStore(dir);
        Path later = bench.record(BenchFixtures.doc(T0.plusSeconds(86400), 4000, 250, 240, null));
        Path earlier = bench.record(BenchFixtures.doc(T0, 4470, 281, 274, null));
        runs.record(Fixtures.matrix(T0, true));

        assertThat(later.getFileName().toString()).startsWith("bench-20261203T080000.000Z-").endsWith(".json");
        assertThat(bench.read().problems()).isEmpty();
        assertThat(bench.read().documents()).extracting(BenchDocument::date).containsExactly(T0, T0.plusSeconds(86400));
        assertThat(runs.read()).hasSize(1);
        assertThat(earlier).hasParent(dir);

        // The same bench recorded again replaces its copy.
        bench.record(BenchFixtures.doc(T0, 4470, 281, 274, null));
        assertThat(bench.read().documents()).hasSize(2);
    }

    @Test
    void anUnreadableRecordIsNamedAndTheOthersAreStillRead() throws Exception {
        BenchHistory bench = new BenchHistory(dir);
        bench.record(BenchFixtures.doc(T0, 4470, 281, 274, null));
        Path broken = Files.writeString(dir.resolve("bench-20261201T000000.000Z-00000000.json"), "{\"schema\": \"other\"");
        Files.writeString(dir.resolve(".bench-x.json.123.tmp"), "half");

        BenchHistory.Read read = bench.read();
        assertThat(read.documents()).hasSize(1);
        assertThat(read.problems()).singleElement().asString().contains(broken.toString()).contains("move it out of");
    }

    @Test
    void aMissingDirectoryHasNoBenchRuns() {
        assertThat(new BenchHistory(dir.resolve("none")).read().documents()).isEmpty();
    }
}
