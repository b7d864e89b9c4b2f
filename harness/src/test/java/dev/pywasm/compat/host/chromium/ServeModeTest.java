package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.host.HostKind;
import org.junit.jupiter.api.Test;

class ServeModeTest {

    @Test
    void everyModeIsAKnownHost() {
        for (ServeMode m : ServeMode.values()) {
            assertThat(HostKind.ids()).contains(m.hostId());
        }
    }

    @Test
    void theModesVaryOneThingEach() {
        assertThat(ServeMode.ISOLATED.isolated()).isTrue();
        assertThat(ServeMode.ISOLATED.correctMime()).isTrue();
        assertThat(ServeMode.PLAIN.isolated()).isFalse();
        assertThat(ServeMode.PLAIN.correctMime()).isTrue();
        assertThat(ServeMode.BADMIME.isolated()).isTrue();
        assertThat(ServeMode.BADMIME.correctMime()).isFalse();
    }

    @Test
    void harnessFilesAlwaysGetTheirRightType() {
        assertThat(ServeMode.BADMIME.contentType("probe-worker.js", false)).startsWith("text/javascript");
        assertThat(ServeMode.BADMIME.contentType("pyodide.asm.wasm", true)).isEqualTo("application/octet-stream");
    }
}
