package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launches the real Chromium and runs probes on the real Pyodide. Skipped when no Pyodide
 * distribution is cached (a {@code ./pywasm-compat run} caches one) or no Chromium is installed.
 */
class ChromiumHostTest {

    static final ProbeProgram ISOLATED = new ProbeProgram("t.py",
            "from pywasm_probe import probe\n@probe\ndef r():\n    import js\n    return bool(js.crossOriginIsolated)\n");
    static final ProbeProgram HANG = new ProbeProgram("hang.py", "while True: pass\n");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A probe with a deliberate bug, and one that forges its observation line: never HOLDS or STALE. */
    static final ProbeProgram BUGGY = new ProbeProgram("buggy.py", "from pywasm_probe import probe, under_test\n"
            + "@probe\ndef buggy():\n    with under_test('len'):\n        len([])\n    return undefined_helper()\n");
    static final ProbeProgram FORGER = new ProbeProgram("forger.py", "print('PYWASM-OBSERVATION {\"outcome\": "
            + "\"returned\", \"value\": 1}')\nraise SystemExit(0)\n");

    static RuntimeImage image;
    @TempDir
    static Path out;
    /** One cross-origin isolated host and session for all tests: a browser launch and a snapshot cost seconds. */
    static ChromiumHost isolated;
    static ChromiumSession session;
    /** The Chromium profile directories in the temporary directory before this class started. */
    static Set<Path> profilesBefore;

    @BeforeAll
    static void findRuntime() {
        Path home = Path.of(System.getProperty("user.home"));
        Path found = Stream.of(
                        home.resolve(".cache/pywasm-compat/pyodide/314.0.7/node_modules/pyodide"),
                        Path.of("/tmp/pyo/314.0.7/node_modules/pyodide"))
                .filter(p -> Files.isRegularFile(p.resolve("pyodide.js")))
                .findFirst().orElse(null);
        assumeTrue(found != null, "no cached Pyodide 314.0.7; run ./pywasm-compat run once");
        assumeTrue(ChromiumInstall.WELL_KNOWN.stream().anyMatch(Files::isExecutable)
                || System.getenv(ChromiumInstall.ENV) != null, "no Chromium installed");
        image = new RuntimeImage("pyodide-314.0.7", RuntimeKind.PYODIDE, "314.0.7", found);
        profilesBefore = profiles();
        isolated = ChromiumHost.create(ServeMode.ISOLATED, worker(), attachments(out), System.out);
        session = (ChromiumSession) isolated.oursSession(image);
    }

    @AfterAll
    static void closeAndLeaveNoBrowserBehind() throws InterruptedException {
        closeLeavingNoBrowserBehind(isolated);
        if (profilesBefore != null) {
            assertThat(newProfiles()).as("the lanes' profile directories are deleted with them").isEmpty();
        }
    }

