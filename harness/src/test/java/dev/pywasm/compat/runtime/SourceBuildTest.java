package dev.pywasm.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceBuildTest {

    @TempDir
    Path dir;

    @Test
    void idsNameTheCpythonSeriesAndTarget() throws IOException {
        assertThat(new SourceBuild("node", dir, null, false).id()).isEqualTo("cpython-3.11-node");
        Path tree = Files.createDirectories(dir.resolve("cpython/Include"));
        Files.writeString(tree.resolve("patchlevel.h"), "#define PY_VERSION              \"3.12.1+\"\n");
        assertThat(new SourceBuild("browser", dir, dir.resolve("cpython"), false).id()).isEqualTo("cpython-3.12-browser");
        Path tarball = Files.writeString(dir.resolve("Python-3.13.0.tar.xz"), "");
        assertThat(new SourceBuild("node", dir, tarball, false).id()).isEqualTo("cpython-3.13-node");
    }

    @Test
    void badTargetsAndSourcesAreNamed() {
        assertThatThrownBy(() -> new SourceBuild("wasi", dir, null, false))
                .hasMessageContaining("--target").hasMessageContaining("wasi");
        assertThatThrownBy(() -> new SourceBuild("node", dir, dir.resolve("missing"), false))
                .isInstanceOf(SetupException.class).hasMessageContaining("--cpython-source").hasMessageContaining("missing");
    }

    @Test
    void theToolchainVersionIsReadFromEmcc() {
        assertThat(SourceBuild.emccVersion("apt says hi\nemcc (Emscripten gcc/clang-like replacement + linker "
                + "emulating GNU ld) 3.1.6 ()\nclang version 15")).isEqualTo("3.1.6");
        assertThatThrownBy(() -> SourceBuild.emccVersion("bash: emcc: command not found"))
                .isInstanceOf(SetupException.class).hasMessageContaining("command not found");
    }

    @Test
    void aFailedStepShowsTheLastLinesOfItsLog() throws IOException {
        Path log = dir.resolve("make.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log, text);
        assertThat(SourceBuild.tail(log, 3)).isEqualTo("line 98\nline 99\nline 100");
        assertThat(SourceBuild.tail(dir.resolve("none.log"), 3)).startsWith("(no log");
    }

    @Test
    void theStepsAreTheReadmesRecipe() {
        assertThat(new SourceBuild("node", dir, null, false).steps()).containsExactly("toolchain", "source", "zlib",
                "build-python", "configure (node)", "make (node)", "install (node)");
    }

    @Test
    void theBuildScriptIsNamedByItsTextAndNeverRewrittenInPlace() throws IOException {
        SourceBuild build = new SourceBuild("node", dir, null, false);
        Path script = build.extractScript();
        assertThat(script.getFileName().toString()).matches("cpython-wasm-build-[0-9a-f]{8}\\.sh");
        assertThat(script).content().contains("marker_of()");
        Object inode = Files.readAttributes(script, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(build.extractScript()).isEqualTo(script);
        assertThat(Files.readAttributes(script, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("the same file, not a rewrite (a running step reads it)").isEqualTo(inode);
        try (var files = Files.list(script.getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }
}
