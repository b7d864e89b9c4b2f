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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPython browser-build session in the real Chromium, on a stand-in python.js
 * ({@code fake-python.js}) that obeys one word instead of running Python: how runs end (exit,
 * crash, abort, hang), what the page hands the probe, the reload of {@code runTwice}. The real
 * build is {@link CPythonBrowserBuildTest}'s. Skipped when no Chromium is installed.
 */
class CPythonSessionTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static RuntimeImage image;
    static ChromiumHost isolated;
    static HostSession session;

    @BeforeAll
    static void fakeBuildAndBrowser() throws IOException {
        assumeTrue(ChromiumInstall.WELL_KNOWN.stream().anyMatch(Files::isExecutable)
                || System.getenv(ChromiumInstall.ENV) != null, "no Chromium installed");
        Path root = Files.createDirectories(dir.resolve("emscripten-browser"));
        try (InputStream in = CPythonSessionTest.class.getResourceAsStream("fake-python.js")) {
            Files.write(root.resolve("python.js"), in.readAllBytes());
        }
        for (String f : new String[] {"python.html", "python.wasm", "python.data", "python.worker.js"}) {
            Files.writeString(root.resolve(f), "not used by the fake");
        }
        image = new RuntimeImage("cpython-3.11-browser", RuntimeKind.CPYTHON_SOURCE, "3.11.2", root, "3.1.6");
        isolated = ChromiumHost.create(ServeMode.ISOLATED, worker(), attachments(), System.out);
        assertThat(isolated.cannotRun(image)).isEmpty();
        session = isolated.open(image);
        assertThat(session).isInstanceOf(CPythonSession.class);
    }

    @AfterAll
    static void close() throws InterruptedException {
        ChromiumHostTest.closeLeavingNoBrowserBehind(isolated);
    }

    private static Path attachments() {
        return dir.resolve("attachments");
    }

    /** The default hosting, probes in fresh Web Workers. */
    static HostOptions worker() {
        return new HostOptions().setChromiumIsolation(ChromiumHost.Isolation.WORKER);
    }

    private static ProbeProgram probe(String word) {
        return new ProbeProgram(word.toLowerCase() + ".py", "# " + word + "\n");
    }

    @Test
    void theNodeTargetIsNotRunInABrowser() throws IOException {
        Path node = Files.createDirectories(dir.resolve("emscripten-node"));
        Files.writeString(node.resolve("python.js"), "");
        RuntimeImage nodeBuild = new RuntimeImage("cpython-3.11-node", RuntimeKind.CPYTHON_SOURCE, "3.11.2", node, "3.1.6");
        assertThat(isolated.cannotRun(nodeBuild)).hasValueSatisfying(why -> assertThat(why).contains("node target"));
    }

    @Test
    void theProbeFileIsPythonsArgumentAndThePageHandsOverItsGlobals() {
        ProbeProgram observe = probe("OBSERVE");
        RawRun run = session.run(observe, TIMEOUT);
        Observation o = ProbeOutput.parse(run, observe);
        assertThat(o.outcome()).as(run.stdout() + run.stderr()).isEqualTo(Outcome.RETURNED);
        assertThat(o.value().path("argv").toString()).isEqualTo("[\"" + CPythonPage.PROBE_PATH + "\"]");
        assertThat(o.value().path("globals").path("crossOriginIsolated").asBoolean()).isTrue();
        assertThat(o.value().path("globals").path("SharedArrayBuffer").asBoolean()).isTrue();
        assertThat(o.value().path("wasm").asText()).endsWith("/pyodide/python.wasm");
        assertThat(run.stdout()).startsWith("some output first\n");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains("main() started at").contains("exited with status 0");
        assertThat(run.attachments()).isEmpty();
    }

    @Test
    void withoutIsolationHeadersThePageIsNotCrossOriginIsolated() {
        try (ChromiumHost plain = ChromiumHost.create(ServeMode.PLAIN, worker(), attachments(), System.out);
             HostSession s = plain.open(image)) {
            ProbeProgram observe = probe("OBSERVE");
            Observation o = ProbeOutput.parse(s.run(observe, TIMEOUT), observe);
            assertThat(o.value().path("globals").path("crossOriginIsolated").asBoolean()).isFalse();
            assertThat(o.value().path("globals").path("SharedArrayBuffer").asBoolean()).isFalse();
        }
    }

    @Test
    void anExitStatusIsTheRunsExitCode() {
        RawRun run = session.run(probe("EXIT 3"), TIMEOUT);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("exiting on purpose");
        assertThat(ProbeOutput.parse(run, "-").outcome()).isEqualTo(Outcome.CRASHED);
    }

    @Test
    void aRuntimeErrorOrAnAbortIsACrashWithItsMessage() {
        RawRun crash = session.run(probe("CRASH"), TIMEOUT);
        assertThat(crash.exitCode()).isNull();
        assertThat(crash.stdout()).contains("about to crash");
        assertThat(ProbeOutput.parse(crash, "-").summary()).isEqualTo("crashed: RuntimeError: unreachable");
        assertThat(crash.attachments()).as("screenshot and log").hasSize(2).allMatch(Files::isRegularFile);
        RawRun abort = session.run(probe("ABORT"), TIMEOUT);
        assertThat(ProbeOutput.parse(abort, "-").summary()).isEqualTo("crashed: RuntimeError: Aborted(Assertion failed: fake)");
        assertThat(abort.stderr()).contains("Emscripten abort(Assertion failed: fake)");
    }

    @Test
    void aPythonThatBlocksThePageTimesOutAndTheNextProbeRuns() {
        RawRun hung = session.run(probe("HANG"), Duration.ofSeconds(3));
        assertThat(hung.timedOut()).isTrue();
        assertThat(hung.stdout()).contains("hanging now");
        assertThat(hung.stderr()).contains("did not end within 3.0 s");
        assertThat(hung.attachments()).singleElement().asString().endsWith(".log");
        assertThat(ProbeOutput.parse(hung, "-").outcome()).isEqualTo(Outcome.TIMED_OUT);
        ProbeProgram observe = probe("OBSERVE");
        assertThat(ProbeOutput.parse(session.run(observe, TIMEOUT), observe).outcome()).isEqualTo(Outcome.RETURNED);
    }

    @Test
    void thousandsOfLinesFromABlockedPageAllArrive() {
        ProbeProgram flood = probe("FLOOD");
        RawRun run = session.run(flood, TIMEOUT);
        assertThat(ProbeOutput.parse(run, flood).value().path("lines").asInt()).isEqualTo(2000);
        assertThat(run.stdout().lines().filter(l -> l.startsWith("line ")).count()).isEqualTo(2000);
    }

    @Test
    void runTwiceReloadsThePageInTheSameContextAndEachRunIsANewContext() {
        ProbeProgram reloads = probe("RELOADS");
        RawRun twice = session.runTwice(reloads, TIMEOUT);
        assertThat(ProbeOutput.parse(twice, reloads).value().path("loads").asInt()).as(twice.stderr()).isEqualTo(2);
        assertThat(twice.stderr()).contains("after a page reload in the same context");
        ProbeProgram again = probe("RELOADS");
        assertThat(ProbeOutput.parse(session.run(again, TIMEOUT), again).value().path("loads").asInt())
                .as("a new context per probe: nothing stored by the previous one").isEqualTo(1);
    }
}