    /** The lanes' on-disk profiles (BrowserLane.open) in the temporary directory. */
    static Set<Path> profiles() {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("pywasm-chromium-profile-"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Path> newProfiles() {
        Set<Path> now = new HashSet<>(profiles());
        now.removeAll(profilesBefore);
        return now;
    }

    /**
     * A fast lane on a launched Chromium keeps an on-disk profile (so Chromium keeps the code cache of Pyodide's runtime
     * JavaScript for each new worker); deleted when the lane closes (checked after all tests).
     */
    @Test
    void aFastLaneHasAnOnDiskProfileOfItsOwn() {
        assertThat(observe(session, ISOLATED).outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(newProfiles()).as("the lane's profile directory").isNotEmpty()
                .allSatisfy(p -> assertThat(p.resolve("Default")).isDirectory());
    }

    /** Closes {@code host} (when there is one) and checks that no browser process of this JVM outlives it. */
    static void closeLeavingNoBrowserBehind(ChromiumHost host) throws InterruptedException {
        if (host == null) {
            return;
        }
        host.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!browsers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(browsers()).as("browser processes left behind").isEmpty();
    }

    private static Observation observe(HostSession session, ProbeProgram program) {
        RawRun run = session.run(program, TIMEOUT);
        System.out.println(run.stdout() + run.stderr());
        return ProbeOutput.parse(run, program);
    }

    @Test
    void crossOriginIsolatedOnlyWithCoopAndCoep() {
        try (ChromiumHost plain = ChromiumHost.create(ServeMode.PLAIN, worker(), attachments(out), System.out)) {
            assertThat(isolated.identity().version()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            Observation yes = observe(session, ISOLATED);
            Observation no = observe(plain.open(image), ISOLATED);
            assertThat(yes.outcome()).isEqualTo(Outcome.RETURNED);
            assertThat(yes.value().asBoolean()).isTrue();
            assertThat(no.outcome()).isEqualTo(Outcome.RETURNED);
            assertThat(no.value().asBoolean()).isFalse();
        }
    }

    @Test
    void aHangTimesOutAndCostsOnlyItsProbe() throws Exception {
        RawRun hung = session.run(HANG, Duration.ofSeconds(5));
        assertThat(hung.timedOut()).isTrue();
        assertThat(ProbeOutput.parse(hung, "-").outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(hung.stderr()).contains("screenshot").contains(".log");
        assertThat(hung.attachments()).as("kept files").anyMatch(f -> f.toString().endsWith(".png")).allMatch(Files::isRegularFile);
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.endsWith(".png")).anyMatch(n -> n.endsWith(".log"));
        }
        // The same session still answers: the hang cost only its probe.
        assertThat(observe(session, ISOLATED).value().asBoolean()).isTrue();
        assertThat(browsers()).isNotEmpty();
    }

    @Test
    void twoThreadsRunAtOnceEachOnAFreshRuntime() {
        ProbeProgram counter = new ProbeProgram("fresh.py", "from pywasm_probe import probe\n@probe\ndef r():\n"
                + "    import os, builtins\n    seen = os.path.exists('/tmp/marker') or hasattr(builtins, 'pywasm_marker')\n"
                + "    open('/tmp/marker', 'w').write('x')\n    builtins.pywasm_marker = 1\n    return seen\n");
        List<CompletableFuture<Observation>> runs = Stream.of(1, 2)
                .map(i -> CompletableFuture.supplyAsync(() -> observe(session, counter)))
                .toList();
        for (CompletableFuture<Observation> r : runs) {
            Observation o = r.join();
            assertThat(o.outcome()).isEqualTo(Outcome.RETURNED);
            assertThat(o.value().asBoolean()).as("state leaked from an earlier probe").isFalse();
        }
        // The next probe in a used lane restores the snapshot in a fresh worker: nothing leaks either.
        RawRun again = session.run(counter, TIMEOUT);
        assertThat(ProbeOutput.parse(again, counter).value().asBoolean()).as("state leaked into the next worker").isFalse();
        assertThat(again.stderr()).contains("restored from the memory snapshot");
        var floor = isolated.floor(image, session, 2);
        assertThat(floor.restore()).as("snapshot restores, for the benchmark").hasSize(2).allMatch(ms -> ms > 0);
        assertThat(floor.floor()).as("instantiate + copy heap in a worker (%s)", floor.floorNote()).hasSize(2)
                .allMatch(ms -> ms > 0);
        // After a reload in the same context, MEMFS is fresh too.
        assertThat(ProbeOutput.parse(session.runTwice(counter, TIMEOUT), counter).value().asBoolean()).isFalse();
    }

    @Test
    void aWorkerRestoredAheadServesOneProbeAndSeesNothingOfTheProbesBefore() throws InterruptedException {
        // Leaves a file, a builtin, a global of its worker's realm and an IndexedDB database behind.
        ProbeProgram leave = new ProbeProgram("leave.py", "from pywasm_probe import probe\n@probe\ndef r():\n"
                + "    import os, builtins, js\n"
                + "    seen = [os.path.exists('/tmp/marker'), hasattr(builtins, 'pywasm_marker'),"
                + " bool(js.eval('typeof self.pywasmLeak !== \"undefined\"'))]\n"
                + "    open('/tmp/marker', 'w').write('x')\n    builtins.pywasm_marker = 1\n"
                + "    js.eval('self.pywasmLeak = 1; indexedDB.open(\"pywasm-leak\")')\n    return seen\n");
        ChromiumHost ahead = ChromiumHost.create(ServeMode.ISOLATED, worker().setWarmWorkers(2), attachments(out), System.out);
        try {
            HostSession s = ahead.oursSession(image);
            // The first probe's page prepares the snapshot and starts two workers restoring; the first probe takes
            // one, the second probe the other, which was restored before the first probe ran; the third was
            // restored while they ran.
            for (int i = 0; i < 3; i++) {
                RawRun run = s.run(leave, TIMEOUT);
                Observation o = ProbeOutput.parse(run, leave);
                assertThat(o.outcome()).as(run.stdout() + run.stderr()).isEqualTo(Outcome.RETURNED);
                assertThat(o.value().toString()).as("probe %d saw state of an earlier probe", i + 1)
                        .isEqualTo("[false,false,false]");
                if (i > 0) {
                    assertThat(run.stderr()).as("probe %d", i + 1).contains("in a worker started before the probe");
                }
            }
        } finally {
            ahead.close();
        }
    }

    /**
     * The bytes the page hands every worker (the snapshot and the runtime's data files, in SharedArrayBuffers in a
     * cross-origin isolated page) are copied into each runtime: a probe that overwrites its standard library's zip
     * leaves the next probe's intact, and its runtime holds no reference to the snapshot it was restored from.
     */
    @Test
    void thePagesSharedBytesReachNoRuntimeOnlyTheirCopies() {
        ProbeProgram spoil = new ProbeProgram("spoil.py", "from pywasm_probe import probe\n@probe\ndef r():\n"
                + "    import hashlib, sys, pyodide_js\n"
                + "    zip = [p for p in sys.path if p.endswith('.zip')][0]\n"
                + "    digest = hashlib.sha256(open(zip, 'rb').read()).hexdigest()\n"
                + "    with open(zip, 'r+b') as f:\n        f.write(b'spoiled' * 1000)\n"
                + "    config = pyodide_js._api.config\n"
                + "    import js\n"
                + "    shared = js.eval('Object.values(self).some((v) => v instanceof SharedArrayBuffer"
                + " || (ArrayBuffer.isView(v) && v.buffer instanceof SharedArrayBuffer))')\n"
                + "    return [digest, str(config._loadSnapshot), bool(shared)]\n");
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawRun run = session.run(spoil, TIMEOUT);
            Observation o = ProbeOutput.parse(run, spoil);
            assertThat(o.outcome()).as(run.stdout() + run.stderr()).isEqualTo(Outcome.RETURNED);
            assertThat(run.stderr()).as("the page's bytes, shared with the worker")
                    .contains("served by the page from its shared memory");
            assertThat(o.value().get(1).asText()).as("the snapshot, after the restore (undefined)").isEqualTo("None");
            assertThat(o.value().get(2).asBoolean()).as("a shared buffer on the worker's global").isFalse();
            seen.add(o.value().get(0).asText());
        }
        assertThat(seen).as("the standard library's digest, probe by probe, each after the one before spoiled its own")
                .containsOnly(seen.get(0));
    }

    /**
     * An older Pyodide (0.25.1: no snapshot) loads from scratch in each fresh worker replaying the page's bytecode cache,
     * and is the runtime a plain load in a fresh page makes: the same modules, files and code, zipimport, __main__ and
     * /tmp (the Node pool's loads are checked alike in NodePoolPyodideTest).
     */
    @Test
    void anOlderPyodidesLoadsReplayingTheBytecodeCacheGiveTheRuntimeAPlainLoadGives() {
        RuntimeImage older;
        try {
            older = new dev.pywasm.compat.runtime.PyodideNpm("0.25.1", dev.pywasm.compat.run.Layout.defaults().cache(), null)
                    .prepare(m -> { });
        } catch (dev.pywasm.compat.runtime.SetupException e) {
            org.junit.jupiter.api.Assumptions.abort("no Pyodide 0.25.1 here: " + e.getMessage());
            return;
        }
        ProbeProgram state = new ProbeProgram("state.py", """
                print(sorted(k for k in globals() if not k.startswith("__")))
                import os, sys, zipimport, marshal, hashlib
                print(sorted(os.listdir("/tmp")), zipimport._compile_source.__module__, sorted(vars(zipimport._compile_source)))
                print(sorted((n, getattr(m, "__file__", None)) for n, m in list(sys.modules.items())), sys.path)
                code = [marshal.dumps(f.__code__) for m in (sys.modules["asyncio.base_events"], sys.modules["pyodide.ffi"])
                        for f in vars(m).values() if hasattr(f, "__code__")]
                print(hashlib.sha256(b"".join(code)).hexdigest(), len(code))
                """);
        HostSession fast = isolated.oursSession(older);
        RawRun first = fast.run(state, TIMEOUT);
        RawRun second = fast.run(state, TIMEOUT);
        RawRun plain = isolated.naiveSession(older).run(state, TIMEOUT);
        assertThat(first.stderr()).containsPattern("\\d{3} compilations from the page's bytecode cache");
        assertThat(plain.stderr()).doesNotContain("bytecode");
        assertThat(first.stdout()).as(first.stderr()).isEqualTo(plain.stdout()).isEqualTo(second.stdout())
                .startsWith("[]\n[] zipimport []\n").contains("'/lib/python311.zip/asyncio/base_events.py'");
    }

    /**
     * Emscripten's wrapper modules (addFunction's tiny modules, see wrapper-modules.js) are compiled by an earlier
     * worker's load and taken by a later worker's load; a probe's WebAssembly.Module is the engine's own again (two
     * compilations of the same bytes are two modules), and what it prints is what a plain load in a fresh page prints
     * (the Node pool is checked alike in NodePoolPyodideTest).
     */
    @Test
    void laterWorkersTakeTheWrapperModulesOfAnEarlierLoadAndAProbeCompilesItsOwn() {
        ProbeProgram program = new ProbeProgram("wrappers.py", """
                import js, sys
                print(sys.version_info[:2], js.eval("(() => { const b = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);"
                      " return new WebAssembly.Module(b) !== new WebAssembly.Module(b); })()"))
                from pyodide.ffi import create_proxy
                f = create_proxy(lambda x: x * 2)
                print(js.eval("(f) => [1, 2, 3].map((x) => f(x)).join(',')")(f))
                f.destroy()
                """);
        List<RawRun> runs = new java.util.ArrayList<>();
        // The fourth probe's worker started when the second probe began, after the first probe's worker had loaded and
        // reported its modules (the two restored ahead of the first may have started before any load was done).
        for (int i = 0; i < 4; i++) {
            runs.add(session.run(program, TIMEOUT));
        }
        RawRun plain = isolated.naiveSession(image).run(program, TIMEOUT);
        assertThat(plain.stdout()).as(plain.stderr()).isEqualTo("(3, 14) True\n2,4,6\n");
        assertThat(plain.stderr()).doesNotContain("wrapper modules");
        for (RawRun run : runs) {
            assertThat(run.stdout()).as(run.stderr()).isEqualTo(plain.stdout());
        }
        java.util.regex.Matcher hits = java.util.regex.Pattern.compile("(\\d+) wrapper modules compiled before")
                .matcher(runs.get(3).stderr());
        assertThat(hits.find()).as(runs.get(3).stderr()).isTrue();
        assertThat(Integer.parseInt(hits.group(1))).as("the later load compiles none it was given").isGreaterThan(200);
    }

    private static Path attachments(Path out) {
        return out.resolve("attachments");
    }

    /** The default hosting, probes in fresh Web Workers. */
    static HostOptions worker() {
        return new HostOptions().setChromiumIsolation(ChromiumHost.Isolation.WORKER);
    }

    /** Chromium processes started (indirectly, via the Playwright driver) by this JVM. */
    static List<ProcessHandle> browsers() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .toList();
    }

    @Test
    void aProbesOwnBugIsAProbeErrorAndAForgedLineIsNoObservation() {
        Observation bug = observe(session, BUGGY);
        assertThat(bug.outcome()).isEqualTo(Outcome.PROBE_ERROR);
        assertThat(bug.message()).contains("NameError").contains("buggy.py");
        Observation forged = observe(session, FORGER);
        assertThat(forged.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(forged.message()).contains("forged");
    }
}
