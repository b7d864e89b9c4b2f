package dev.pywasm.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SourceBuild#cached()} on the cache layout the build script itself says a finished build
 * leaves (its {@code layout} step), and real steps of that script writing what it says. Nothing is
 * compiled and no {@code emcc} is needed: the Emscripten version only names the directory.
 */
class SourceBuildCacheTest {

    private static final String EMCC = "3.1.6";

    @TempDir
    Path cache;
    /** Beside the cache, not in it (the script and a source tree), and deleted afterwards like it. */
    @TempDir
    Path beside;
    private BuildScript script;

    @BeforeEach
    void extractTheScript() throws IOException {
        script = BuildScript.extract(beside.resolve("build.sh"));
    }

    private String script(String step, Path work, Map<String, String> env) throws IOException, InterruptedException {
        return script.run(step, work, env);
    }

    private List<String> layout(Path work, String target) throws IOException, InterruptedException {
        return script.layout(work, target);
    }

    private void lay(Path work, List<String> files) throws IOException {
        BuildScript.lay(work, files);
    }

    @Test
    void nothingInTheCacheIsNotCached() {
        assertThat(new SourceBuild("node", cache, null, false).cached()).isFalse();
        assertThat(new SourceBuild("node", cache, null, false).cachedFor(EMCC)).isFalse();
    }

    @Test
    void theLayoutStepWritesNothing() throws IOException, InterruptedException {
        Path work = new SourceBuild("node", cache, null, false).workDir(EMCC);
        assertThat(layout(work, "node")).contains("markers/source", "markers/make-node");
        assertThat(work).doesNotExist();
    }

    @Test
    void aBuildLaidOutAsTheScriptSaysIsCachedAndEveryFileOfItCounts() throws IOException, InterruptedException {
        SourceBuild node = new SourceBuild("node", cache, null, false);
        Path work = node.workDir(EMCC);
        List<String> files = layout(work, "node");
        lay(work, files);
        assertThat(node.cachedFor(EMCC)).as("the build the script describes, " + files).isTrue();
        assertThat(new SourceBuild("browser", cache, null, false).cachedFor(EMCC)).as("the other target").isFalse();
        assertThat(new SourceBuild("node", cache, null, true).cachedFor(EMCC)).as("forced").isFalse();
        assertThat(node.cachedFor("3.1.7")).as("another emcc").isFalse();
        for (String f : files) {
            Files.delete(work.resolve(f));
            assertThat(node.cachedFor(EMCC)).as("without " + f).isFalse();
            lay(work, List.of(f));
        }
        lay(work, layout(work, "browser"));
        assertThat(new SourceBuild("browser", cache, null, false).cachedFor(EMCC)).as("both targets, shared steps once")
                .isTrue();
        try (var walk = Files.walk(cache)) {
            assertThat(walk.filter(p -> p.getFileName().toString().endsWith(".sh"))).as("no build script written").isEmpty();
        }
    }

    @Test
    void realStepsLeaveTheMarkersTheLayoutNames() throws IOException, InterruptedException {
        Path work = new SourceBuild("browser", cache, null, false).workDir(EMCC);
        // A CPython tree just big enough for the source step, and a browser build's output for install.
        Path tree = Files.createDirectories(beside.resolve("cpython").resolve("Tools/wasm"));
        Files.writeString(tree.resolve("config.site-wasm32-emscripten"), "# fake\n");
        script("source", work, Map.of("PYWASM_CPYTHON_SOURCE", tree.getParent().getParent().toString(),
                "PYWASM_TARGET", "node"));
        Path out = Files.createDirectories(work.resolve("cpython/builddir/emscripten-browser"));
        Files.writeString(out.resolve("python.js"), "// fake\n");
        Files.writeString(out.resolve("Makefile"), "LDFLAGS_NODIST= -sALLOW_MEMORY_GROWTH -sWASM_BIGINT\n");
        script("install", work, Map.of("PYWASM_TARGET", "browser"));
        try (var walk = Files.list(work.resolve("markers"))) {
            List<String> written = walk.map(p -> "markers/" + p.getFileName()).sorted().toList();
            assertThat(written).containsExactly("markers/install-browser", "markers/source");
            assertThat(layout(work, "browser")).containsAll(written);
            assertThat(layout(work, "node")).contains("markers/source").doesNotContain("markers/install-browser");
        }
        assertThat(out.resolve("pywasm-link-flags")).content().contains("-sALLOW_MEMORY_GROWTH");
    }
}
