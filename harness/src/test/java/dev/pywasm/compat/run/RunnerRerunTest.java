package dev.pywasm.compat.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.TestCatalogs;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Attempt;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.report.ResultFile;
import dev.pywasm.compat.runtime.Runtime;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rerun policy end to end through the {@link Runner}, on a fake host whose probe runs follow a
 * script: no runtime, no Node, no browser. The claim predicts {@code raised}, so a run that raises
 * HOLDS, one that returns is STALE and one that crashes is CRASH.
 */
class RunnerRerunTest {

    private static final String RAISES = "PYWASM-OBSERVATION {\"outcome\": \"raised\", \"exception\": \"OSError\", "
            + "\"errno\": 52, \"errno_name\": \"ENOSYS\", \"message\": \"nope\"}";
    private static final String RETURNS = "PYWASM-OBSERVATION {\"outcome\": \"returned\", \"value\": 1}";
    private static final String CRASHES = "PYWASM-FATAL {\"kind\": \"fatal\", \"name\": \"RuntimeError\", "
            + "\"message\": \"unreachable\"}";
    private static final String IDENTITY = "PYWASM-OBSERVATION {\"outcome\": \"returned\", \"value\": "
            + "{\"python\": \"3.14.2\", \"emscripten\": \"5.0.3\", \"platform\": \"Emscripten-5.0.3-wasm32-32bit\"}}";

    @TempDir
    Path dir;
    Catalog catalog;

    @BeforeEach
    void catalog() throws IOException {
        catalog = TestCatalogs.nodeClaims(dir, "a.one");
    }

    /** The line as the probe helper prints it in this run: with the program's token. */
    static String signed(String line, ProbeProgram program) {
        return line.replace("PYWASM-OBSERVATION ", "PYWASM-OBSERVATION " + program.token() + " ");
    }

    /** A host whose probe runs print the given lines in turn (the last one repeats); identify always answers. */
    static class ScriptedHost implements Host {
        final List<String> script;
        final AtomicInteger probeRuns = new AtomicInteger();

        ScriptedHost(String... lines) {
            this.script = List.of(lines);
        }

        @Override
        public String id() {
            return "node";
        }

        @Override
        public HostIdentity identity() {
            return new HostIdentity("node", "v0-fake", List.of(), List.of(), null);
        }

        @Override
        public HostSession open(RuntimeImage image) {
            return new HostSession() {
                @Override
                public RawRun run(ProbeProgram program, Limits limits) {
                    if (program.name().equals("identify.py")) {
                        return new RawRun("fake identify", 0, signed(IDENTITY, program) + "\n", "", false, 1);
                    }
                    int n = probeRuns.getAndIncrement();
                    String line = script.get(Math.min(n, script.size() - 1));
                    return new RawRun("fake run " + (n + 1), line.startsWith("PYWASM-FATAL") ? 70 : 0, signed(line, program) + "\n",
                            "", false, 5);
                }

                @Override
                public Optional<String> note() {
                    return Optional.of("fake: a fresh nothing per probe");
                }
            };
        }
    }

    private static final Runtime FAKE = new Runtime() {
        @Override
        public String id() {
            return "fake-1";
        }

        @Override
        public RuntimeImage prepare(Progress progress) {
            return new RuntimeImage("fake-1", RuntimeKind.PYODIDE, "1", Path.of("."));
        }
    };

    private Result runOnce(ScriptedHost host, Verdict recorded, int reruns) throws IOException {
        Path expectations = dir.resolve("expectations");
        if (recorded != null) {
            Path file = Files.createDirectories(expectations.resolve("fake-1")).resolve("node.yaml");
            Files.writeString(file, "a.one: " + recorded + "\n");
        }
        RunOptions options = new RunOptions().setJobs(1).setReruns(reruns);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (Runner runner = new Runner(catalog, new Expectations(expectations), options, new PrintStream(progress, true))) {
            ResultDocument doc = runner.start(List.of(FAKE), List.of(host), dir.resolve("out/results.json")).await();
            assertThat(doc.results()).hasSize(1);
            return doc.results().get(0);
        }
    }

    @Test
    void aStableCellRunsExactlyOnce() throws IOException {
        ScriptedHost host = new ScriptedHost(RAISES);
        Result r = runOnce(host, Verdict.HOLDS, 2);
        assertThat(host.probeRuns).hasValue(1);
        assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(r.evidence().limits()).as("the claim's default timeout, the session's start-up and grace")
                .isEqualTo(new Evidence.Limits(120_000, 30_000, 0));
        assertThat(r.attempts()).isEmpty();
        assertThat(r.unexpected()).isFalse();
    }

