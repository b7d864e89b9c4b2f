package dev.pywasm.compat.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.RuntimeIdentity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void numbersNotText() {
        List<String> versions = new ArrayList<>(List.of("5.0.3", "3.1.58", "unknown", "4.0.9", "3.1.6", "3.1.58.1"));
        versions.sort(VersionOrder.VERSIONS);
        assertThat(versions).containsExactly("3.1.6", "3.1.58", "3.1.58.1", "4.0.9", "5.0.3", "unknown");
    }

    @Test
    void runtimesByEmscriptenThenVersionUnknownLast() {
        List<RuntimeIdentity> rts = new ArrayList<>(List.of(
                new RuntimeIdentity("pyodide-314.0.7", "pyodide", "314.0.7", null, "5.0.3", null),
                new RuntimeIdentity("mystery", null, null, null, null, null),
                new RuntimeIdentity("cpython-node", "cpython-source", "3.11.2", null, "3.1.6", null),
                new RuntimeIdentity("pyodide-0.27.7", "pyodide", "0.27.7", null, "3.1.58", null)));
        rts.sort(VersionOrder.BY_EMSCRIPTEN);
        assertThat(rts).extracting(RuntimeIdentity::id)
                .containsExactly("cpython-node", "pyodide-0.27.7", "pyodide-314.0.7", "mystery");
    }
}
