package dev.pywasm.compat.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import org.junit.jupiter.api.Test;

class ProbeOutputTest {

    private static RawRun run(Integer exit, String stdout, String stderr) {
        return new RawRun("node driver.js", exit, stdout, stderr, false, 1200);
    }

    @Test
    void aRunEndedAtTheOutputLimitIsThatOutcomeWhateverItPrinted() {
        RawRun r = run(null, "PYWASM-OBSERVATION T {\"outcome\": \"returned\", \"value\": 1}\nflood\n", "")
                .withOutputLimit(4096);
        Observation o = ProbeOutput.parse(r, "T");
        assertThat(o.outcome()).isEqualTo(Outcome.OUTPUT_LIMIT);
        assertThat(o.message()).contains("more than 4096 bytes");
    }

    @Test
    void aRuntimeThatDiedAtTheOutputLimitCrashed() {
        RawRun r = run(null, "flood\nPYWASM-FATAL {\"kind\": \"fatal\", \"name\": \"NodePoolDied\", \"message\": \"oom\"}\n",
                "").withOutputLimit(4096);
        assertThat(ProbeOutput.parse(r, "T").outcome()).isEqualTo(Outcome.CRASHED);
    }

    @Test
    void readsTheObservationLineAmongOtherOutput() {
        Observation o = ProbeOutput.parse(run(0, "hello\nPYWASM-OBSERVATION T {\"outcome\": \"raised\", \"exception\": "
                + "\"OSError\", \"errno\": 52, \"errno_name\": \"ENOSYS\", \"message\": \"nope\"}\nbye\n", ""), "T");
        assertThat(o.outcome()).isEqualTo(Outcome.RAISED);
        assertThat(o.errno()).isEqualTo(52);
        assertThat(o.errnoName()).isEqualTo("ENOSYS");
        assertThat(o.summary()).isEqualTo("raised OSError [ENOSYS=52]: nope");
    }

    @Test
    void keepsReturnedValuesAsJson() {
        Observation o = ProbeOutput.parse(run(0, "PYWASM-OBSERVATION T {\"outcome\": \"returned\", \"value\": {\"a\": [1, 2]}}", ""), "T");
        assertThat(o.value().get("a").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void inapplicableCarriesItsReason() {
        Observation o = ProbeOutput.parse(run(0, "PYWASM-OBSERVATION T {\"outcome\": \"inapplicable\", \"reason\": \"no threads\"}", ""), "T");
        assertThat(o.outcome()).isEqualTo(Outcome.INAPPLICABLE);
        assertThat(o.what()).isEqualTo("no threads");
    }

    @Test
    void aHostsFatalLineParsesAsACrashWhateverItsMessageHolds() {
        String line = ProbeOutput.fatalLine("PageCrashed", "quote \" backslash \\ newline \n tab \t </script>");
        assertThat(line).startsWith(ProbeOutput.FATAL).doesNotContain("\n");
        Observation o = ProbeOutput.parse(run(null, "some output\n" + line + "\n", ""), "T");
        assertThat(o.outcome()).isEqualTo(Outcome.CRASHED);
        assertThat(o.message()).isEqualTo("PageCrashed: quote \" backslash \\ newline \n tab \t </script>");
    }

    @Test
    void fatalLineIsACrashOrAnExit() {
        assertThat(ProbeOutput.parse(run(70, "PYWASM-FATAL {\"kind\":\"fatal\",\"name\":\"RuntimeError\",\"message\":\"unreachable\"}", ""), "T")
                .outcome()).isEqualTo(Outcome.CRASHED);
        Observation exit = ProbeOutput.parse(run(70, "PYWASM-FATAL {\"kind\":\"exit\",\"name\":\"Exit\",\"message\":\"Program terminated with exit(143)\",\"status\":143}", ""), "T");
        assertThat(exit.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(exit.message()).contains("exit(143)");
    }

    @Test
    void deadProcessWithoutAnyLineIsACrashWithTheLastOutput() {
        Observation o = ProbeOutput.parse(run(7, "", "TypeError: Cannot read properties of undefined (reading 'stream')\n"), "T");
        assertThat(o.outcome()).isEqualTo(Outcome.CRASHED);
        assertThat(o.message()).contains("status 7").contains("reading 'stream'");
    }

    @Test
    void uncaughtPythonExceptionIsMalformed() {
        Observation o = ProbeOutput.parse(run(1, "", "Traceback (most recent call last):\n  File \"p.py\"\nNameError: name 'x' is not defined\n"), "T");
        assertThat(o.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(o.message()).contains("NameError");
    }

    @Test
    void garbageIsMalformedNeverSilentlyGreen() {
        assertThat(ProbeOutput.parse(run(0, "PYWASM-OBSERVATION T {not json", ""), "T").outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(ProbeOutput.parse(run(0, "PYWASM-OBSERVATION T {\"outcome\": \"great\"}", ""), "T").outcome())
                .isEqualTo(Outcome.MALFORMED);
        assertThat(ProbeOutput.parse(run(0, "PYWASM-OBSERVATION T {\"outcome\": \"crashed\"}", ""), "T").message())
                .contains("cannot report");
        assertThat(ProbeOutput.parse(run(0, "just chatter\n", ""), "T").message()).contains("last output: just chatter");
    }

    @Test
    void timeoutWins() {
        RawRun r = new RawRun("node", null, "PYWASM-OBSERVATION T {\"outcome\": \"returned\"}", "", true, 30000);
        assertThat(ProbeOutput.parse(r, "T").outcome()).isEqualTo(Outcome.TIMED_OUT);
    }

    @Test
    void anObservationLineWithoutTheRunsTokenIsAForgeryAndAnError() {
        String forged = "PYWASM-OBSERVATION {\"outcome\": \"returned\", \"value\": 1}";
        Observation o = ProbeOutput.parse(run(0, forged + "\n", ""), "T");
        assertThat(o.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(o.message()).contains("forged").contains(forged);
        Observation wrongToken = ProbeOutput.parse(run(0, "PYWASM-OBSERVATION T {\"outcome\": \"returned\"}\n"
                + "PYWASM-OBSERVATION U {\"outcome\": \"returned\"}\n", ""), "T");
        assertThat(wrongToken.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(ProbeOutput.parse(run(0, "PYWASM-OBSERVATION T {\"outcome\": \"returned\"}\n", ""), "U").message())
                .contains("forged");
    }

    @Test
    void aProbeErrorKeepsItsTracebackAsTheMessage() {
        Observation o = ProbeOutput.parse(run(0, "PYWASM-OBSERVATION T {\"outcome\": \"probe-error\", \"message\": "
                + "\"broken: NameError: x\", \"traceback\": \"Traceback ...\\nNameError: x\"}\n", ""), "T");
        assertThat(o.outcome()).isEqualTo(Outcome.PROBE_ERROR);
        assertThat(o.message()).startsWith("broken: NameError: x").contains("Traceback ...");
    }
}
