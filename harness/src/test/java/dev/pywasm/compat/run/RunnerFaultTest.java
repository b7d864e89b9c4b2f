package dev.pywasm.compat.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.TestCatalogs;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.host.HostSession;
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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One cell, one failure: whatever the harness throws while running a cell (a session, a browser
 * driver, an Error such as the driver's StackOverflowError) is that cell's ERROR with the exception as
 * evidence, and every other cell still runs and is written.
 */
class RunnerFaultTest {

    private static final String RAISES = "PYWASM-OBSERVATION {\"outcome\": \"raised\", \"exception\": \"OSError\", "
            + "\"errno\": 52, \"errno_name\": \"ENOSYS\", \"message\": \"nope\"}";

    @TempDir
    Path dir;

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

    /** Probe runs number 2 and 3 throw; the others raise, as the claim predicts. */
    static final class FailingHost extends RunnerRerunTest.ScriptedHost {
        FailingHost() {
            super(RAISES);
        }

        @Override
        public HostSession open(RuntimeImage image) {
            HostSession inner = super.open(image);
            return new HostSession() {
                @Override
                public RawRun run(ProbeProgram program, Limits limits) {
                    if (!program.name().equals("identify.py")) {
                        int n = probeRuns.get();
                        if (n == 1) {
                            probeRuns.incrementAndGet();
                            throw new CompletionException(new StackOverflowError());
                        }
                        if (n == 2) {
                            probeRuns.incrementAndGet();
                            throw new IllegalStateException("cannot start the probe in the page: Target closed");
                        }
                    }
                    return inner.run(program, limits);
                }
            };
        }
    }

    @Test
    void aCellWhoseHarnessThrowsIsThatCellsErrorAndTheRunGoesOn() throws IOException {
        Catalog catalog = TestCatalogs.nodeClaims(dir, "a.one", "a.two", "a.three", "a.four");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        RunOptions options = new RunOptions().setJobs(1).setReruns(0);
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), options,
                new PrintStream(progress, true))) {
            ResultDocument doc = runner.start(List.of(FAKE), List.of(new FailingHost()), dir.resolve("out/results.json"))
                    .await();
            assertThat(doc.results()).hasSize(4);
            assertThat(doc.results()).extracting(Result::verdict)
                    .containsExactly(Verdict.HOLDS, Verdict.ERROR, Verdict.ERROR, Verdict.HOLDS);
            Result overflow = doc.results().get(1);
            assertThat(overflow.reason()).contains("java.lang.StackOverflowError")
                    .contains("the next cell gets a new one");
            assertThat(overflow.evidence().stderrTail()).contains("StackOverflowError");
            assertThat(doc.results().get(2).reason()).contains("Target closed");
            assertThat(ResultFile.read(dir.resolve("out/results.json")).results()).hasSize(4);
        }
    }

    @Test
    void resumeRunsAgainTheCellsThatEndedAsTheHarnessesErrorAndKeepsTheProbesOwnErrors() throws IOException {
        Catalog catalog = TestCatalogs.nodeClaims(dir, "a.one", "a.two", "a.three", "a.four");
        Path results = dir.resolve("out/results.json");
        RunOptions options = new RunOptions().setJobs(1).setReruns(0);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), options, quiet)) {
            runner.start(List.of(FAKE), List.of(new FailingHost()), results).await();
        }
        assertThat(ResultFile.read(results).results()).filteredOn(CellFailure::isHarnessFailure)
                .extracting(Result::claimId).containsExactly("a.two", "a.three");
        assertThat(OutDir.finishedCells(results).keySet()).extracting(Cell::claimId).containsExactly("a.one", "a.four");

        // Resumed on a host whose probes print no observation: the probe's own ERROR, not the harness's.
        RunnerRerunTest.ScriptedHost garbage = new RunnerRerunTest.ScriptedHost("not an observation");
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), options, quiet)) {
            ResultDocument doc = runner.start(List.of(FAKE), List.of(garbage), results, OutDir.finishedCells(results)).await();
            assertThat(garbage.probeRuns).as("the two cells the harness had failed on").hasValue(2);
            // Kept cells are written at once, the others when they finish: compare by cell, not by order.
            assertThat(doc.results().stream().collect(java.util.stream.Collectors.toMap(Result::claimId, Result::verdict)))
                    .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("a.one", Verdict.HOLDS, "a.two", Verdict.ERROR,
                            "a.three", Verdict.ERROR, "a.four", Verdict.HOLDS));
            assertThat(doc.results()).noneMatch(CellFailure::isHarnessFailure);
        }
        RunnerRerunTest.ScriptedHost again = new RunnerRerunTest.ScriptedHost(RAISES);
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), options, quiet)) {
            runner.start(List.of(FAKE), List.of(again), results, OutDir.finishedCells(results)).await();
            assertThat(again.probeRuns).as("a probe's own ERROR is a finished cell").hasValue(0);
        }
    }

    /** Probe run 2 blocks until its thread is interrupted (a cancelled run ends its sessions' work). */
    static final class BlockingHost extends RunnerRerunTest.ScriptedHost {
        final java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);

        BlockingHost() {
            super(RAISES);
        }

        @Override
        public HostSession open(RuntimeImage image) {
            HostSession inner = super.open(image);
            return (program, limits) -> {
                if (!program.name().equals("identify.py") && probeRuns.get() == 1) {
                    probeRuns.incrementAndGet();
                    blocked.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new RawRun("killed", null, "", "", false, 1);
                }
                return inner.run(program, limits);
            };
        }
    }

    @Test
    void anInterruptedRunSaysSoAndAResumeKeepsItsFinishedCellsAndRunsTheRest() throws Exception {
        Catalog catalog = TestCatalogs.nodeClaims(dir, "a.one", "a.two", "a.three");
        Path results = dir.resolve("out/results.json");
        RunOptions options = new RunOptions().setJobs(1).setReruns(0);
        BlockingHost host = new BlockingHost();
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), options,
                new PrintStream(new ByteArrayOutputStream(), true))) {
            Runner.Run run = runner.start(List.of(FAKE), List.of(host), results);
            host.blocked.await();
            ResultDocument doc = run.interrupt("SIGTERM");
            assertThat(doc.results()).extracting(Result::claimId).containsExactly("a.one");
            assertThat(doc.run().interrupted()).isNotNull();
            assertThat(doc.run().interrupted().signal()).isEqualTo("SIGTERM");
            assertThat(doc.run().interrupted().planned()).isEqualTo(3);
            assertThat(doc.run().interrupted().done()).isEqualTo(1);
        }
        Thread.sleep(200); // the cancelled cell's thread ends; it must not write
        ResultDocument onDisk = ResultFile.read(results);
        assertThat(onDisk.results()).hasSize(1);
        assertThat(onDisk.run().interrupted().done()).isEqualTo(1);

        RunnerRerunTest.ScriptedHost again = new RunnerRerunTest.ScriptedHost(RAISES);
        try (Runner runner = new Runner(catalog, new Expectations(dir.resolve("none")), options,
                new PrintStream(new ByteArrayOutputStream(), true))) {
            ResultDocument doc = runner.start(List.of(FAKE), List.of(again), results, OutDir.finishedCells(results)).await();
            assertThat(doc.results()).extracting(Result::claimId).containsExactlyInAnyOrder("a.one", "a.two", "a.three");
            assertThat(doc.run().interrupted()).isNull();
            assertThat(again.probeRuns).as("only the two cells that had not finished").hasValue(2);
        }
    }

    @Test
    void anUnwritableOutAndAnUnreadableResultFileAreOneLineErrorsNamingTheFlag() throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutDir.checkWritable(file.resolve("out")))
                .isInstanceOf(dev.pywasm.compat.runtime.SetupException.class)
                .hasMessageStartingWith("--out " + file.resolve("out") + " is not a writable directory");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutDir.finishedCells(dir.resolve("none.json")))
                .hasMessageStartingWith("--resume: ").hasMessageContaining("none.json");
        // A result file cut off mid-write (what a crash without the atomic rename would leave).
        Path truncated = java.nio.file.Files.writeString(dir.resolve("results.json"),
                "{\"schema\": \"pywasm-compat/results-v1\", \"run\": {\"tool\": \"x\", \"pla");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutDir.finishedCells(truncated))
                .hasMessageStartingWith("--resume: " + truncated + ": not a pywasm-compat result file");
    }
}
