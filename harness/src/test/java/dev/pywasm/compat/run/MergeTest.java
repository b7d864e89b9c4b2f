package dev.pywasm.compat.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.TestCatalogs;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.runtime.Runtime;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards and their merge through the {@link Runner} on the fake host (no runtime): the shards of a plan hold
 * every cell once, their merge is the unsharded run's document, and every way shard outputs can fail to belong
 * together is one message naming the file.
 */
class MergeTest {

    private static final String RAISES = "PYWASM-OBSERVATION {\"outcome\": \"raised\", \"exception\": \"OSError\", "
            + "\"errno\": 52, \"errno_name\": \"ENOSYS\", \"message\": \"nope\"}";
    private static final List<String> CLAIMS = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "a.c" + i).toList();

    @TempDir
    Path dir;
    Catalog catalog;

    private static Runtime fake(String id) {
        return new Runtime() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public RuntimeImage prepare(Progress progress) {
                return new RuntimeImage(id, RuntimeKind.PYODIDE, "1", Path.of("."));
            }
        };
    }

    @BeforeEach
    void catalog() throws IOException {
        catalog = TestCatalogs.nodeClaims(dir, CLAIMS.toArray(String[]::new));
    }

    private Merge.Input run(Shard shard, String name) {
        RunOptions options = new RunOptions().setJobs(2).setReruns(0).setShard(shard).setCatalogDigest("sha256:test");
        Path results = dir.resolve(name).resolve("results.json");
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), options,
                new PrintStream(new ByteArrayOutputStream(), true))) {
            ResultDocument doc = runner.start(List.of(fake("fake-1"), fake("fake-2")),
                    List.of(new RunnerRerunTest.ScriptedHost(RAISES)), results).await();
            return new Merge.Input(results, doc);
        }
    }

    private static Map<Cell, String> cells(ResultDocument doc) {
        return doc.results().stream().collect(Collectors.toMap(r -> new Cell(r.claimId(), r.host(), r.runtime()),
                r -> r.verdict() + " " + r.observation().summary()));
    }

    @Test
    void theMergeOfAllShardsIsTheUnshardedRunCellForCell() {
        Merge.Input whole = run(Shard.ALL, "whole");
        List<Merge.Input> shards = List.of(run(new Shard(0, 3), "s0"), run(new Shard(1, 3), "s1"), run(new Shard(2, 3), "s2"));
        assertThat(shards).allSatisfy(s -> assertThat(s.doc().results()).isNotEmpty());
        assertThat(shards.stream().mapToInt(s -> s.doc().run().planned()).sum()).isEqualTo(24);
        assertThat(shards).allSatisfy(s -> assertThat(s.doc().run().plan().size()).isEqualTo(24));
        assertThat(shards).extracting(s -> s.doc().run().plan().digest()).containsOnly(whole.doc().run().plan().digest());

        ResultDocument merged = Merge.of(List.of(shards.get(2), shards.get(0), shards.get(1)));
        assertThat(cells(merged)).isEqualTo(cells(whole.doc()));
        assertThat(merged.results()).extracting(r -> r.claimId() + " " + r.runtime()).as("plan order")
                .startsWith("a.c0 fake-1", "a.c1 fake-1").endsWith("a.c11 fake-2");
        RunInfo run = merged.run();
        assertThat(run.planned()).isEqualTo(24);
        assertThat(run.interrupted()).isNull();
        assertThat(run.plan().shard()).isEqualTo("0/1");
        assertThat(run.plan().shards()).extracting(p -> p.shard()).containsExactly("0/3", "1/3", "2/3");
        assertThat(run.runtimes().get(0).notes().get("node")).isEqualTo("fake: a fresh nothing per probe");
    }

    @Test
    void aMissingShardADuplicateAndAnotherRunAreOneMessageNamingTheFile() {
        Merge.Input s0 = run(new Shard(0, 2), "s0");
        Merge.Input s1 = run(new Shard(1, 2), "s1");
        assertThatThrownBy(() -> Merge.of(List.of(s0))).isInstanceOf(Merge.MergeException.class)
                .hasMessageStartingWith("shard 1/2 is missing").hasMessageContaining("run it with --shard 1/2");
        assertThatThrownBy(() -> Merge.of(List.of(s0, s0))).hasMessageStartingWith("shard 0/2 given twice: " + s0.file());

        Result moved = s1.doc().results().get(0);
        ResultDocument forged = new ResultDocument(ResultDocument.SCHEMA, s0.doc().run(),
                java.util.stream.Stream.concat(s0.doc().results().stream(), java.util.stream.Stream.of(moved)).toList());
        assertThatThrownBy(() -> Merge.of(List.of(new Merge.Input(Path.of("forged.json"), forged), s1)))
                .hasMessageStartingWith("duplicated cell " + moved.claimId() + " @ node / " + moved.runtime());

        ResultDocument lost = new ResultDocument(ResultDocument.SCHEMA, s1.doc().run(), s1.doc().results().subList(1,
                s1.doc().results().size()));
        assertThatThrownBy(() -> Merge.of(List.of(s0, new Merge.Input(Path.of("lost.json"), lost))))
                .hasMessageContaining("is missing from shard 1/2 (lost.json)");

        ResultDocument otherCatalog = new ResultDocument(ResultDocument.SCHEMA, s1.doc().run().withPlan(
                new dev.pywasm.compat.model.Plan("1/2", 24, s1.doc().run().plan().digest(), "sha256:other",
                        s1.doc().run().plan().claims(), s1.doc().run().plan().pairs(), List.of())), s1.doc().results());
        assertThatThrownBy(() -> Merge.of(List.of(s0, new Merge.Input(Path.of("other.json"), otherCatalog))))
                .hasMessageStartingWith("shards from different runs: their catalog").hasMessageContaining("other.json: sha256:other");

        ResultDocument otherRuntime = new ResultDocument(ResultDocument.SCHEMA, s1.doc().run().withRuntimes(
                s1.doc().run().runtimes().stream().map(r -> new dev.pywasm.compat.model.RuntimeIdentity(r.id(), r.kind(),
                        r.version(), "3.15.0", r.emscripten(), r.platform())).toList()), s1.doc().results());
        assertThatThrownBy(() -> Merge.of(List.of(s0, new Merge.Input(Path.of("rt.json"), otherRuntime))))
                .hasMessageStartingWith("shards from different runs: their runtimes differ");

        ResultDocument interrupted = new ResultDocument(ResultDocument.SCHEMA,
                s1.doc().run().interrupted("SIGTERM", java.time.Instant.now(), 3), s1.doc().results());
        assertThatThrownBy(() -> Merge.of(List.of(s0, new Merge.Input(dir.resolve("s1/results.json"), interrupted))))
                .hasMessageContaining("shard 1/2 did not finish (interrupted by SIGTERM after 3 of")
                .hasMessageContaining("--resume");
    }

    @Test
    void aShardResumedAfterAKillGivesTheSameMerge() throws IOException {
        Merge.Input s0 = run(new Shard(0, 2), "s0");
        Merge.Input s1 = run(new Shard(1, 2), "s1");
        ResultDocument before = Merge.of(List.of(s0, s1));
        // shard 1 "killed" after two results: its file holds those, unfinished; --resume runs the rest.
        Path file = s1.file();
        dev.pywasm.compat.report.ResultFile.writeAtomically(file, new ResultDocument(ResultDocument.SCHEMA,
                s1.doc().run().interrupted("SIGKILL", java.time.Instant.now(), 2), s1.doc().results().subList(0, 2)));
        assertThatThrownBy(() -> OutDir.finishedCells(file, new Shard(0, 2)))
                .hasMessageContaining("holds shard 1/2, not --shard 0/2");
        RunOptions options = new RunOptions().setJobs(2).setReruns(0).setShard(new Shard(1, 2)).setCatalogDigest("sha256:test");
        RunnerRerunTest.ScriptedHost host = new RunnerRerunTest.ScriptedHost(RAISES);
        ResultDocument resumed;
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), options,
                new PrintStream(new ByteArrayOutputStream(), true))) {
            resumed = runner.start(List.of(fake("fake-1"), fake("fake-2")), List.of(host), file,
                    OutDir.finishedCells(file, new Shard(1, 2))).await();
        }
        assertThat(host.probeRuns).hasValue(s1.doc().results().size() - 2);
        ResultDocument after = Merge.of(List.of(s0, new Merge.Input(file, resumed)));
        assertThat(cells(after)).isEqualTo(cells(before));
    }
}
