package dev.pywasm.compat.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.EngineDifference.Seen;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineDifferenceTest {

    private static Seen seen(String claim, String host, Verdict v) {
        return new Seen(claim, host, "pyodide-314.0.8", v);
    }

    @Test
    void aClaimWhoseVerdictDependsOnTheEngineIsOneLineNamingEachVerdictsEngines() {
        List<EngineDifference> d = EngineDifference.of(List.of(
                seen("fs.large-files", "node", Verdict.HOLDS), seen("fs.large-files", "chromium", Verdict.STALE),
                seen("fs.large-files", "webkit", Verdict.HOLDS), seen("fs.large-files", "firefox", Verdict.STALE),
                seen("misc.ctypes", "node", Verdict.STALE), seen("misc.ctypes", "webkit", Verdict.STALE)));
        assertThat(d).extracting(EngineDifference::line).containsExactly(
                "fs.large-files @ pyodide-314.0.8: HOLDS on node, webkit; STALE on chromium, firefox");
    }

    @Test
    void servingModesTheControlTheCompilerAndSkippedCellsAreNotEngines() {
        // The hosting claims differ between serving modes by design; the control runs no wasm at all.
        assertThat(EngineDifference.of(List.of(
                seen("hosting.server-headers", "chromium", Verdict.HOLDS),
                seen("hosting.server-headers", "chromium-plain", Verdict.STALE),
                seen("fs.umask", "node", Verdict.HOLDS), seen("fs.umask", "native", Verdict.STALE),
                seen("fs.umask", "emcc", Verdict.STALE),
                seen("signals.keyboard-interrupt", "node", Verdict.HOLDS),
                seen("signals.keyboard-interrupt", "chromium", Verdict.SKIPPED)))).isEmpty();
        assertThat(EngineDifference.engine("firefox-plain")).isEqualTo("firefox");
        assertThat(EngineDifference.engine("native")).isNull();
    }

    @Test
    void hostsServedTheSameOtherWayAreComparedWithEachOther() {
        assertThat(EngineDifference.of(List.of(
                seen("hosting.sab-needs-isolation", "chromium-plain", Verdict.HOLDS),
                seen("hosting.sab-needs-isolation", "firefox-plain", Verdict.STALE))))
                .extracting(EngineDifference::line).containsExactly(
                        "hosting.sab-needs-isolation @ pyodide-314.0.8 (served plain): HOLDS on chromium-plain; STALE on firefox-plain");
    }
}
