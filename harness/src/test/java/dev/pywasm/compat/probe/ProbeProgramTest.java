package dev.pywasm.compat.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe helper's semantics, checked on the machine's own CPython (the same source runs inside
 * the wasm runtimes). Skipped where no python3 is installed.
 */
class ProbeProgramTest {

    @BeforeAll
    static void needsPython() {
        boolean present;
        try {
            RawRun r = ProcessRunner.run(List.of("python3", "--version"), Duration.ofSeconds(20), null, null);
            present = r.exitCode() != null && r.exitCode() == 0;
        } catch (RuntimeException e) {
            present = false;
        }
        assumeTrue(present, "python3 not installed");
    }

    private static Observation observe(String source) {
        ProbeProgram program = new ProbeProgram("probes/t.py", source);
        RawRun r = ProcessRunner.run(List.of("python3", "-c", program.program()), Duration.ofSeconds(30), null, null);
        return ProbeOutput.parse(r, program);
    }

    @Test
    void pauseLetsTimePassWithoutTimeSleepAndRunsSignalHandlers() {
        // time.sleep hangs on Emscripten before 3.1.8 (emscripten#16453): pause must never call it.
        Observation o = observe("import os, signal, time\nfrom pywasm_probe import pause, probe\n@probe\ndef r():\n"
                + "    time.sleep = None\n    fired = []\n"
                + "    signal.signal(signal.SIGUSR1, lambda s, f: fired.append(s))\n"
                + "    t = time.monotonic()\n    os.kill(os.getpid(), signal.SIGUSR1)\n    pause(0.2)\n"
                + "    return {'waited': time.monotonic() - t >= 0.2, 'handler_ran': bool(fired)}\n");
        assertThat(o.value().toString()).isEqualTo("{\"handler_ran\":true,\"waited\":true}");
    }

    @Test
    void emscriptenVersionComesFromEmscriptenInfoThenPlatformAndIsNoneOffEmscripten() {
        Observation o = observe("import sys, types, platform\nfrom pywasm_probe import emscripten_version, older_than, probe\n"
                + "@probe\ndef r():\n    native = emscripten_version()\n"
                + "    sys._emscripten_info = types.SimpleNamespace(emscripten_version=(3, 1, 6))\n"
                + "    info = emscripten_version()\n    del sys._emscripten_info\n"
                + "    platform.platform = lambda: 'Emscripten-3.1.58-wasm32-32bit'\n"
                + "    named = emscripten_version()\n"
                + "    return [native, info, named, older_than(info, '3.1.8'), older_than(named, '3.1.8')]\n");
        assertThat(o.value().toString()).isEqualTo("[null,\"3.1.6\",\"3.1.58\",true,false]");
    }