    @Test
    void aHostThatAlternatesGivesFlakyWithEveryAttemptKept() throws IOException {
        ScriptedHost host = new ScriptedHost(RETURNS, RAISES, RETURNS);
        Result r = runOnce(host, Verdict.HOLDS, 2);
        assertThat(host.probeRuns).as("stops at the first disagreement").hasValue(2);
        assertThat(r.verdict()).isEqualTo(Verdict.FLAKY);
        assertThat(r.attempts()).extracting(Attempt::verdict).containsExactly(Verdict.STALE, Verdict.HOLDS);
        assertThat(r.attempts().get(1).evidence().command()).isEqualTo("fake run 2");
        assertThat(r.reason()).contains("STALE, HOLDS");
        assertThat(r.unexpected()).as("FLAKY differs from the recorded HOLDS").isTrue();
        assertThat(ResultFile.read(dir.resolve("out/results.json")).results().get(0).attempts())
                .extracting(Attempt::verdict).containsExactly(Verdict.STALE, Verdict.HOLDS);
    }

    @Test
    void aHostThatConsistentlyChangesGivesTheNewVerdict() throws IOException {
        ScriptedHost host = new ScriptedHost(RETURNS);
        Result r = runOnce(host, Verdict.HOLDS, 2);
        assertThat(host.probeRuns).hasValue(3);
        assertThat(r.verdict()).isEqualTo(Verdict.STALE);
        assertThat(r.attempts()).extracting(Attempt::verdict).containsExactly(Verdict.STALE, Verdict.STALE, Verdict.STALE);
        assertThat(r.reason()).contains("the same in all 3 attempts");
        assertThat(r.unexpected()).isTrue();
        assertThat(Expectations.diff(r, dir.resolve("node.yaml"))).contains("attempt 3: STALE - returned 1");
    }

    @Test
    void aRecordedFlakyMatchesAFlakyResult() throws IOException {
        ScriptedHost host = new ScriptedHost(RAISES, CRASHES);
        Result r = runOnce(host, Verdict.FLAKY, 2);
        assertThat(r.verdict()).isEqualTo(Verdict.FLAKY);
        assertThat(r.attempts()).extracting(Attempt::verdict).containsExactly(Verdict.HOLDS, Verdict.CRASH);
        assertThat(r.unexpected()).isFalse();
    }

    @Test
    void withNothingRecordedOnlyTroubleIsRerun() throws IOException {
        ScriptedHost calm = new ScriptedHost(RETURNS);
        assertThat(runOnce(calm, null, 2).verdict()).isEqualTo(Verdict.STALE);
        assertThat(calm.probeRuns).hasValue(1);

        ScriptedHost crashOnce = new ScriptedHost(CRASHES, RAISES);
        Result r = runOnce(crashOnce, null, 2);
        assertThat(r.verdict()).isEqualTo(Verdict.FLAKY);
        assertThat(r.expected()).isNull();
        assertThat(r.attempts()).extracting(Attempt::verdict).containsExactly(Verdict.CRASH, Verdict.HOLDS);
    }

    @Test
    void zeroRerunsReportsTheFirstVerdict() throws IOException {
        ScriptedHost host = new ScriptedHost(RETURNS, RAISES);
        Result r = runOnce(host, Verdict.HOLDS, 0);
        assertThat(host.probeRuns).hasValue(1);
        assertThat(r.verdict()).isEqualTo(Verdict.STALE);
        assertThat(r.attempts()).isEmpty();
    }

    @Test
    void theRunHeaderKeepsHowEachHostRanTheRuntime() throws IOException {
        runOnce(new ScriptedHost(RAISES), Verdict.HOLDS, 2);
        ResultDocument doc = ResultFile.read(dir.resolve("out/results.json"));
        assertThat(doc.run().runtimes()).singleElement().satisfies(rt -> {
            assertThat(rt.python()).isEqualTo("3.14.2");
            assertThat(rt.notes()).containsEntry("node", "fake: a fresh nothing per probe");
        });
    }

    @Test
    void aPairTheHostCannotRunIsLeftOutOfThePlanWithItsReasonInTheNotes() throws IOException {
        ScriptedHost runs = new ScriptedHost(RAISES);
        Host cannot = new ScriptedHost(RAISES) {
            @Override
            public String id() {
                return "chromium";
            }

            @Override
            public Optional<String> cannotRun(RuntimeImage image) {
                return Optional.of("not a browser build");
            }
        };
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), new RunOptions().setJobs(1),
                new PrintStream(progress, true))) {
            ResultDocument doc = runner.start(List.of(FAKE), List.of(runs, cannot), dir.resolve("out/results.json")).await();
            assertThat(doc.results()).extracting(Result::host).containsExactly("node");
            assertThat(doc.run().planned()).isEqualTo(1);
            assertThat(doc.run().runtimes().get(0).notes()).containsEntry("chromium", "not run: not a browser build");
        }
        assertThat(progress.toString()).contains("chromium cannot run fake-1: not a browser build; that pair is left out");
    }
}
