package dev.pywasm.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --emsdk}: another Emscripten keys another source build, side by side with the first. */
class ToolchainTest {

    @TempDir
    Path dir;

    /** An emsdk whose emcc says it is {@code version}. */
    private Path emsdk(String name, String version) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("upstream/emscripten"));
        Path emcc = bin.resolve("emcc");
        Files.writeString(emcc, "#!/bin/sh\necho 'emcc (Emscripten gcc/clang-like replacement + linker emulating GNU ld) "
                + version + " (0123456789abcdef)'\n");
        Files.setPosixFilePermissions(emcc, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve(name);
    }

    @Test
    void twoToolchainsKeyTwoBuildsOfTheSameCPython() throws IOException, InterruptedException {
        Path cache = dir.resolve("cache");
        Toolchain a = Toolchain.of(emsdk("emsdk-a", "3.1.58"), "--emsdk");
        Toolchain b = Toolchain.of(emsdk("emsdk-b", "4.0.9"), "--emsdk");
        SourceBuild onA = new SourceBuild("node", cache, null, false, a);
        SourceBuild onB = new SourceBuild("node", cache, null, false, b);
        assertThat(onA.workDir("3.1.58")).isNotEqualTo(onB.workDir("4.0.9"));
        BuildScript.extract(dir.resolve("build.sh")).finished(onA.workDir("3.1.58"), "node");
        assertThat(onA.cached()).as("built with 3.1.58").isTrue();
        assertThat(onB.cached()).as("the 4.0.9 build is another build").isFalse();
        assertThat(onA.id()).isEqualTo(onB.id()).as("same runtime id: results of the two diff by claim and host");
    }

    @Test
    void theToolchainGoesFirstOnThePathOfTheBuildSteps() throws IOException {
        Toolchain t = Toolchain.of(emsdk("emsdk", "4.0.9"), "--emsdk");
        assertThat(t.emcc()).isEqualTo(dir.resolve("emsdk/upstream/emscripten/emcc").toString());
        assertThat(t.environment().get("PATH")).startsWith(dir.resolve("emsdk/upstream/emscripten") + ":" + dir.resolve("emsdk"));
        assertThat(t.environment()).containsEntry("EMSDK", dir.resolve("emsdk").toString());
        assertThat(Toolchain.PATH.environment()).isEmpty();
        assertThat(Toolchain.PATH.emcc()).isEqualTo("emcc");
    }

    @Test
    void aDirectoryWithoutEmccSaysWhatToGive() {
        assertThatThrownBy(() -> Toolchain.of(dir, "--emsdk")).isInstanceOf(SetupException.class)
                .hasMessageStartingWith("--emsdk " + dir + ": no emcc in " + dir.resolve("upstream/emscripten"))
                .hasMessageContaining("./emsdk activate");
    }
}
