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
        assertThat(HostKind.ids()).containsExactly("node", "chromium", "chromium-plain", "chromium-badmime", "firefox", "firefox-plain", "webkit",
                "deno", "bun", "emcc", "native");
        for (HostKind k : HostKind.values()) {
            assertThat(HostKind.of(k.id())).isSameAs(k);
        }
    }

    @Test
    void anUnknownHostNamesTheKnownOnes() {
        assertThatThrownBy(() -> HostKind.of("safari")).isInstanceOf(SetupException.class)
                .hasMessage("--hosts: unknown host 'safari' (known: " + String.join(", ", HostKind.ids()) + ")");
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

    @Test
    void theNewEnginesAreNotDefaultsSoThatMvnVerifyStaysFast() {
        assertThat(HostKind.DENO.byDefault()).isFalse();
        assertThat(HostKind.BUN.byDefault()).isFalse();
        assertThat(HostKind.FIREFOX.byDefault()).isFalse();
        assertThat(HostKind.FIREFOX_PLAIN.byDefault()).isFalse();
        assertThat(HostKind.WEBKIT.byDefault()).isFalse();
    }

    @Test
    void allStandsForEveryHostRunningTheRunsRuntimesAndANamedHostRunsOnce() {
        assertThat(HostKind.expand(java.util.List.of("node", HostKind.ALL), EnumSet.of(RuntimeKind.PYODIDE)))
                .containsExactly("node", "chromium", "chromium-plain", "chromium-badmime", "firefox", "firefox-plain", "webkit", "deno",
                        "bun", "native");
        assertThat(HostKind.expand(java.util.List.of(HostKind.ALL), EnumSet.of(RuntimeKind.CPYTHON_SOURCE)))
                .contains("node", "emcc", "native").doesNotContain("deno", "bun");
    }
}
