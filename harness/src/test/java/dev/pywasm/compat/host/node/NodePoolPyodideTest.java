package dev.pywasm.compat.host.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.exec.FreshRuntime;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.NodeHost;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pooled Node host on real Pyodide (the default version, from the runtime cache or npm): a
 * crash, an exit, a hang and a probe that kills the whole pool process each cost only that probe,
 * and every probe starts on a fresh interpreter and file system.
 */
class NodePoolPyodideTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** A probe with a deliberate bug, and one that forges its observation line: never HOLDS or STALE. */
    static final ProbeProgram BUGGY = new ProbeProgram("buggy.py", "from pywasm_probe import probe, under_test\n"
            + "@probe\ndef buggy():\n    with under_test('len'):\n        len([])\n    return undefined_helper()\n");
    static final ProbeProgram FORGER = new ProbeProgram("forger.py", "print('PYWASM-OBSERVATION {\"outcome\": "
            + "\"returned\", \"value\": 1}')\n");

    @TempDir
    static Path work;
    static RuntimeImage image;
    static NodeHost host;
    static NodePoolSession session;

    @BeforeAll
    static void prepare() {
        try {
            image = new PyodideNpm(PyodideNpm.DEFAULT_VERSION, Layout.defaults().cache(), null).prepare(m -> { });
            host = NodeHost.detect(work.resolve("node"), new HostOptions().setNodeIsolation(NodeHost.Isolation.WORKER));
        } catch (SetupException e) {
            Assumptions.abort("no Pyodide " + PyodideNpm.DEFAULT_VERSION + " or no node here: " + e.getMessage());
        }
        session = (NodePoolSession) host.oursSession(image);
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    private static Observation probe(String source, Duration timeout) {
        ProbeProgram program = new ProbeProgram("test_probe.py", source);
        RawRun run = session.run(program, timeout);
        return ProbeOutput.parse(run, program);
    }

    private static final String FRESH_FS = """
            import os, sys
            from pywasm_probe import probe

            @probe
            def fresh():
                seen = os.path.exists("/tmp/left-behind")
                with open("/tmp/left-behind", "w") as f:
                    f.write("x")
                sys.modules["left_behind_module"] = sys
                return {"file_seen": seen}
            """;

    private static final String FRESH_INTERPRETER = """
            import sys
            from pywasm_probe import probe

            @probe
            def fresh():
                return {"module_seen": "left_behind_module" in sys.modules, "file_seen": __import__("os").path.exists("/tmp/left-behind")}
            """;

    @Test
    void crashesExitsAndHangsCostOnlyTheirOwnProbe() {
        Observation first = probe(FRESH_FS, TIMEOUT);
        int pools = session.poolsStarted();
        assertThat(first.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(first.value().path("file_seen").asBoolean()).isFalse();

        Observation exit = probe("import os\nos._exit(3)\n", TIMEOUT);
        assertThat(exit.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(exit.summary()).contains("exit(3)");

        Observation afterExit = probe(FRESH_INTERPRETER, TIMEOUT);
        assertThat(afterExit.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(afterExit.value().path("file_seen").asBoolean()).isFalse();
        assertThat(afterExit.value().path("module_seen").asBoolean()).isFalse();

        long start = System.nanoTime();
        RawRun hang = session.run(new ProbeProgram("hang.py", "while True:\n    pass\n"), Duration.ofSeconds(3));
        assertThat(hang.timedOut()).isTrue();
        assertThat(ProbeOutput.parse(hang, "-").outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

        Observation crash = probe("import js\njs.eval('setTimeout(() => { throw new Error(\"boom\") }, 0)')\n"
                + "import time\ntime.sleep(1)\n", TIMEOUT);
        assertThat(crash.outcome()).isEqualTo(Outcome.CRASHED);
        assertThat(crash.summary()).contains("boom");

        Observation afterAll = probe(FRESH_FS, TIMEOUT);
        assertThat(afterAll.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(afterAll.value().path("file_seen").asBoolean()).isFalse();
        // None of that needed a new pool process.
        assertThat(session.poolsStarted()).isEqualTo(pools);
    }

    @Test
    void aProbeThatKillsThePoolProcessCostsOnlyItself() {
        assertThat(probe(FRESH_FS, TIMEOUT).outcome()).isEqualTo(Outcome.RETURNED);
        int before = session.poolsStarted();
        RawRun killer = session.run(new ProbeProgram("kill.py",
                "print('about to kill the host process')\nimport js\njs.process.kill(js.process.pid, 'SIGKILL')\n"), TIMEOUT);
        Observation o = ProbeOutput.parse(killer, "-");
        assertThat(o.outcome()).isEqualTo(Outcome.CRASHED);
        assertThat(o.summary()).contains("died").contains("signal 9");
        assertThat(killer.stdout()).startsWith("about to kill the host process\n");

        Observation next = probe(FRESH_INTERPRETER, TIMEOUT);
        assertThat(next.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(next.value().path("file_seen").asBoolean()).isFalse();
        assertThat(session.poolsStarted()).isEqualTo(before + 1);
    }

    @Test
    void runTwiceRunsOnTwoFreshInterpreters() {
        HostSession s = session;
        ProbeProgram twice = new ProbeProgram("twice.py", FRESH_FS);
        RawRun second = s.runTwice(twice, TIMEOUT);
        Observation o = ProbeOutput.parse(second, twice);
        assertThat(o.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(o.value().path("file_seen").asBoolean()).isFalse();
    }

    private static final String JS_DEPTH = "(function () { let n = 0; function f() { n++; f(); } "
            + "try { f(); } catch (e) { } return n; })()";

    @Test
    void aProbeHasTheStackOfANodeMainThreadNotOfAWorker() {
        // Recursion claims depend on it: with a worker's default 4 MB stack, deep recursion that
        // crashes `node python.js` raised a clean RecursionError in the pool.
        RawRun main = dev.pywasm.compat.exec.ProcessRunner.run(java.util.List.of("node", "-e",
                "console.log(" + JS_DEPTH + ")"), TIMEOUT, null, null);
        int mainDepth = Integer.parseInt(main.stdout().strip());
        Observation o = probe("import js\nfrom pywasm_probe import probe\n@probe\ndef depth():\n"
                + "    return js.eval('" + JS_DEPTH + "')\n", TIMEOUT);
        assertThat(o.outcome()).as(o.summary()).isEqualTo(Outcome.RETURNED);
        assertThat(o.value().asDouble()).as("JS recursion depth in a probe vs a node main thread (%d)", mainDepth)
                .isBetween(mainDepth * 0.7, mainDepth * 1.3);
        assertThat(session.note()).hasValueSatisfying(n -> assertThat(n).contains("main-thread stack size"));
    }

    @Test
    void thePoolUsesASnapshotAndTheSharedModule() {
        probe(FRESH_FS, TIMEOUT);
        NodePool pool = session.pools().get(0);
        assertThat(pool.readyInfo().path("snapshot").asBoolean()).as("snapshot: %s", pool.readyInfo()).isTrue();
        assertThat(pool.readyInfo().path("sharedModule").asBoolean()).isTrue();
        assertThat(pool.readyInfo().path("codeCache").asBoolean()).isTrue();
        RawRun r = session.run(new ProbeProgram("p.py", "print('hi')\n"), TIMEOUT);
        assertThat(r.command()).contains("from snapshot");
        assertThat(r).extracting(RawRun::stdout, RawRun::exitCode, RawRun::fresh)
                .containsExactly("hi\n", 0, FreshRuntime.SNAPSHOT_RESTORED);
        assertThat(r.startupMillis()).isNotNull();
    }

    /** Leaves a file, a JavaScript global, an environment variable and a module behind, and says what it found. */
    private static final String LEAVE_AND_LOOK = """
            import json, os, sys, js
            seen = {"file": os.path.exists("/tmp/left-behind"), "global": bool(js.eval("typeof globalThis.pywasmLeak !== 'undefined'")),
                    "env": bool(js.eval("process.env.PYWASM_LEAK === '1'")), "module": "left_behind_module" in sys.modules}
            open("/tmp/left-behind", "w").write("x")
            js.eval("globalThis.pywasmLeak = 1; process.env.PYWASM_LEAK = '1'")
            sys.modules["left_behind_module"] = sys
            print("SEEN " + json.dumps(seen, sort_keys=True))
            """;
    private static final String NOTHING_SEEN = "SEEN {\"env\": false, \"file\": false, \"global\": false, \"module\": false}\n";

    private static List<String> poolCommand(Path snapshot, String... more) {
        List<String> command = new java.util.ArrayList<>(List.of("node", work.resolve("node").resolve("pyodide-pool.js").toString(),
                image.root().toString(), "--snapshot-file", snapshot.toString()));
        command.addAll(List.of(more));
        return command;
    }

    private static int worker(RawRun run) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("in worker (\\d+) ").matcher(run.command());
        assertThat(m.find()).as(run.command()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void awaitPrepared(NodePool pool, int n) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (pool.preparedSoFar() < n && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(pool.preparedSoFar()).as("workers restored ahead within %s", TIMEOUT).isGreaterThanOrEqualTo(n);
    }

    @Test
    void aRuntimeRestoredAheadServesOneProbeAndSeesNothingOfTheProbesBefore() throws InterruptedException {
        Limits limits = new Limits(TIMEOUT, TIMEOUT, Duration.ofSeconds(15));
        try (NodePool pool = NodePool.start(poolCommand(work.resolve("ahead.bin"), "--warm", "2"), work, TIMEOUT)) {
            // Both workers restored before the first probe ran; the second serves the second probe.
            awaitPrepared(pool, 2);
            RawRun first = pool.run(LEAVE_AND_LOOK, limits);
            assertThat(first.stdout()).as(first.stderr()).isEqualTo(NOTHING_SEEN);
            assertThat(first.command()).contains("restored ahead");
            RawRun second = pool.run(LEAVE_AND_LOOK, limits);
            assertThat(second.stdout()).as(second.stderr()).isEqualTo(NOTHING_SEEN);
            assertThat(second.command()).contains("restored ahead");
            assertThat(List.of(worker(first), worker(second))).as("the two workers restored before any probe")
                    .containsExactlyInAnyOrder(1, 2);
            // Workers 3 and 4 were started while those ran (one per worker handed over); whichever was restored
            // first serves the third probe, and it is as fresh: never worker 1 or 2 again.
            awaitPrepared(pool, 3);
            RawRun third = pool.run(LEAVE_AND_LOOK, limits);
            assertThat(third.stdout()).as(third.stderr()).isEqualTo(NOTHING_SEEN);
            assertThat(third.command()).contains("restored ahead");
            assertThat(worker(third)).as("a worker restored while the first two probes ran").isIn(3, 4);
            // A probe that touched its runtime in every way it can is never given another: each probe had its own worker.
            assertThat(List.of(first, second, third)).extracting(RawRun::fresh).containsOnly(FreshRuntime.SNAPSHOT_RESTORED);
        }
    }

    @Test
    void closingThePoolEndsItsProcessAndEveryWorkerRestoredAhead() throws Exception {
        NodePool pool = NodePool.start(poolCommand(work.resolve("close.bin"), "--warm", "3"), work, TIMEOUT);
        long pid = pool.pid();
        try {
            awaitPrepared(pool, 3);
        } finally {
            pool.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pool pid %d after close", pid).isFalse();

        // Closing its stdin alone ends the pool too: it terminates its prepared workers and exits 0.
        Process p = new ProcessBuilder(poolCommand(work.resolve("close.bin"), "--warm", "2")).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            int prepared = 0;
            String line;
            while (prepared < 2 && (line = out.readLine()) != null) {
                prepared += line.contains("\"event\":\"prepared\"") ? 1 : 0;
            }
            assertThat(prepared).isEqualTo(2);
            p.getOutputStream().close();
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the pool ends when its stdin closes").isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            dev.pywasm.compat.exec.ProcessTree.kill(p);
        }

        // Closed while workers are still restoring (three quick probes back to back, each taking a runtime and
        // starting the next): they end with the pool, and that is no failure of the code cache or the snapshot
        // (the pool would say so on stderr, drop them for good and start others).
        Process loading = new ProcessBuilder(poolCommand(work.resolve("close.bin"), "--warm", "2")).redirectErrorStream(true)
                .start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(loading.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String line;
            int prepared = 0;
            while (prepared < 2 && (line = out.readLine()) != null) {
                prepared += line.contains("\"event\":\"prepared\"") ? 1 : 0;
            }
            assertThat(prepared).isEqualTo(2);
            for (int probe = 1; probe <= 3; probe++) {
                loading.getOutputStream().write(("{\"id\": \"" + probe + "\", \"program\": \"pass\", \"startupMillis\": 120000, "
                        + "\"timeoutMillis\": 30000}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                loading.getOutputStream().flush();
                do {
                    line = out.readLine();
                } while (line != null && !line.contains("\"event\":\"done\""));
                assertThat(line).as("probe %d's done line", probe).isNotNull().contains("\"exitCode\":0");
            }
            loading.getOutputStream().close();
            StringBuilder rest = new StringBuilder();
            while ((line = out.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertThat(loading.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(loading.exitValue()).isZero();
            assertThat(rest.toString()).doesNotContain("failed").doesNotContain("pyodide-pool:");
        } finally {
            dev.pywasm.compat.exec.ProcessTree.kill(loading);
        }
    }

    @Test
    void workersRunTheRuntimeScriptFromTheCodeCacheAndItImportsAsTheModuleWould() {
        Limits limits = new Limits(TIMEOUT, TIMEOUT, Duration.ofSeconds(15));
        // What the runtime script takes from its module setting (the file's URL, its require, its imports):
        // the same either way.
        String program = """
                import os, socket, sys, time
                print(sys.argv, sys.path, os.getcwd(), sorted(os.listdir("/")))
                s = socket.socket()
                s.connect(("127.0.0.1", 9))
                time.sleep(0.2)
                try:
                    print("sent", s.send(b"x"))
                except OSError as e:
                    print(type(e).__name__, e.errno)
                """;
        try (NodePool cached = NodePool.start(poolCommand(work.resolve("code.bin"), "--warm", "1"), work, TIMEOUT);
             NodePool plain = NodePool.start(poolCommand(work.resolve("code.bin"), "--warm", "1", "--no-code-cache"), work,
                     TIMEOUT)) {
            assertThat(cached.readyInfo().path("codeCache").asBoolean()).as("%s", cached.readyInfo()).isTrue();
            assertThat(plain.readyInfo().path("codeCache").asBoolean()).isFalse();
            RawRun withCache = cached.run(program, limits);
            RawRun without = plain.run(program, limits);
            assertThat(withCache.command()).contains("code cache");
            assertThat(without.command()).doesNotContain("code cache");
            assertThat(withCache.exitCode()).as(withCache.stderr()).isZero();
            assertThat(withCache.stdout()).as(withCache.stderr()).isEqualTo(without.stdout()).contains("/lib/python");
        }
    }

    /**
     * Emscripten's wrapper modules (addFunction's tiny modules) are compiled by the first worker's load and taken by
     * the later workers' loads; a probe's WebAssembly.Module is the engine's own again (two compilations of the same
     * bytes are two modules), and what it prints is what a pool without the cache prints.
     */
    @Test
    void laterWorkersTakeTheWrapperModulesOfAnEarlierLoadAndAProbeCompilesItsOwn() throws InterruptedException {
        Limits limits = new Limits(TIMEOUT, TIMEOUT, Duration.ofSeconds(15));
        String program = """
                import js, sys
                print(sys.version_info[:2], js.eval("(() => { const b = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);"
                      " return new WebAssembly.Module(b) !== new WebAssembly.Module(b); })()"))
                from pyodide.ffi import create_proxy
                f = create_proxy(lambda x: x * 2)
                print(js.eval("(f) => [1, 2, 3].map((x) => f(x)).join(',')")(f))
                f.destroy()
                """;
        try (NodePool cached = NodePool.start(poolCommand(work.resolve("wrappers.bin"), "--warm", "1"), work, TIMEOUT);
             NodePool plain = NodePool.start(poolCommand(work.resolve("wrappers.bin"), "--warm", "1", "--no-wrapper-cache"),
                     work, TIMEOUT)) {
            assertThat(cached.readyInfo().path("wrapperCache").asBoolean()).as("%s", cached.readyInfo()).isTrue();
            assertThat(plain.readyInfo().path("wrapperCache").asBoolean()).isFalse();
            RawRun first = cached.run(program, limits);
            // Worker 2 started when worker 1 was handed over, after worker 1 had reported its modules.
            awaitPrepared(cached, 2);
            RawRun second = cached.run(program, limits);
            RawRun without = plain.run(program, limits);
            assertThat(second.exitCode()).as(second.stderr()).isZero();
            assertThat(second.stdout()).as(second.stderr()).isEqualTo(first.stdout()).isEqualTo(without.stdout())
                    .isEqualTo("(3, 14) True\n2,4,6\n");
            java.util.regex.Matcher hits = java.util.regex.Pattern.compile("(\\d+) wrapper modules compiled before")
                    .matcher(second.command());
            assertThat(hits.find()).as(second.command()).isTrue();
            assertThat(Integer.parseInt(hits.group(1))).as("the later load compiles none it was given").isGreaterThan(200);
            assertThat(without.command()).doesNotContain("wrapper modules");
        }
    }

    /**
     * An older Pyodide (0.25.1: no snapshot, a classic pyodide.asm.js that Node loads as CommonJS) runs from the code
     * cache too, compiled in CommonJS's wrapper, and its loads replay the pool's bytecode cache: the same output as its
     * own load (the modules, their files and code, zipimport, __main__, /tmp), on a fresh interpreter each time.
     */
    @Test
    void anOlderPyodidesClassicRuntimeScriptRunsFromTheCodeCacheAlike() {
        RuntimeImage older;
        try {
            older = new PyodideNpm("0.25.1", Layout.defaults().cache(), null).prepare(m -> { });
        } catch (SetupException e) {
            Assumptions.abort("no Pyodide 0.25.1 here: " + e.getMessage());
            return;
        }
        Limits limits = new Limits(TIMEOUT, TIMEOUT, Duration.ofSeconds(15));
        String program = """
                print(sorted(k for k in globals() if not k.startswith("__")))
                import os, sys, zipimport, marshal, hashlib
                marker = "/tmp/pywasm-older-marker"
                print(sorted(os.listdir("/tmp")))
                print(zipimport._compile_source.__module__, zipimport._compile_source.__qualname__,
                      sorted(vars(zipimport._compile_source)))
                modules = sorted((n, getattr(m, "__file__", None)) for n, m in list(sys.modules.items()))
                print(len(modules), modules, sys.path)
                # The code the modules run: what a fresh compile of their source makes, byte for byte.
                code = [marshal.dumps(f.__code__) for m in (sys.modules["asyncio.base_events"], sys.modules["pyodide.ffi"])
                        for f in vars(m).values() if hasattr(f, "__code__")]
                print(hashlib.sha256(b"".join(code)).hexdigest(), len(code))
                print(sys.version_info[:2], sorted(os.listdir("/")), os.path.exists(marker))
                open(marker, "w").close()
                """;
        List<String> command = List.of("node", work.resolve("node").resolve("pyodide-pool.js").toString(),
                older.root().toString(), "--warm", "1");
        List<String> withoutCache = new java.util.ArrayList<>(command);
        withoutCache.add("--no-code-cache");
        try (NodePool cached = NodePool.start(command, work, TIMEOUT);
             NodePool plain = NodePool.start(withoutCache, work, TIMEOUT)) {
            assertThat(cached.readyInfo().path("codeCache").asBoolean()).as("%s", cached.readyInfo()).isTrue();
            assertThat(cached.readyInfo().path("snapshot").asBoolean()).isFalse();
            RawRun first = cached.run(program, limits);
            RawRun second = cached.run(program, limits);
            RawRun without = plain.run(program, limits);
            assertThat(first.command()).contains("plain load, code cache").containsPattern("\\d{3} compilations from the bytecode cache");
            assertThat(without.command()).doesNotContain("code cache").doesNotContain("bytecode");
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).as(first.stderr()).isEqualTo(without.stdout()).contains("(3, 11)").endsWith("False\n")
                    .startsWith("['_pyodide_core']\n[]\nzipimport _compile_source []\n").contains("'/lib/python311.zip/asyncio/base_events.py'");
            assertThat(second.stdout()).as("a fresh file system each time").isEqualTo(first.stdout());
        }
    }

    @Test
    void workersRestoredAheadFromASnapshotThatDoesNotRestoreAreReplacedAndNoProbePaysForIt() throws Exception {
        // A copy of the runtime whose loadPyodide refuses snapshots (the pool still makes one): both workers restored
        // ahead fail, with the code cache and then without; the probes get plain loads, not their failures.
        Path root = java.nio.file.Files.createDirectories(work.resolve("no-restore"));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(image.root())) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.copy(f, root.resolve(f.getFileName().toString()));
            }
        }
        java.nio.file.Files.move(root.resolve("pyodide.js"), root.resolve("pyodide-real.js"));
        java.nio.file.Files.writeString(root.resolve("pyodide.js"), """
                // passes every option (createPyodideModule too) on, but refuses _loadSnapshot
                const real = require("./pyodide-real.js");
                module.exports = { ...real, loadPyodide: async (options) => {
                  if (options && options._loadSnapshot) throw new Error("this test runtime cannot restore snapshots");
                  return real.loadPyodide(options);
                } };
                """);
        List<String> command = List.of("node", work.resolve("node").resolve("pyodide-pool.js").toString(), root.toString(),
                "--warm", "2");
        Limits limits = new Limits(TIMEOUT, TIMEOUT, Duration.ofSeconds(15));
        try (NodePool pool = NodePool.start(command, work, TIMEOUT)) {
            assertThat(pool.readyInfo().path("snapshot").asBoolean()).as("%s", pool.readyInfo()).isTrue();
            for (int i = 0; i < 3; i++) {
                RawRun run = pool.run("print('ran')", limits);
                assertThat(run.stdout()).as(run.command() + "\n" + run.stderr()).isEqualTo("ran\n");
                assertThat(run.fresh()).isEqualTo(FreshRuntime.LOADED_FROM_SCRATCH);
            }
        }
    }

    @Test
    void aProbeThatGetsNoFreshRuntimeWithinItsStartUpLimitTimesOutAndThePoolGoesOn() {
        // No warm worker and no snapshot: every request waits for a worker loading Pyodide from scratch.
        List<String> command = List.of("node", work.resolve("node").resolve("pyodide-pool.js").toString(),
                image.root().toString(), "--warm", "0", "--no-snapshot");
        try (NodePool pool = NodePool.start(command, work, TIMEOUT)) {
            RawRun late = pool.run("print('never')", new Limits(Duration.ofMillis(1), TIMEOUT, Duration.ofSeconds(15)));
            assertThat(late.timedOut()).isTrue();
            assertThat(late.startupMillis()).isNull();
            assertThat(late.fresh()).isNull();
            assertThat(late.stderr()).contains("no fresh runtime within the start-up limit of 1 ms");
            assertThat(ProbeOutput.parse(late, "-").outcome()).isEqualTo(Outcome.TIMED_OUT);
            RawRun next = pool.run("print('next')", new Limits(TIMEOUT, TIMEOUT, Duration.ofSeconds(15)));
            assertThat(next.stdout()).isEqualTo("next\n");
            assertThat(next.fresh()).isEqualTo(FreshRuntime.LOADED_FROM_SCRATCH);
        }
    }

    @Test
    void aFreshProcessSaysWhenItHandsTheProgramOverAndTheProbesClockStartsThere() {
        HostSession process = NodeHost.detect(work.resolve("process"), new HostOptions()
                .setNodeIsolation(NodeHost.Isolation.PROCESS)).open(image);
        RawRun r = process.run(new ProbeProgram("p.py", "print('hi')\n"), TIMEOUT);
        assertThat(r.stdout()).as("the driver's start line is not output").isEqualTo("hi\n");
        assertThat(r.fresh()).isEqualTo(FreshRuntime.NEW_PROCESS);
        assertThat(r.startupMillis()).as("loading Pyodide").isPositive().isLessThanOrEqualTo(r.durationMillis());
        // Loading Pyodide takes seconds (tens on a loaded machine); the probe's limit is about the program
        // alone, whose exit also takes a moment under load, hence 3 s. (ProcessRunnerTest checks the clock's
        // hand-over deterministically.)
        RawRun quick = process.run(new ProbeProgram("q.py", "import time\ntime.sleep(0.2)\nprint('in time')\n"),
                new Limits(TIMEOUT, Duration.ofSeconds(3), Duration.ZERO));
        assertThat(quick.timedOut()).as(quick.stderr()).isFalse();
        assertThat(quick.stdout()).isEqualTo("in time\n");
    }

    @Test
    void aProbesOwnBugIsAProbeErrorAndAForgedLineIsNoObservation() {
        RawRun bugRun = session.run(BUGGY, TIMEOUT);
        Observation bug = ProbeOutput.parse(bugRun, BUGGY);
        assertThat(bug.outcome()).as(bugRun.stdout() + bugRun.stderr()).isEqualTo(Outcome.PROBE_ERROR);
        assertThat(bug.message()).contains("NameError").contains("buggy.py");
        RawRun forgedRun = session.run(FORGER, TIMEOUT);
        assertThat(ProbeOutput.parse(forgedRun, FORGER).message()).contains("forged");
    }
}
