package dev.pywasm.compat.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.node.NodePoolSession;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.runtime.RuntimeImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deno and Bun on real Pyodide (installed from npm into the cache when missing): each probe gets a fresh
 * interpreter and file system from the snapshot, an exit costs only its probe, and the identity is the
 * engine's own. Runs with {@code -Pengines} ({@code pywasm.engine-tests}), not in the default build.
 */
class JsRuntimeHostTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    private static final String FRESH = """
            import os, sys
            from pywasm_probe import probe

            @probe
            def fresh():
                seen = os.path.exists("/tmp/left-behind") or "left_behind" in sys.modules
                open("/tmp/left-behind", "w").write("x")
                sys.modules["left_behind"] = sys
                return {"seen": seen}
            """;

    @ParameterizedTest(name = "{0} restores a fresh interpreter per probe and an exit costs only its probe")
    @ValueSource(strings = {"deno", "bun"})
    void eachProbeRunsOnAFreshRuntimeRestoredFromTheSnapshot(String id) {
        Assumptions.assumeTrue(Boolean.getBoolean("pywasm.engine-tests"), "run with -Pengines");
        JsEngine engine = id.equals("deno") ? JsEngine.DENO : JsEngine.BUN;
        Path cache = Layout.defaults().cache();
        RuntimeImage image = new PyodideNpm(PyodideNpm.DEFAULT_VERSION, cache, null).prepare(m -> { });
        JsRuntimeHost host = JsRuntimeHost.detect(engine, work, new HostOptions().setCache(cache), new PrintStream(System.err));
        assertThat(host.identity().version()).isEqualTo(engine.version());
        assertThat(host.identity().notes()).contains(id.equals("deno") ? "V8 " : "JavaScriptCore");
        try (NodePoolSession session = (NodePoolSession) host.open(image)) {
            for (int i = 0; i < 2; i++) {
                Observation o = observe(session, new ProbeProgram("fresh.py", FRESH), TIMEOUT);
                assertThat(o.outcome()).as(o.summary()).isEqualTo(Outcome.RETURNED);
                assertThat(o.value().path("seen").asBoolean()).isFalse();
            }
            ProbeProgram exitProgram = new ProbeProgram("exit.py", "import os\nos._exit(3)\n");
            RawRun exit = session.run(exitProgram, TIMEOUT);
            // Deno reports Emscripten's exit as Node does (EXITED); under Bun the worker just ends with the
            // status, no ExitStatus reaches the script (measured with Bun 1.4.4), so it reads as CRASHED.
            Observation exited = ProbeOutput.parse(exit, exitProgram);
            assertThat(exited.summary()).contains("3");
            assertThat(exited.outcome()).isEqualTo(id.equals("deno") ? Outcome.EXITED : Outcome.CRASHED);
            assertThat(observe(session, new ProbeProgram("fresh.py", FRESH), TIMEOUT).value()
                    .path("seen").asBoolean()).isFalse();
            assertThat(session.note()).hasValueSatisfying(n -> assertThat(n).contains("restoring a memory snapshot"));
            assertThat(session.poolsStarted()).isEqualTo(1);
        }
    }

    /** The observation of one run of {@code program} (only lines with its token count). */
    private static Observation observe(dev.pywasm.compat.host.HostSession session, ProbeProgram program, java.time.Duration timeout) {
        return ProbeOutput.parse(session.run(program, timeout), program);
    }
}
