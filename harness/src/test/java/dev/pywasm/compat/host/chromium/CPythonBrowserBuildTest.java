package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny probe on the real CPython browser build in the real Chromium: the page loads python.js,
 * Python runs the probe file and reports from inside the runtime. Skipped unless a browser build is
 * cached ({@code ./pywasm-compat build --target browser} makes one, ~15 minutes) and Chromium is
 * installed.
 */
class CPythonBrowserBuildTest {

    static final ProbeProgram TINY = new ProbeProgram("tiny.py", """
            import os, sys
            from pywasm_probe import probe

            @probe
            def tiny():
                info = sys._emscripten_info
                return {"argv": sys.argv, "platform": sys.platform, "runtime": info.runtime,
                        "pthreads": info.pthreads, "shared_memory": info.shared_memory,
                        "page": os.environ.get("PYWASM_PAGE_GLOBALS")}
            """);

    @TempDir
    Path out;

    /** The newest cached browser build: {@code <cache>/cpython-source/emcc-*}/cpython/builddir/emscripten-browser}. */
    static Path cachedBrowserBuild() {
        Path sources;
        try {
            sources = Layout.defaults().cache().resolve("cpython-source");
        } catch (RuntimeException e) {
            return null;
        }
        if (!Files.isDirectory(sources)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(sources)) {
            return dirs.map(d -> d.resolve("cpython/builddir/emscripten-browser"))
                    .filter(d -> CPythonPage.notABrowserBuild(d).isEmpty())
                    .max(java.util.Comparator.comparing(d -> d.toFile().lastModified()))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void aTinyProbeRunsOnTheBrowserBuildWithoutCrossOriginIsolation() {
        Path build = cachedBrowserBuild();
        assumeTrue(build != null, "no cached CPython browser build; make one with ./pywasm-compat build --target browser");
        assumeTrue(ChromiumInstall.WELL_KNOWN.stream().anyMatch(Files::isExecutable)
                || System.getenv(ChromiumInstall.ENV) != null, "no Chromium installed");
        RuntimeImage image = new RuntimeImage("cpython-3.11-browser", RuntimeKind.CPYTHON_SOURCE, "3.11", build);
        // Served without COOP/COEP: the build has no pthreads, so it needs no SharedArrayBuffer.
        try (ChromiumHost plain = ChromiumHost.create(ServeMode.PLAIN, ChromiumHostTest.worker(), out, System.out);
             HostSession session = plain.open(image)) {
            RawRun run = session.run(TINY, Duration.ofSeconds(60));
            Observation o = ProbeOutput.parse(run, TINY);
            assertThat(o.outcome()).as(run.stdout() + run.stderr()).isEqualTo(Outcome.RETURNED);
            assertThat(o.value().path("argv").get(0).asText()).isEqualTo(CPythonPage.PROBE_PATH);
            assertThat(o.value().path("platform").asText()).isEqualTo("emscripten");
            assertThat(o.value().path("runtime").asText()).as("the browser's user agent").contains("Chrome");
            assertThat(o.value().path("pthreads").asBoolean()).isFalse();
            assertThat(o.value().path("page").asText()).contains("\"crossOriginIsolated\":false");
            assertThat(run.exitCode()).isZero();
        }
    }
}
