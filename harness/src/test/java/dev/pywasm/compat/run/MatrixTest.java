package dev.pywasm.compat.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.runtime.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixTest {

    @TempDir
    Path cache;

    @Test
    void nightlySpansTheToolchainsEndingWithTheDefault() {
        assertThat(Matrix.parse(" Nightly ")).isEqualTo(Matrix.NIGHTLY);
        assertThat(Matrix.NIGHTLY.pyodideVersions()).containsExactly("0.23.4", "0.25.1", "0.26.4", "0.28.3", "314.0.7");
        assertThat(Matrix.NIGHTLY.pyodideVersions()).last().isEqualTo(PyodideNpm.DEFAULT_VERSION);
        assertThat(Matrix.NIGHTLY.cachedSourceTargets()).containsExactly("node");
        assertThatThrownBy(() -> Matrix.parse("weekly")).hasMessageContaining("unknown preset 'weekly'")
                .hasMessageContaining("nightly");
    }

    @Test
    void anUncachedSourceBuildIsLeftOutWithHowToBuildIt() {
        Layout layout = new Layout(cache, cache, cache, cache, cache.resolve("README.md"), cache);
        CheckOptions options = new CheckOptions().setMatrix(Matrix.NIGHTLY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Runtime> runtimes = Check.runtimes(layout, options, new PrintStream(out, true));
        assertThat(runtimes).extracting(Runtime::id).containsExactly("pyodide-0.23.4", "pyodide-0.25.1",
                "pyodide-0.26.4", "pyodide-0.28.3", "pyodide-314.0.7");
        assertThat(out.toString()).contains("Left out cpython-3.11-node")
                .contains("./pywasm-compat build --target node");
    }

    @Test
    void anExplicitSourceBuildIsNotLeftOut() {
        Layout layout = new Layout(cache, cache, cache, cache, cache.resolve("README.md"), cache);
        CheckOptions options = new CheckOptions().setMatrix(Matrix.NIGHTLY).setSourceTargets(List.of("node"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Runtime> runtimes = Check.runtimes(layout, options, new PrintStream(out, true));
        assertThat(runtimes).extracting(Runtime::id).endsWith("pyodide-314.0.7", "cpython-3.11-node");
        assertThat(out.toString()).doesNotContain("Left out");
    }
}
