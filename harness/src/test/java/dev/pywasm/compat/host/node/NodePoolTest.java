package dev.pywasm.compat.host.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.exec.FreshRuntime;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java side of the pool protocol against a fake pool: a small node script that speaks the
 * protocol of pyodide-pool.js and does what the "program" text says (no Pyodide needed).
 */
class NodePoolTest {

    /** Programs: "print:TEXT", "err:TEXT", "exit:N", "timeout", "die" (kills the pool), "hang" (never answers). */
    private static final String FAKE = """
            const rl = require("readline").createInterface({ input: process.stdin });
            const send = (o) => process.stdout.write(JSON.stringify(o) + "\\n");
            if (process.argv[2] === "never-ready") { setTimeout(() => {}, 1e9); }
            else if (process.argv[2] === "exit-at-start") { process.stderr.write("cannot load\\n"); process.exit(3); }
            else send({ event: "ready", pid: process.pid, snapshot: true, sharedModule: true, millis: 1, note: null });
            let n = 0;
            rl.on("line", (l) => {
              const r = JSON.parse(l);
              // A ProbeProgram carries its source base64-encoded, last; bare text is taken as is.
              const b64 = [...r.program.matchAll(/b64decode\\('([^']*)'\\)/g)];
              const source = b64.length ? Buffer.from(b64[b64.length - 1][1], "base64").toString() : r.program;
              const cut = source.indexOf(":");
              const cmd = cut < 0 ? source : source.slice(0, cut), arg = cut < 0 ? "" : source.slice(cut + 1);
              const out = (stream, line) => send({ event: "out", id: r.id, stream, line });
              const done = (exitCode, timedOut) => send({ event: "done", id: r.id, exitCode, timedOut,
                  durationMillis: 1, loadMillis: 1, startupMillis: 2, worker: ++n, snapshot: true });
              if (cmd === "print") { out("stdout", arg); out("stdout", "second line"); done(0, false); }
              else if (cmd === "err") { out("stderr", arg); done(1, false); }
              else if (cmd === "exit") { done(Number(arg), false); }
              else if (cmd === "timeout") { out("stdout", "before the hang"); setTimeout(() => done(null, true), r.timeoutMillis); }
              else if (cmd === "die") { out("stdout", "last words"); process.stderr.write("pool: out of memory\\n"); setTimeout(() => process.exit(134), 50); }
              else if (cmd === "slow") { setTimeout(() => { out("stdout", "slow " + arg); done(0, false); }, 300); }
              else if (cmd === "hang") { /* never answers */ }
              else { process.stdout.write("not protocol\\n"); done(0, false); }
            });
            """;

    @TempDir
    Path dir;
    Path script;

    @BeforeEach
    void writeFake() throws IOException {
        script = dir.resolve("fake-pool.js");
        Files.writeString(script, FAKE);
    }

    private List<String> command(String... args) {
        List<String> c = new java.util.ArrayList<>(List.of("node", script.toString()));
        c.addAll(List.of(args));
        return c;
    }

    /** A probe timeout of {@code d} from the hand-over, with room for the start-up and a grace. */
    private static Limits probe(Duration d) {
        return new Limits(Duration.ofSeconds(5), d, Duration.ofSeconds(15));
    }

    private NodePool start() {
        return NodePool.start(command(), dir, Duration.ofSeconds(30));
    }

    @Test
    void relaysOutputLinesAndTheExitStatus() {
        try (NodePool pool = start()) {
            assertThat(pool.readyInfo().path("snapshot").asBoolean()).isTrue();
            RawRun r = pool.run("print:PYWASM-OBSERVATION T {\"outcome\": \"returned\", \"value\": 1}", probe(Duration.ofSeconds(10)));
            assertThat(r.exitCode()).isZero();
            assertThat(r.timedOut()).isFalse();
            assertThat(r.stdout()).isEqualTo("PYWASM-OBSERVATION T {\"outcome\": \"returned\", \"value\": 1}\nsecond line\n");
            assertThat(r.stderr()).isEmpty();
            assertThat(r.command()).contains("fake-pool.js").contains("in worker 1 of pool pid " + pool.pid());
            assertThat(r.fresh()).isEqualTo(FreshRuntime.SNAPSHOT_RESTORED);
            assertThat(r.startupMillis()).isEqualTo(2L);
            assertThat(ProbeOutput.parse(r, "T").outcome()).isEqualTo(Outcome.RETURNED);

            RawRun err = pool.run("err:Traceback (most recent call last)", probe(Duration.ofSeconds(10)));
            assertThat(err.exitCode()).isEqualTo(1);
            assertThat(err.stderr()).isEqualTo("Traceback (most recent call last)\n");
            assertThat(err.stdout()).isEmpty();

            assertThat(pool.run("exit:5", probe(Duration.ofSeconds(10))).exitCode()).isEqualTo(5);
            assertThat(pool.alive()).isTrue();
        }
    }

