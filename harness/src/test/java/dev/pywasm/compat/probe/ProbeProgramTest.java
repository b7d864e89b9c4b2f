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
        String program = new ProbeProgram("probes/t.py", source).program();
        RawRun r = ProcessRunner.run(List.of("python3", "-c", program), Duration.ofSeconds(30), null, null);
        return ProbeOutput.parse(r);
    }

    @Test
    void returnedValuesBecomeJson() {
        Observation o = observe("from pywasm_probe import probe\n@probe\ndef r():\n    return {'a': (1, 2), 'b': b'x'}\n");
        assertThat(o.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(o.value().toString()).isEqualTo("{\"a\":[1,2],\"b\":\"x\"}");
    }

    @Test
    void raisedCarriesErrnoAsNumberAndName() {
        Observation o = observe("import errno\nfrom pywasm_probe import probe\n@probe\ndef r():\n"
                + "    raise OSError(errno.ENOSYS, 'nope')\n");
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
    void tracebacksNameTheProbeFile() {
        String program = new ProbeProgram("probes/broken.py", "x = undefined_name\n").program();
        RawRun r = ProcessRunner.run(List.of("python3", "-c", program), Duration.ofSeconds(30), null, null);
        assertThat(r.stderr()).contains("probes/broken.py");
        assertThat(ProbeOutput.parse(r).outcome()).isEqualTo(Outcome.MALFORMED);
    }
}
