package dev.pywasm.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimeKindTest {

    @Test
    void everyKindIsFoundByTheNameResultsRecord() {
        for (RuntimeKind k : RuntimeKind.values()) {
            assertThat(RuntimeKind.of(k.wireName())).isSameAs(k);
        }
        assertThat(RuntimeKind.CPYTHON_SOURCE.wireName()).isEqualTo("cpython-source");
    }

    @Test
    void anUnknownKindNamesTheKnownOnes() {
        assertThatThrownBy(() -> RuntimeKind.of("wasi")).hasMessageContaining("'wasi'")
                .hasMessageContaining("pyodide, cpython-source");
    }
}
