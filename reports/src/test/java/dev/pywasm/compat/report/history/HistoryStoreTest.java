package dev.pywasm.compat.report.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.AtomicFile;
import dev.pywasm.compat.report.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {

    static final Instant DAY1 = Instant.parse("2026-11-20T02:00:00Z");
    static final Instant DAY2 = DAY1.plusSeconds(86400);
    static final Instant DAY3 = DAY2.plusSeconds(86400);
    static final String ACCEPT_CHROMIUM = "network.accept-crash @ chromium / pyodide-0.27.7";

    @TempDir
    Path dir;

    /** Day 1 accept-crash holds on chromium, day 2 it is STALE, day 3 it crashes the harness (ERROR). */
    static ResultDocument day(Instant start, Verdict acceptOnChromium) {
        ResultDocument doc = Fixtures.matrix(start, false);
        List<Result> results = new ArrayList<>();
        for (Result r : doc.results()) {
            results.add(r.key().equals(ACCEPT_CHROMIUM)
                    ? new Result(r.claimId(), r.section(), r.quote(), r.host(), r.runtime(), acceptOnChromium, r.reason(),
                    r.observation(), r.evidence(), r.expected())
                    : r);
        }
        return new ResultDocument(doc.schema(), doc.run(), results);
    }

    @Test
    void recordsReadBackOldestFirstAndTellWhatChanged() {
        HistoryStore store = new HistoryStore(dir);
        // Recorded out of order: the store orders by run start, not by write.
        store.record(day(DAY2, Verdict.STALE));
        store.record(day(DAY1, Verdict.HOLDS));
        List<HistoryRecord> records = store.read();
        assertThat(records).extracting(HistoryRecord::startedAt).containsExactly(DAY1, DAY2);
        assertThat(records.get(0).cells()).hasSize(8);
        assertThat(records.get(1).cells()).filteredOn(c -> c.key().equals(ACCEPT_CHROMIUM))
                .singleElement().satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.STALE);
                    assertThat(c.observation()).isEqualTo("crashed: Aborted()");
                });

        HistoryView view = HistoryView.of(records);
        CellHistory day3 = view.cell(ACCEPT_CHROMIUM, Verdict.ERROR, "malformed", DAY3);
        assertThat(day3.previous()).isEqualTo(Verdict.STALE);
        assertThat(day3.previousAt()).isEqualTo(DAY2);
        assertThat(day3.changed()).isTrue();
        assertThat(day3.regressed()).isTrue();
        assertThat(day3.changedAt()).isEqualTo(DAY3);
        assertThat(day3.changedFrom()).isEqualTo(Verdict.STALE);
        assertThat(day3.timeline()).extracting(CellHistory.Point::verdict)
                .containsExactly(Verdict.HOLDS, Verdict.STALE, Verdict.ERROR);

        // Seen from day 2 itself (a report regenerated later): day 2's own record is not "previous".
        CellHistory day2 = view.cell(ACCEPT_CHROMIUM, Verdict.STALE, "x", DAY2);
        assertThat(day2.previous()).isEqualTo(Verdict.HOLDS);
        assertThat(day2.regressed()).isTrue();
        assertThat(day2.changedAt()).isEqualTo(DAY2);

        CellHistory steady = view.cell("processes.fork @ node / pyodide-0.27.7", Verdict.HOLDS, "x", DAY3);
        assertThat(steady.changed()).isFalse();
        assertThat(steady.changedAt()).isNull();
        assertThat(steady.firstSeen()).isEqualTo(DAY1);

        CellHistory fresh = view.cell("new.claim @ node / pyodide-0.27.7", Verdict.STALE, "x", DAY3);
        assertThat(fresh.previous()).isNull();
        assertThat(fresh.regressed()).isFalse();
    }

    @Test
    void improvementsAreNotRegressions() {
        assertThat(HistoryView.regression(Verdict.STALE, Verdict.HOLDS)).isFalse();
        assertThat(HistoryView.regression(Verdict.CRASH, Verdict.STALE)).isFalse();
        assertThat(HistoryView.regression(Verdict.HOLDS, Verdict.SKIPPED)).isFalse();
        assertThat(HistoryView.regression(Verdict.HOLDS, Verdict.STALE)).isTrue();
        assertThat(HistoryView.regression(Verdict.STALE, Verdict.FLAKY)).isTrue();
        assertThat(HistoryView.regression(Verdict.FLAKY, Verdict.TIMEOUT)).isTrue();
        assertThat(HistoryView.regression(null, Verdict.CRASH)).isFalse();
    }

    @Test
    void recordingTheSameRunAgainReplacesItsRecord() throws IOException {
        HistoryStore store = new HistoryStore(dir);
        Path first = store.record(day(DAY1, Verdict.HOLDS));
        Path again = store.record(day(DAY1, Verdict.STALE));
        assertThat(again).isEqualTo(first);
        assertThat(first.getFileName().toString()).matches("run-20261120T020000\\.000Z-[0-9a-f]{8}\\.json");
        assertThat(store.read()).singleElement();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
        // The same start with other runtimes is another run (two shards of a matrix started at once).
        store.record(Fixtures.matrix(DAY1, true));
        assertThat(store.read()).hasSize(2);
    }

    @Test
    void aCorruptRecordFailsTheReadWithItsName() throws IOException {
        HistoryStore store = new HistoryStore(dir);
        store.record(day(DAY1, Verdict.HOLDS));
        Path broken = Files.writeString(dir.resolve("run-20261121T000000.000Z-deadbeef.json"), "{\"schema\": \"pywasm-compat/hist");
        assertThatThrownBy(store::read).isInstanceOf(HistoryException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("move it out of " + dir);
        Files.writeString(broken, "{\"schema\": \"something/else\", \"startedAt\": \"2026-11-21T00:00:00Z\"}");
        assertThatThrownBy(store::read).hasMessageContaining(broken.getFileName().toString())
                .hasMessageContaining("schema is 'something/else'");
        Files.writeString(broken, "");
        assertThatThrownBy(store::read).hasMessageContaining(broken.getFileName().toString());
    }

    @Test
    void whatACrashMidWriteLeavesIsIgnored() throws IOException {
        HistoryStore store = new HistoryStore(dir);
        store.record(day(DAY1, Verdict.HOLDS));
        // A writer killed before its rename leaves half a temporary file and nothing else.
        Files.writeString(dir.resolve(".run-20261121T020000.000Z-0badc0de.json1234.tmp"), "{\"schema\": \"pywa");
        assertThat(store.read()).singleElement().extracting(HistoryRecord::startedAt).isEqualTo(DAY1);
        assertThat(AtomicFile.isTemporary(dir.resolve(".x.json99.tmp"))).isTrue();
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("run-x.json");
        AtomicFile.write(target, "old and whole");
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            out.write("new but ha".getBytes());
            throw new IOException("disk on fire");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining(target.toString()).hasMessageContaining("disk on fire");
        assertThat(Files.readString(target)).isEqualTo("old and whole");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .as("reports are for sharing, unlike the private temporary file").isEqualTo("rw-r--r--");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aReaderNeverSeesHalfARecordWhileAWriterWrites() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 60; i++) {
                    store.record(day(DAY1.plusSeconds(i % 3), i % 2 == 0 ? Verdict.HOLDS : Verdict.STALE));
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.set(true);
            }
        });
        writer.start();
        int reads = 0;
        while (!done.get()) {
            store.read().forEach(r -> assertThat(r.cells()).hasSize(8));
            reads++;
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(store.read()).hasSize(3);
        assertThat(reads).isPositive();
    }

    @Test
    void aMissingDirectoryIsAnEmptyHistory() {
        assertThat(new HistoryStore(dir.resolve("none")).read()).isEmpty();
    }

    @Test
    void theDirectoryCanBeChosen() {
        String before = System.getProperty(HistoryStore.PROPERTY);
        try {
            System.setProperty(HistoryStore.PROPERTY, dir.toString());
            assertThat(HistoryStore.defaultDir(Path.of("/cache"))).isEqualTo(dir);
            System.clearProperty(HistoryStore.PROPERTY);
            if (System.getenv(HistoryStore.ENV) == null) {
                assertThat(HistoryStore.defaultDir(Path.of("/cache"))).isEqualTo(Path.of("/cache/history"));
            }
        } finally {
            if (before != null) {
                System.setProperty(HistoryStore.PROPERTY, before);
            }
        }
    }
}
