package dev.pywasm.compat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.report.bench.BenchDocument;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BenchTest {

    static final RuntimeImage IMAGE = new RuntimeImage("fake-1", RuntimeKind.PYODIDE, "1", Path.of("."));
    /** A further runtime, five times as slow as {@link #IMAGE} in ours. */
    static final RuntimeImage OLD = new RuntimeImage("old-0", RuntimeKind.PYODIDE, "0", Path.of("."));
    static final String RETURNED = "PYWASM-OBSERVATION {\"outcome\": \"returned\", \"value\": 1}\n";

    /** A host whose naive runs take 20 ms, ours 1 ms, and whose restore and floor say what they are told. */
    static final class FakeHost implements Benchmarked {
        final AtomicInteger runs = new AtomicInteger();
        final boolean snapshot;
        final String output;
        final List<Double> floor;

        FakeHost(boolean snapshot, String output) {
            this(snapshot, output, List.of(0.5, 0.5, 0.25));
        }

        FakeHost(boolean snapshot, String output, List<Double> floor) {
            this.snapshot = snapshot;
            this.output = output;
            this.floor = floor;
        }

        @Override
        public Labels benchLabels() {
            return new Labels("fake 1.0", "naive  fresh fake", "ours   pooled fake", "restore fake restore",
                    "floor  fake instantiate + copy", "fake start + first probe (ms)", "process", "worker");
        }

        private HostSession sleeping(long millis) {
            return (ProbeProgram program, Limits limits) -> {
                runs.incrementAndGet();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new RawRun("fake", 0, output.replace("PYWASM-OBSERVATION ", "PYWASM-OBSERVATION " + program.token() + " "), "", false, millis);
            };
        }

        @Override
        public HostSession naiveSession(RuntimeImage image) {
            return sleeping(20);
        }

        @Override
        public HostSession oursSession(RuntimeImage image) {
            return sleeping(image == OLD ? 5 : 1);
        }

        @Override
        public Floor floor(RuntimeImage image, HostSession ours, int samples) {
            java.util.Map<String, List<Double>> phases = new java.util.LinkedHashMap<>();
            phases.put("import", List.of(3.0, 1.0, 2.0));
            phases.put("the rest", List.of(10.0, 30.0, 20.0));
            return new Floor(List.of(1.0, 1.0, 1.0), snapshot, floor, floor.isEmpty() ? "fake: no floor here" : null, phases);
        }

        @Override
        public List<String> describe(HostSession ours) {
            return List.of("fake: ready");
        }

        @Override
        public void useIsolation(HostOptions options, boolean naive) {
        }
    }

    private static Bench bench(int samples) {
        return new Bench(samples, new PrintStream(new ByteArrayOutputStream(), true));
    }

    @Test
    void aHostsTableHasItsFourMeasuresTheRatiosAndItsNotes() {
        FakeHost host = new FakeHost(true, RETURNED);
        List<String> lines = bench(3).measure(host, IMAGE);
        assertThat(lines.get(0)).isEqualTo("host fake 1.0");
        assertThat(lines.get(2)).startsWith("naive  fresh fake").doesNotContain("target");
        assertThat(lines.get(3)).startsWith("ours   pooled fake").matches(".*target median <= 100 ms (met|NOT met)");
        assertThat(lines.get(4)).startsWith("restore fake restore").doesNotContain("NO SNAPSHOT");
        assertThat(lines.get(5)).startsWith("floor  fake instantiate + copy");
        assertThat(lines.get(6)).startsWith("ratio  naive/ours").contains("target >= 25x");
        assertThat(lines.get(7)).startsWith("ratio  ours/restore").endsWith("(no target)");
        assertThat(lines.get(8)).startsWith("ratio  ours/floor").endsWith("(no target)");
        assertThat(lines.get(9)).startsWith("fake start + first probe (ms)");
        assertThat(lines.get(10)).isEqualTo("fake: ready");
        assertThat(lines.get(11)).as("the restore's phases, medians in the host's order")
                .isEqualTo("restore phases (median ms): import 2, the rest 20");
        // naive: one warm-up and three samples; ours: the first probe, one warm-up and three samples
        assertThat(host.runs).hasValue(4 + 5);
    }

    @Test
    void aHostsBenchIsNamedRowsAndRatiosOfMediansWithTargetsAndTheTableIsMadeFromThem() {
        FakeHost host = new FakeHost(true, RETURNED);
        BenchDocument.HostBench b = bench(3).run(host, IMAGE);
        assertThat(b.host()).isEqualTo("fake");
        assertThat(b.label()).isEqualTo("fake 1.0");
        assertThat(b.measures()).extracting(BenchDocument.Measure::name).containsExactly("naive", "ours", "restore", "floor");
        assertThat(b.measures()).extracting(BenchDocument.Measure::label)
                .containsExactly("fresh fake", "pooled fake", "fake restore", "fake instantiate + copy");
        assertThat(b.measures()).extracting(BenchDocument.Measure::samples).containsExactly(3, 3, 3, 3);
        assertThat(b.measure("naive").orElseThrow().median()).isGreaterThanOrEqualTo(20);
        assertThat(b.measure("floor").orElseThrow().median()).isEqualTo(0.5);
        assertThat(b.measure("ours").orElseThrow().target()).isEqualTo(new BenchDocument.Target(false, 100));
        // 1 ms sleeps are well within 100 ms, and the fake's floor medians are what it said.
        assertThat(b.measure("ours").orElseThrow().met()).isTrue();
        assertThat(b.measure("naive").orElseThrow().target()).isNull();
        assertThat(b.ratios()).extracting(BenchDocument.Ratio::name).containsExactly("naive/ours", "ours/restore", "ours/floor");
        assertThat(b.ratios()).extracting(BenchDocument.Ratio::basis).containsOnly("median");
        assertThat(b.ratio("naive/ours").orElseThrow().target()).isEqualTo(new BenchDocument.Target(true, 25));
        assertThat(b.ratio("ours/floor").orElseThrow().value())
                .isEqualTo(b.measure("ours").orElseThrow().median() / 0.5);
        assertThat(b.ratio("ours/restore").orElseThrow().target()).isNull();
        assertThat(b.firstProbeMillis()).isNotNull();
        assertThat(b.notes()).containsExactly("fake: ready", "restore phases (median ms): import 2, the rest 20");

        // A row added by a later measure is one more line of the table, and its ratio one more ratio line.
        List<BenchDocument.Measure> rows = new java.util.ArrayList<>(b.measures());
        rows.add(new BenchDocument.Measure("copy", "copy alone", 0.5, 0.5, 0.4, 3, null));
        List<BenchDocument.Ratio> ratios = new java.util.ArrayList<>(b.ratios());
        ratios.add(BenchDocument.Ratio.of(rows.get(1), rows.get(4), "median", null));
        List<String> lines = Bench.table(new BenchDocument.HostBench(b.host(), b.version(), b.label(), rows, ratios,
                b.firstProbeMillis(), b.notes()), host.benchLabels());
        assertThat(lines.get(6)).startsWith("copy   copy alone").contains("0.5");
        assertThat(lines.get(10)).startsWith("ratio  ours/copy").endsWith("(no target)");
        assertThat(lines.get(7)).matches("ratio  naive/ours +[0-9.]+x  target >= 25x  (met|NOT met)");
    }

    @Test
    void aFurtherRuntimeIsOneMoreRowAndItsRatioToOursWithTheThreeTimesTarget() {
        FakeHost host = new FakeHost(true, RETURNED);
        Bench bench = bench(3);
        BenchDocument.HostBench b = bench.older(bench.run(host, IMAGE), host, OLD);
        assertThat(b.measures()).extracting(BenchDocument.Measure::name)
                .containsExactly("naive", "ours", "restore", "floor", "ours@old-0");
        assertThat(b.measure("ours@old-0").orElseThrow().samples()).isEqualTo(3);
        assertThat(b.measure("ours@old-0").orElseThrow().median()).isGreaterThanOrEqualTo(5);
        BenchDocument.Ratio r = b.ratio("ours@old-0/ours").orElseThrow();
        assertThat(r.target()).isEqualTo(new BenchDocument.Target(false, 3));
        assertThat(r.basis()).as("of the means: see Bench.older").isEqualTo("mean");
        assertThat(r.value()).isEqualTo(b.measure("ours@old-0").orElseThrow().mean() / b.measure("ours").orElseThrow().mean());
        assertThat(r.met()).isEqualTo(r.value() <= 3);
        assertThat(b.notes()).contains("old-0: fake: ready");
        assertThat(b.notes().get(b.notes().size() - 1)).startsWith("ours@old-0/ours of the medians: ");
        List<String> lines = Bench.table(b, host.benchLabels());
        assertThat(lines).anyMatch(l -> l.startsWith("ours@old-0 as ours; loads ahead from scratch without a snapshot"));
        assertThat(lines).anyMatch(l -> l.matches("ratio  ours@old-0/ours +[0-9.]+x  target <= 3x +(met|NOT met)"));

        // Compared with a reference that has no snapshot, the ratio is measured but has no target.
        FakeHost plain = new FakeHost(false, RETURNED);
        BenchDocument.HostBench p = bench.older(bench.run(plain, IMAGE), plain, OLD);
        assertThat(p.ratio("ours@old-0/ours").orElseThrow().target()).isNull();
    }

    @Test
    void aFloorWithoutSnapshotSaysSoAndHasNoTargets() {
        BenchDocument.HostBench b = bench(1).run(new FakeHost(false, RETURNED), IMAGE);
        assertThat(Bench.table(b, new FakeHost(false, RETURNED).benchLabels()).get(4)).contains("(NO SNAPSHOT)");
        assertThat(b.measure("ours").orElseThrow().target()).isNull();
        assertThat(b.ratio("naive/ours").orElseThrow().target()).isNull();
    }

    @Test
    void aHostThatCannotMeasureTheFloorHasNoFloorRowAndSaysWhy() {
        BenchDocument.HostBench b = bench(1).run(new FakeHost(true, RETURNED, List.of()), IMAGE);
        assertThat(b.measures()).extracting(BenchDocument.Measure::name).containsExactly("naive", "ours", "restore");
        assertThat(b.ratios()).extracting(BenchDocument.Ratio::name).containsExactly("naive/ours", "ours/restore");
        assertThat(b.notes()).containsExactly("fake: ready", "restore phases (median ms): import 2, the rest 20",
                "floor: not measured: fake: no floor here");
    }

    @Test
    void aBenchProbeThatDoesNotReturnStopsTheBenchWithItsOutput() {
        assertThatThrownBy(() -> bench(1).measure(new FakeHost(true, "no observation\n"), IMAGE))
                .isInstanceOf(SetupException.class).hasMessageContaining("the bench probe did not run")
                .hasMessageContaining("no observation");
        assertThatThrownBy(() -> bench(0)).hasMessageContaining("--samples");
    }

    @Test
    void theSuiteDiffListsEveryCellWhoseVerdictDiffers() {
        Result holds = result(Verdict.HOLDS);
        Result stale = result(Verdict.STALE);
        assertThat(SuiteComparison.diff(Map.of("a", holds, "b", holds), Map.of("a", holds, "b", holds))).isEmpty();
        assertThat(SuiteComparison.diff(Map.of("a", holds, "b", holds), Map.of("a", stale)))
                .containsExactly("a: HOLDS (returned 1) -> STALE (returned 1)", "b: HOLDS (returned 1) -> (none)");
    }

    private static Result result(Verdict v) {
        Observation o = new Observation(Outcome.RETURNED, com.fasterxml.jackson.databind.node.IntNode.valueOf(1), null,
                null, null, null, null);
        return new Result("a", "s", "q", "node", "fake-1", v, "why", o, Evidence.none(), null);
    }
}
