package dev.pywasm.compat.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native control host on the machine's python3: the same probe programs, no wasm. */
class NativeHostTest {

    private static final RuntimeImage IMAGE = new RuntimeImage("pyodide-1", RuntimeKind.PYODIDE, "1", Path.of("."));

    @TempDir
    static Path work;
    static NativeHost host;

    @BeforeAll
    static void detect() {
        try {
            host = NativeHost.detect(null, work);
        } catch (SetupException e) {
            Assumptions.abort("no python3 here: " + e.getMessage());
        }
    }

    private static Observation observe(String source) {
        ProbeProgram program = new ProbeProgram("p.py", source);
        RawRun run = host.open(IMAGE).run(program, Duration.ofSeconds(30));
        return ProbeOutput.parse(run, program);
    }

    @Test
    void itIsTheControlAndRunsAProbeOnPlainCPythonInTheProbesTimeZone() {
        assertThat(host.id()).isEqualTo("native");
        assertThat(host.control()).isTrue();
        assertThat(host.readsRuntimeIdentity()).isFalse();
        assertThat(host.identity().version()).startsWith("CPython 3.");
        Observation o = observe("import sys, time\nfrom pywasm_probe import probe\n@probe\ndef p():\n"
                + "    return {'platform': sys.platform, 'tz': list(time.tzname)}\n");
        assertThat(o.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(o.value().path("platform").asText()).isNotEqualTo("emscripten");
        assertThat(o.value().path("tz").toString()).isEqualTo("[\"CET\",\"CEST\"]");
    }

    @Test
    void eachProbeHasATemporaryDirectoryOfItsOwnDeletedAfterwards() throws java.io.IOException {
        String source = "import os, tempfile\nfrom pywasm_probe import probe\n@probe\ndef p():\n"
                + "    seen = sorted(os.listdir(tempfile.gettempdir()))\n"
                + "    d = tempfile.mkdtemp()\n    open(os.path.join(d, 'left'), 'w').close()\n"
                + "    return {'tmp': tempfile.gettempdir(), 'seen': seen}\n";
        Observation first = observe(source);
        Observation second = observe(source);
        Path tmp = Path.of(first.value().path("tmp").asText());
        assertThat(tmp.toString()).as("the probe's TMPDIR").startsWith(work.toString());
        assertThat(tmp).as("the probe's TMPDIR, after it").doesNotExist();
        assertThat(second.value().path("tmp").asText()).isNotEqualTo(tmp.toString());
        assertThat(second.value().path("seen").size()).as("what the second probe saw of the first's files").isZero();
    }

    @Test
    void aProbesBugIsAProbeErrorAndAForgedLineAnErrorThereToo() {
        assertThat(observe("from pywasm_probe import probe\n@probe\ndef p():\n    return undefined_name\n").outcome())
                .isEqualTo(Outcome.PROBE_ERROR);
        assertThat(observe("print('PYWASM-OBSERVATION {\"outcome\": \"returned\"}')\n").outcome())
                .isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void anInterpreterThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> NativeHost.detect("/no/such/python3", work)).isInstanceOf(SetupException.class)
                .hasMessageContaining("--python").hasMessageContaining("/no/such/python3");
    }
}
