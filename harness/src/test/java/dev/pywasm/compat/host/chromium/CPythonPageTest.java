package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CPythonPageTest {

    static final ProbeProgram PROGRAM = new ProbeProgram("network/x.py", "print('it''s')\n");

    @TempDir
    Path dir;

    private Path build(String... files) throws IOException {
        for (String f : files) {
            Files.writeString(dir.resolve(f), f);
        }
        return dir;
    }

    @Test
    void aBrowserBuildHasItsPageScriptWasmAndData() throws IOException {
        assertThat(CPythonPage.notABrowserBuild(build("python.html", "python.js", "python.wasm", "python.data",
                "python.worker.js"))).isEmpty();
    }

    @Test
    void theNodeTargetIsNotABrowserBuild() throws IOException {
        assertThat(CPythonPage.notABrowserBuild(build("python.js", "python.wasm")))
                .hasValueSatisfying(why -> assertThat(why).contains("node target").contains("no python.html"));
    }

    @Test
    void anIncompleteBrowserBuildSaysWhatIsMissing() throws IOException {
        assertThat(CPythonPage.notABrowserBuild(build("python.html", "python.js")))
                .hasValueSatisfying(why -> assertThat(why).contains("incomplete").contains("python.wasm, python.data"));
    }

    @Test
    void theRequestRunsTheProbeFileAsPythonsOnlyArgument() {
        Map<String, Object> req = CPythonPage.request("http://127.0.0.1:1/pyodide/", PROGRAM);
        assertThat(req).containsEntry("runtimeUrl", "http://127.0.0.1:1/pyodide/")
                .containsEntry("script", "python.js")
                .containsEntry("probePath", CPythonPage.PROBE_PATH)
                .containsEntry("arguments", List.of(CPythonPage.PROBE_PATH))
                .containsEntry("program", PROGRAM.program());
        assertThat(CPythonPage.PROBE_PATH).startsWith("/tmp/").endsWith(".py");
    }

    @Test
    void theRuntimeUrlMustBeADirectory() {
        assertThatThrownBy(() -> CPythonPage.request("http://127.0.0.1:1/pyodide", PROGRAM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end with '/'");
    }

    @Test
    void thePageScriptDefinesEveryModuleHookTheRunNeeds() throws IOException {
        String js;
        try (var in = CPythonPage.class.getResourceAsStream("cpython-page.js")) {
            js = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(js).contains("arguments: req.arguments", "FS.writeFile(req.probePath, req.program)",
                "locateFile:", "print:", "printErr:", "onExit:", "quit:", "onAbort:", "onRuntimeInitialized:",
                "PYWASM_PAGE_GLOBALS", "console.debug(\"" + CPythonPage.EVENT + "\"");
        assertThat(RuntimeServer.HARNESS_FILES).contains(CPythonPage.PAGE, "cpython-page.js");
    }

    @Test
    void anExitGivesItsStatusAndTheLinesInOrder() {
        CPythonPage.Events ev = new CPythonPage.Events();
        ev.on("prerun", 900);
        assertThat(ev.started()).isFalse();
        ev.on("started", 1200);
        ev.on("stdout", "a");
        ev.on("stderr", "warning");
        ev.on("stdout", ProbeOutput.OBSERVATION + "{\"outcome\":\"returned\",\"value\":1}");
        ev.on("end", Map.of("how", "exit", "status", 0, "ms", 1300));
        ev.on("end", Map.of("how", "fatal", "name", "Error", "message", "later"));
        assertThat(ev.started()).isTrue();
        assertThat(ev.ended()).isTrue();
        assertThat(ev.exitStatus()).isZero();
        assertThat(ev.died()).as("the first end wins").isFalse();
        assertThat(ev.protocolStdout()).containsExactly("a", ProbeOutput.OBSERVATION + "{\"outcome\":\"returned\",\"value\":1}");
        assertThat(ev.describe()).contains("preRun at 900 ms", "main() started at 1200 ms", "exited with status 0 at 1300 ms");
    }

    @Test
    void eventsArriveAsConsoleMessagesAndOtherMessagesStayConsoleLines() {
        CPythonPage.Events ev = new CPythonPage.Events();
        ev.onConsole("debug", CPythonPage.EVENT + "[\"stdout\",\"héllo \\\"quoted\\\"\"]");
        ev.onConsole("debug", CPythonPage.EVENT + "[\"end\",{\"how\":\"exit\",\"status\":4,\"ms\":7}]");
        ev.onConsole("error", "Failed to load resource");
        ev.onConsole("debug", CPythonPage.EVENT + "not json");
        assertThat(ev.stdout).containsExactly("héllo \"quoted\"");
        assertThat(ev.exitStatus()).isEqualTo(4);
        assertThat(ev.console.lines()).containsExactly("[console.error] Failed to load resource",
                "[console.debug] " + CPythonPage.EVENT + "not json");
    }

    @Test
    void aDeathIsAFatalLineTheProtocolReadsAsACrash() {
        CPythonPage.Events ev = new CPythonPage.Events();
        ev.on("started", 10);
        ev.on("stdout", "partial");
        ev.on("end", Map.of("how", "fatal", "name", "RangeError", "message", "Maximum call stack size exceeded"));
        assertThat(ev.exitStatus()).isNull();
        assertThat(ev.died()).isTrue();
        RawRun run = new RawRun("page", ev.exitStatus(), String.join("\n", ev.protocolStdout()) + "\n", "", false, 5);
        Observation o = ProbeOutput.parse(run, "-");
        assertThat(o.outcome()).isEqualTo(Outcome.CRASHED);
        assertThat(o.message()).contains("RangeError").contains("Maximum call stack size exceeded");
    }

    @Test
    void aPageCrashEndsTheRunAndUnknownEventsAreKeptAsConsoleLines() {
        CPythonPage.Events ev = new CPythonPage.Events();
        ev.on("surprise", "x");
        ev.died("PageCrashed", "the page's renderer crashed");
        assertThat(ev.started()).as("an end counts as started, so nobody waits for main()").isTrue();
        assertThat(ev.protocolStdout()).singleElement().asString().startsWith(ProbeOutput.FATAL).contains("PageCrashed");
        assertThat(ev.console.lines()).containsExactly("[page surprise] x");
        assertThat(ev.describe()).contains("did not reach preRun").contains("the runtime died: PageCrashed");
    }
}
