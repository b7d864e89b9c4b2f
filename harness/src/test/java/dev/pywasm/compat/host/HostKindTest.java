package dev.pywasm.compat.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class HostKindTest {

    @Test
    void everyHostHasOneRowFoundByItsId() {
        assertThat(HostKind.ids()).containsExactly("node", "chromium", "chromium-plain", "chromium-badmime", "emcc", "native");
        for (HostKind k : HostKind.values()) {
            assertThat(HostKind.of(k.id())).isSameAs(k);
        }
    }

    @Test
    void anUnknownHostNamesTheKnownOnes() {
        assertThatThrownBy(() -> HostKind.of("firefox")).isInstanceOf(SetupException.class)
                .hasMessage("--hosts: unknown host 'firefox' (known: node, chromium, chromium-plain, chromium-badmime, emcc, native)");
    }

    @Test
    void theCompilerHostJoinsTheDefaultsOnlyWhenSourceBuildsAreChecked() {
        assertThat(HostKind.defaults(EnumSet.of(RuntimeKind.PYODIDE)))
                .containsExactly("node", "chromium", "chromium-plain", "chromium-badmime", "native");
        assertThat(HostKind.defaults(EnumSet.of(RuntimeKind.CPYTHON_SOURCE)))
                .containsExactly("node", "chromium", "chromium-plain", "chromium-badmime", "emcc", "native");
        assertThat(HostKind.EMCC.runs(RuntimeKind.PYODIDE)).isFalse();
    }

    @Test
    void theNativeControlIsTheHostTheReportsShowAsTheControl() {
        assertThat(HostKind.NATIVE.id()).isEqualTo(dev.pywasm.compat.report.Text.CONTROL_HOST);
        assertThat(HostKind.NATIVE.runs(RuntimeKind.PYODIDE)).isTrue();
        assertThat(HostKind.NATIVE.runs(RuntimeKind.CPYTHON_SOURCE)).isTrue();
    }
}