    @Test
    void returnedValuesBecomeJson() {
        Observation o = observe("from pywasm_probe import probe\n@probe\ndef r():\n    return {'a': (1, 2), 'b': b'x'}\n");
        assertThat(o.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(o.value().toString()).isEqualTo("{\"a\":[1,2],\"b\":\"x\"}");
    }

    @Test
    void raisedCarriesErrnoAsNumberAndName() {
        Observation o = observe("import errno\nfrom pywasm_probe import probe, under_test\n@probe\ndef r():\n"
                + "    with under_test('os.nope'):\n        raise OSError(errno.ENOSYS, 'nope')\n");
        assertThat(o.outcome()).isEqualTo(Outcome.RAISED);
        assertThat(o.exception()).isEqualTo("OSError");
        assertThat(o.errnoName()).isEqualTo("ENOSYS");
        assertThat(o.errno()).isNotNull();
    }

    @Test
    void missingModulesAndAttributesAreMissing() {
        assertThat(observe("from pywasm_probe import probe, api\n@probe\ndef r():\n    return api('os.no_such_call')()\n").what())
                .isEqualTo("os.no_such_call");
        assertThat(observe("from pywasm_probe import probe, module\n@probe\ndef r():\n    return module('no_such_mod')\n").what())
                .isEqualTo("no_such_mod");
    }

    @Test
    void skipReportsInapplicable() {
        Observation o = observe("from pywasm_probe import probe, skip\n@probe\ndef r():\n    skip('no threads here')\n");
        assertThat(o.outcome()).isEqualTo(Outcome.INAPPLICABLE);
        assertThat(o.what()).isEqualTo("no threads here");
    }

    @Test
    void theCallUnderTestIsNamedAndCallRaisesLikeAWithBlock() {
        Observation o = observe("import os\nfrom pywasm_probe import probe, call\n@probe\ndef r():\n"
                + "    return call('os.stat', os.stat, '/no/such/path')\n");
        assertThat(o.outcome()).isEqualTo(Outcome.RAISED);
        assertThat(o.exception()).isEqualTo("FileNotFoundError");
        assertThat(o.errnoName()).isEqualTo("ENOENT");
    }

    @Test
    void anExceptionOutsideTheCallUnderTestIsAProbeError() {
        Observation o = observe("import os\nfrom pywasm_probe import probe, under_test\n@probe\ndef r():\n"
                + "    with under_test('os.getcwd'):\n        os.getcwd()\n    return {}['missing key']\n");
        assertThat(o.outcome()).isEqualTo(Outcome.PROBE_ERROR);
        assertThat(o.message()).contains("outside every call under test").contains("KeyError").contains("probes/t.py");
    }

    @Test
    void aNameErrorIsAProbeErrorEvenInsideTheCallUnderTest() {
        Observation o = observe("from pywasm_probe import probe, under_test\n@probe\ndef r():\n"
                + "    with under_test('x'):\n        return undefined_name\n");
        assertThat(o.outcome()).isEqualTo(Outcome.PROBE_ERROR);
        assertThat(o.message()).contains("NameError").contains("Traceback");
    }

    @Test
    void misusingTheHelperIsAProbeError() {
        assertThat(observe("from pywasm_probe import probe, call\n@probe\ndef r():\n    return call('x', 42)\n").outcome())
                .isEqualTo(Outcome.PROBE_ERROR);
        assertThat(observe("from pywasm_probe import probe, api\n@probe\ndef r():\n    return api(None)\n").outcome())
                .isEqualTo(Outcome.PROBE_ERROR);
    }

    @Test
    void aSyntaxErrorOrTopLevelFailureIsAProbeError() {
        assertThat(observe("def broken(:\n").outcome()).isEqualTo(Outcome.PROBE_ERROR);
        Observation o = observe("import no_such_module_anywhere\n");
        assertThat(o.outcome()).isEqualTo(Outcome.PROBE_ERROR);
        assertThat(o.message()).contains("top level").contains("ModuleNotFoundError");
    }

    @Test
    void aForgedObservationLinePrintedByTheProbeIsAnErrorNotAnObservation() {
        Observation o = observe("print('PYWASM-OBSERVATION {\"outcome\": \"returned\", \"value\": 1}')\n"
                + "from pywasm_probe import probe\n@probe\ndef r():\n    return 2\n");
        assertThat(o.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(o.message()).contains("forged");
    }

    @Test
    void eachProgramHasAFreshTokenAndTheStableTextHasNone() {
        ProbeProgram a = new ProbeProgram("p.py", "x");
        ProbeProgram b = new ProbeProgram("p.py", "x");
        assertThat(a.token()).isNotEqualTo(b.token()).hasSize(32);
        assertThat(a.program()).contains(a.token());
        assertThat(a.stableProgram()).isEqualTo(b.stableProgram()).doesNotContain(a.token());
    }

    @Test
    void tracebacksNameTheProbeFile() {
        ProbeProgram program = new ProbeProgram("probes/broken.py", "x = undefined_name\n");
        RawRun r = ProcessRunner.run(List.of("python3", "-c", program.program()), Duration.ofSeconds(30), null, null);
        Observation o = ProbeOutput.parse(r, program);
        assertThat(o.outcome()).isEqualTo(Outcome.PROBE_ERROR);
        assertThat(o.message()).contains("probes/broken.py").contains("NameError");
    }
}
