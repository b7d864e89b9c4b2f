package dev.pywasm.compat.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    @Test
    void capturesOutputAndExitCode() {
        RawRun r = ProcessRunner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(20), null, null);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.timedOut()).isFalse();
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        RawRun r = ProcessRunner.run(List.of("sh", "-c", "sleep 300 & echo $!; wait"), Duration.ofMillis(1500), null, null);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isNull();
        long child = Long.parseLong(r.stdout().strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running(child) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(running(child)).withFailMessage("the grandchild sleep %d survived the timeout", child).isFalse();
    }

    /** Alive and not a zombie waiting for its new parent to reap it. */
    private static boolean running(long pid) throws java.io.IOException {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc", Long.toString(pid), "stat");
        if (!java.nio.file.Files.exists(stat)) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String s = java.nio.file.Files.readString(stat);
            return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
    }

    private static RawRun withMarker(String script, Limits limits) {
        return ProcessRunner.run(List.of("sh", "-c", script), limits, "START", null, null);
    }

    @Test
    void theStartLineIsNotedAndLeftOutOfTheOutput() {
        RawRun r = withMarker("echo loading; echo START; echo out; printf STAR; echo T; printf START",
                new Limits(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ZERO));
        assertThat(r.stdout()).as("only the first whole line is the marker").isEqualTo("loading\nout\nSTART\nSTART");
        assertThat(r).extracting(RawRun::fresh, RawRun::timedOut).containsExactly(FreshRuntime.NEW_PROCESS, false);
        assertThat(r.startupMillis()).isNotNull();
    }

    @Test
    void aProbesClockStartsAtTheHandOverNotAtTheProcessStart() {
        // 1.5 s of start-up, then 1 s of probe: more than the probe's 2 s in all, within it from the hand-over.
        RawRun r = withMarker("sleep 1.5; echo START; sleep 1; echo done",
                new Limits(Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ZERO));
        assertThat(r.timedOut()).as(r.stdout()).isFalse();
        assertThat(r.stdout()).isEqualTo("done\n");
        assertThat(r.startupMillis()).isGreaterThanOrEqualTo(1400L);
    }

    @Test
    void aRuntimeThatNeverStartsTimesOutAfterItsStartUpLimit() {
        long start = System.nanoTime();
        RawRun r = withMarker("echo loading; sleep 300", new Limits(Duration.ofMillis(800), Duration.ofSeconds(60), Duration.ZERO));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.startupMillis()).isNull();
        assertThat(r.stdout()).isEqualTo("loading\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aProbeThatHangsAfterTheHandOverTimesOutAfterTheProbeLimit() {
        RawRun r = withMarker("echo START; echo hanging; sleep 300", new Limits(Duration.ofSeconds(20), Duration.ofMillis(800),
                Duration.ZERO));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.startupMillis()).isNotNull();
        assertThat(r.stdout()).isEqualTo("hanging\n");
    }

    @Test
    void passesExtraEnvironmentOnTopOfTheInheritedOne() {
        RawRun r = ProcessRunner.run(List.of("sh", "-c", "echo $PYWASM_TEST_VAR:$PATH"), Duration.ofSeconds(20), null,
                java.util.Map.of("PYWASM_TEST_VAR", "yes"));
        assertThat(r.stdout()).startsWith("yes:/");
    }

    @Test
    void missingProgramIsAClearError() {
        assertThatThrownBy(() -> ProcessRunner.run(List.of("/no/such/program"), Duration.ofSeconds(5), null, null))
                .hasMessageContaining("/no/such/program");
    }

    @Test
    void aProcessThatFloodsItsOutputIsKilledAtTheOutputLimitWithHeadAndTailKept() {
        RawRun r = withMarker("echo START; echo first; exec yes flood",
                new Limits(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ZERO, 1 << 20));
        assertThat(r.outputLimit()).isEqualTo(1L << 20);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.durationMillis()).as("ended at the limit, not at the 60 s timeout").isLessThan(30_000);
        assertThat(r.stdout()).startsWith("first\nflood\n").contains("bytes of output omitted]");
        String last = r.stdout().substring(r.stdout().lastIndexOf("flood\n") + "flood\n".length());
        assertThat("flood\n").as("the tail ends where the kill cut a line").startsWith(last);
        assertThat(r.stdout().length()).isLessThan(400 * 1024);
    }

    @Test
    void headTailKeepsBothEndsAndCountsTheRest() {
        OutputCap cap = new OutputCap(10);
        int[] fired = {0};
        cap.onExceeded(() -> fired[0]++);
        HeadTail b = new HeadTail(4, 4, cap);
        b.write("0123456789abcdef".getBytes(), 0, 16);
        b.write("gh".getBytes(), 0, 2);
        assertThat(b.text()).isEqualTo("0123\n[pywasm-compat: 10 bytes of output omitted]\nefgh");
        assertThat(b.written()).isEqualTo(18);
        assertThat(cap.exceeded()).isTrue();
        assertThat(fired[0]).as("once").isEqualTo(1);
        HeadTail small = HeadTail.of(100);
        small.line("short");
        assertThat(small.text()).isEqualTo("short\n");
    }

    @Test
    void lineCapKeepsFirstAndLastLines() {
        LineCap lines = new LineCap(2, 2, 6);
        for (int i = 0; i < 10; i++) {
            lines.add("line " + i + (i == 9 ? " long" : ""));
        }
        assertThat(lines.lines()).containsExactly("line 0", "line 1", "[pywasm-compat: 6 lines omitted]", "line 8",
                "line 9 [... 5 more chars]");
    }

    @Test
    void tailBufferKeepsTheEnd() {
        TailBuffer b = new TailBuffer(8);
        b.write("0123456789abc".getBytes(), 0, 13);
        assertThat(b.text()).isEqualTo("56789abc");
        assertThat(b.truncated()).isTrue();
        assertThat(TailBuffer.lastLines("a\nb\n" + "x".repeat(20), 2, 5)).isEqualTo("b\nxxxxx [... 15 more chars]");
    }
}