    @Test
    void aTimeoutTheWorkerReportsKeepsThePool() {
        try (NodePool pool = start()) {
            RawRun r = pool.run("timeout", probe(Duration.ofMillis(300)));
            assertThat(r.timedOut()).isTrue();
            assertThat(r.exitCode()).isNull();
            assertThat(r.stdout()).isEqualTo("before the hang\n");
            assertThat(ProbeOutput.parse(r, "T").outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(pool.alive()).isTrue();
            assertThat(pool.run("print:next", probe(Duration.ofSeconds(10))).stdout()).startsWith("next\n");
        }
    }

    @Test
    void aPoolThatDiesReportsTheProbeAsCrashedWithItsLastOutput() {
        try (NodePool pool = start()) {
            RawRun r = pool.run("die", probe(Duration.ofSeconds(10)));
            assertThat(r.timedOut()).isFalse();
            assertThat(r.exitCode()).isEqualTo(134);
            assertThat(r.stdout()).startsWith("last words\nPYWASM-FATAL ").contains("NodePoolDied")
                    .contains("exit status 134").contains("pool: out of memory");
            assertThat(ProbeOutput.parse(r, "T").outcome()).isEqualTo(Outcome.CRASHED);
            assertThat(pool.alive()).isFalse();
            // A dead pool runs nothing more, and says so instead of hanging.
            assertThat(ProbeOutput.parse(pool.run("print:x", probe(Duration.ofSeconds(5))), "T").outcome()).isEqualTo(Outcome.CRASHED);
        }
    }

    @Test
    void aPoolThatDoesNotAnswerIsKilledAfterTheGracePeriod() throws Exception {
        NodePool pool = NodePool.start(command(), dir, Duration.ofSeconds(30));
        try {
            long start = System.nanoTime();
            RawRun r = pool.run("hang", new Limits(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(200)));
            assertThat(r.timedOut()).isTrue();
            assertThat(r.exitCode()).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            ProcessHandle handle = ProcessHandle.of(pool.pid()).orElse(null);
            if (handle != null) {
                handle.onExit().get(5, TimeUnit.SECONDS);
            }
            assertThat(pool.alive()).isFalse();
        } finally {
            pool.close();
        }
    }

    @Test
    void linesThatAreNotProtocolAreNotProbeOutput() {
        try (NodePool pool = start()) {
            RawRun r = pool.run("other", probe(Duration.ofSeconds(10)));
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEmpty();
        }
    }

    @Test
    void aPoolThatDoesNotStartIsASetupError() {
        assertThatThrownBy(() -> NodePool.start(command("exit-at-start"), dir, Duration.ofSeconds(30)))
                .isInstanceOf(SetupException.class).hasMessageContaining("cannot load");
        assertThatThrownBy(() -> NodePool.start(command("never-ready"), dir, Duration.ofMillis(500)))
                .isInstanceOf(SetupException.class).hasMessageContaining("did not start within");
    }

    @Test
    void closeKillsThePoolProcess() throws Exception {
        NodePool pool = start();
        ProcessHandle handle = ProcessHandle.of(pool.pid()).orElseThrow();
        pool.close();
        handle.onExit().get(5, TimeUnit.SECONDS);
        assertThat(handle.isAlive()).isFalse();
    }

    @Test
    void theSessionReplacesADeadPoolForTheNextProbe() {
        try (NodePoolSession session = new NodePoolSession(this::start, 1, null, null)) {
            RawRun crashed = session.run(new ProbeProgram("die.py", "die"), Duration.ofSeconds(10));
            assertThat(ProbeOutput.parse(crashed, "T").outcome()).isEqualTo(Outcome.CRASHED);
            RawRun next = session.run(new ProbeProgram("p.py", "ignored"), Duration.ofSeconds(10));
            assertThat(next.exitCode()).isZero();
            assertThat(session.poolsStarted()).isEqualTo(2);
            assertThat(session.pools()).hasSize(1);
        }
    }

    @Test
    void concurrentProbesGetAPoolEachWithOneProbePerPool() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        try (NodePoolSession session = new NodePoolSession(() -> {
            starts.incrementAndGet();
            return start();
        }, 1, null, null)) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<RawRun>> runs = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return session.run(new ProbeProgram("s.py", "slow:1"), Duration.ofSeconds(10));
                    }))
                    .toList();
            go.countDown();
            runs.forEach(f -> assertThat(f.join().stdout()).isEqualTo("slow 1\n"));
            assertThat(starts.get()).isBetween(1, 3);
            assertThat(session.pools()).hasSize(starts.get());
            // Sequential probes reuse a pool.
            session.run(new ProbeProgram("s.py", "slow:1"), Duration.ofSeconds(10));
            assertThat(session.poolsStarted()).isEqualTo(starts.get());
        }
    }

    @Test
    void withoutAnyPoolTheSessionFallsBack() {
        HostSession fallback = (program, timeout) -> new RawRun("fallback", 0, "from the fallback\n", "", false, 1);
        try (NodePoolSession session = new NodePoolSession(() -> NodePool.start(command("exit-at-start"), dir,
                Duration.ofSeconds(30)), 1, null, fallback)) {
            assertThat(session.run(new ProbeProgram("p.py", "x"), Duration.ofSeconds(5)).command()).isEqualTo("fallback");
            assertThat(session.fallbackReason()).contains("cannot load");
            assertThat(session.run(new ProbeProgram("p.py", "x"), Duration.ofSeconds(5)).command()).isEqualTo("fallback");
            assertThat(session.poolsStarted()).isZero();
        }
    }

    @Test
    void aClosedSessionRunsNothing() {
        NodePoolSession session = new NodePoolSession(this::start, 1, null, null);
        session.run(new ProbeProgram("p.py", "x"), Duration.ofSeconds(10));
        NodePool pool = session.pools().get(0);
        session.close();
        assertThat(pool.alive()).isFalse();
        assertThatThrownBy(() -> session.run(new ProbeProgram("p.py", "x"), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class);
    }
}
