package dev.pywasm.compat.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.runtime.FakeNpm;
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
    @TempDir
    Path bin;

    @Test
    void nightlySpansTheToolchainsEndingWithTheLatest() {
        assertThat(Matrix.parse(" Nightly ")).isEqualTo(Matrix.NIGHTLY);
        assertThat(Matrix.NIGHTLY.pyodideVersions()).containsExactly("0.23.4", "0.25.1", "0.26.4", "0.28.3", "314.0.7",
                "latest");
        assertThat(Matrix.NIGHTLY.pyodideVersions()).contains(PyodideNpm.DEFAULT_VERSION);
        assertThat(Matrix.NIGHTLY.cachedSourceTargets()).containsExactly("node");
        assertThatThrownBy(() -> Matrix.parse("weekly")).hasMessageContaining("unknown preset 'weekly'")
                .hasMessageContaining("nightly");
    }

    @Test
    void anUncachedSourceBuildIsLeftOutWithHowToBuildIt() {
        Layout layout = new Layout(cache, cache, cache, cache, cache.resolve("README.md"), cache);
        CheckOptions options = new CheckOptions().setMatrix(Matrix.NIGHTLY)
                .setNpm(new FakeNpm(bin).answers("314.0.8", List.of("0.28.3", "314.0.7", "314.0.8")).path());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Runtime> runtimes = Check.runtimes(layout, options, new PrintStream(out, true));
        assertThat(runtimes).extracting(Runtime::id).containsExactly("pyodide-0.23.4", "pyodide-0.25.1",
                "pyodide-0.26.4", "pyodide-0.28.3", "pyodide-314.0.7", "pyodide-314.0.8");
        assertThat(runtimes.get(5).resolution()).startsWith("latest: npm's latest dist-tag at ");
        assertThat(runtimes.get(4).resolution()).isNull();
        assertThat(out.toString()).contains("Left out cpython-3.11-node")
                .contains("./pywasm-compat build --target node");
    }

    @Test
    void anExplicitSourceBuildIsNotLeftOut() {
        Layout layout = new Layout(cache, cache, cache, cache, cache.resolve("README.md"), cache);
        CheckOptions options = new CheckOptions().setMatrix(Matrix.NIGHTLY).setSourceTargets(List.of("node"))
                .setNpm(new FakeNpm(bin).answers("314.0.8", List.of("314.0.8")).path());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Runtime> runtimes = Check.runtimes(layout, options, new PrintStream(out, true));
        assertThat(runtimes).extracting(Runtime::id).endsWith("pyodide-314.0.8", "cpython-3.11-node");
        assertThat(out.toString()).doesNotContain("Left out");
    }

    @Test
    void aLatestThatIsAPinnedReleaseRunsOnceAndSaysItIsTheLatest() {
        Layout layout = new Layout(cache, cache, cache, cache, cache.resolve("README.md"), cache);
        CheckOptions options = new CheckOptions().setMatrix(Matrix.NIGHTLY)
                .setNpm(new FakeNpm(bin).answers("314.0.7", List.of("314.0.7")).path());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Runtime> runtimes = Check.runtimes(layout, options, new PrintStream(out, true));
        assertThat(runtimes).extracting(Runtime::id).containsExactly("pyodide-0.23.4", "pyodide-0.25.1",
                "pyodide-0.26.4", "pyodide-0.28.3", "pyodide-314.0.7");
        assertThat(runtimes.get(4).resolution()).startsWith("latest: ");
        assertThat(out.toString()).contains("latest is 314.0.7, which this run checks already; it runs once");
    }

    @Test
    void theDefaultRunIsTheLatestRelease() {
        Layout layout = new Layout(cache, cache, cache, cache, cache.resolve("README.md"), cache);
        CheckOptions options = new CheckOptions().setNpm(new FakeNpm(bin).answers("314.0.8", List.of("314.0.8")).path());
        assertThat(Check.runtimes(layout, options, new PrintStream(new ByteArrayOutputStream(), true)))
                .extracting(Runtime::id).containsExactly("pyodide-314.0.8");
    }
}
