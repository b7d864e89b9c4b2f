package dev.pywasm.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SourceBuild#cached()} on a made-up cache: it reads markers and files, and builds nothing. */
class SourceBuildCacheTest {

    @TempDir
    Path cache;

    private static String emcc() {
        try {
            RawRun r = ProcessRunner.run(List.of("emcc", "--version"), Duration.ofSeconds(60), null, null);
            assumeTrue(r.exitCode() != null && r.exitCode() == 0, "emcc does not answer");
            return SourceBuild.emccVersion(r.stdout());
        } catch (UncheckedIOException e) {
            assumeTrue(false, "no emcc on PATH");
            return null;
        }
    }

    private Path fakeBuild(SourceBuild build, String target) throws IOException {
        Path work = build.workDir(emcc());
        Path tree = Files.createDirectories(work.resolve("cpython/builddir/emscripten-" + target));
        Files.writeString(tree.resolve("python.js"), "// fake\n");
        Path markers = Files.createDirectories(work.resolve("markers"));
        for (String step : List.of("source", "zlib", "build-python", "configure", "make", "install")) {
            Files.writeString(markers.resolve(step + "-" + target), "2026-11-25T00:00:00Z\n");
        }
        return work;
    }

    @Test
    void nothingInTheCacheIsNotCached() {
        assertThat(new SourceBuild("node", cache, null, false).cached()).isFalse();
    }

    @Test
    void aFinishedBuildIsCachedAndAMissingStepOrOutputIsNot() throws IOException {
        SourceBuild build = new SourceBuild("node", cache, null, false);
        Path work = fakeBuild(build, "node");
        assertThat(build.cached()).isTrue();
        assertThat(new SourceBuild("browser", cache, null, false).cached()).as("another target").isFalse();
        assertThat(new SourceBuild("node", cache, null, true).cached()).as("forced").isFalse();
        Files.delete(work.resolve("markers/make-node"));
        assertThat(build.cached()).as("make not finished").isFalse();
        fakeBuild(build, "node");
        Files.delete(work.resolve("cpython/builddir/emscripten-node/python.js"));
        assertThat(build.cached()).as("outputs gone").isFalse();
        try (var files = Files.walk(cache)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".sh"))).as("no build script written").isEmpty();
        }
    }
}
