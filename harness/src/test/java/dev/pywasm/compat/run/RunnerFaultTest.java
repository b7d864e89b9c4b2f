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

    private static final String RAISES = "PYWASM-OBSERVATION {\"outcome\": \"raised\", \"exception\": \"OSError\"}";

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
}
