package dev.pywasm.compat.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckHostsTest {

    @Test
    void aDefaultRunUsesTheFourDefaultHostsAndTheNativeControl() {
        assertThat(Check.hostIds(new CheckOptions()))
                .containsExactly("node", "chromium", "chromium-plain", "chromium-badmime", "native");
    }

    @Test
    void sourceBuildsAddTheCompilerHostButAMatrixsCachedOnesDoNot() {
        assertThat(Check.hostIds(new CheckOptions().setPyodideVersions(List.of()).setSourceTargets(List.of("node"))))
                .containsExactly("node", "chromium", "chromium-plain", "chromium-badmime", "emcc", "native");
        assertThat(Check.hostIds(new CheckOptions().setMatrix(Matrix.NIGHTLY))).doesNotContain("emcc");
    }

    @Test
    void theNightlyPresetRunsEveryEngineAndTheControlUnlessHostsAreNamed() {
        assertThat(Check.hostIds(new CheckOptions().setMatrix(Matrix.NIGHTLY)))
                .containsExactly("node", "chromium", "chromium-plain", "chromium-badmime", "firefox", "firefox-plain", "webkit", "deno",
                        "bun", "native");
        assertThat(Check.hostIds(new CheckOptions().setMatrix(Matrix.NIGHTLY).setHosts(List.of("node"))))
                .containsExactly("node");
        assertThat(Check.hostIds(new CheckOptions().setHosts(List.of("node")).setMatrix(Matrix.NIGHTLY)))
                .containsExactly("node");
    }

    @Test
    void namedHostsAreTakenAsTheyAre() {
        assertThat(Check.hostIds(new CheckOptions().setHosts(List.of("emcc", "node")))).containsExactly("emcc", "node");
    }
}
