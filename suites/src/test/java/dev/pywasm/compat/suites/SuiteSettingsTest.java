package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.run.Layout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SuiteSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty("pywasm.hosts");
    }

    @Test
    void hostsAreTheRegistrysIdsAndAnUnknownOneNamesTheProperty() {
        System.setProperty("pywasm.hosts", "node, emcc");
        assertThat(SuiteSettings.fromSystemProperties(Layout.defaults()).hosts()).containsExactly("node", "emcc");
        System.setProperty("pywasm.hosts", "node,safari");
        assertThatThrownBy(() -> SuiteSettings.fromSystemProperties(Layout.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("-Dpywasm.hosts: unknown host 'safari' (known: node, chromium");
        System.setProperty("pywasm.hosts", "all");
        assertThat(SuiteSettings.fromSystemProperties(Layout.defaults()).hosts()).containsExactly("all");
    }

    @Test
    void withoutTheSettingARunUsesTheRegistrysDefaults() {
        assertThat(SuiteSettings.fromSystemProperties(Layout.defaults()).hosts()).isNull();
    }
}
