package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Firefox and WebKit: a browser that cannot start is one clear error; with {@code -Pengines}
 * ({@code pywasm.engine-tests}) also the real browsers running Pyodide probes, each on a fresh runtime.
 */
class EngineBrowsersTest {

    @TempDir
    Path dir;

    @Test
    void aFirefoxThatDoesNotStartIsOneErrorWithWhatPlaywrightSaid() throws IOException {
        Path fake = dir.resolve("firefox");
        Files.writeString(fake, "#!/bin/sh\necho 'XPCOMGlueLoad error: libxul.so missing' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var server = BrowserServer.start(fake, dir)) {
            // launch-server may print its endpoint before the browser fails; then connecting is what fails
            assertThatThrownBy(() -> BrowserTarget.firefox(fake).open(BrowserTarget.playwright()))
                    .isInstanceOf(SetupException.class).hasMessageContaining(fake.toString());
        } catch (SetupException e) {
            assertThat(e).hasMessageContaining("Firefox (" + fake + ")");
        }
    }

    private static final String FRESH = """
            import os, sys
            from pywasm_probe import probe

            @probe
            def fresh():
                seen = os.path.exists("/tmp/left-behind") or "left_behind" in sys.modules
                open("/tmp/left-behind", "w").write("x")
                sys.modules["left_behind"] = sys
                return {"seen": seen}
            """;

    @ParameterizedTest(name = "{0} runs each probe on a fresh Pyodide restored from the snapshot")
    @ValueSource(strings = {"firefox", "webkit"})
    void eachProbeRunsOnAFreshRuntime(String id) {
        Assumptions.assumeTrue(Boolean.getBoolean("pywasm.engine-tests"), "run with -Pengines");
        RuntimeImage image = new PyodideNpm(PyodideNpm.DEFAULT_VERSION, Layout.defaults().cache(), null).prepare(m -> { });
        PrintStream progress = new PrintStream(System.err);
        try (Host host = id.equals("firefox") ? FirefoxHost.create(ServeMode.ISOLATED, new HostOptions(), null, progress)
                : WebKitHost.create(new HostOptions(), dir, null, progress);
             HostSession session = host.open(image)) {
            assertThat(host.identity().notes()).contains(id.equals("firefox") ? "SpiderMonkey" : "not Safari");
            for (int i = 0; i < 2; i++) {
                Observation o = observe(session, new ProbeProgram("fresh.py", FRESH), Duration.ofSeconds(60));
                assertThat(o.outcome()).as(o.summary()).isEqualTo(Outcome.RETURNED);
                assertThat(o.value().path("seen").asBoolean()).isFalse();
            }
            Observation hang = observe(session, new ProbeProgram("hang.py", "while True:\n    pass\n"), Duration.ofSeconds(3));
            assertThat(hang.outcome()).isEqualTo(Outcome.TIMED_OUT);
            Observation after = observe(session, new ProbeProgram("fresh.py", FRESH), Duration.ofSeconds(60));
            assertThat(after.outcome()).as(after.summary()).isEqualTo(Outcome.RETURNED);
            assertThat(session.note()).hasValueSatisfying(n -> assertThat(n).contains("restoring a memory snapshot"));
        }
    }

    /** The observation of one run of {@code program} (only lines with its token count). */
    private static Observation observe(dev.pywasm.compat.host.HostSession session, ProbeProgram program, java.time.Duration timeout) {
        return ProbeOutput.parse(session.run(program, timeout), program);
    }
}
