package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime that makes a memory snapshot but cannot restore one (as an older Pyodide might): the
 * page drops the snapshot, the probe loads Pyodide from scratch and still observes, and the
 * session's note says so. The runtime is a copy of the cached Pyodide 314.0.7 whose
 * {@code pyodide.mjs} refuses {@code _loadSnapshot}. Skipped without a cached Pyodide or Chromium.
 */
class ChromiumSnapshotFallbackTest {

    @TempDir
    Path dir;

    /** A copy of the cached Pyodide 314.0.7 whose pyodide.mjs is {@code wrapper} around the real one (pyodide-real.mjs). */
    private RuntimeImage wrapped(String id, String wrapper) throws IOException {
        Path real = Path.of(System.getProperty("user.home"), ".cache/pywasm-compat/pyodide/314.0.7/node_modules/pyodide");
        assumeTrue(Files.isRegularFile(real.resolve("pyodide.mjs")), "no cached Pyodide 314.0.7");
        assumeTrue(ChromiumInstall.WELL_KNOWN.stream().anyMatch(Files::isExecutable)
                || System.getenv(ChromiumInstall.ENV) != null, "no Chromium installed");
        Path root = Files.createDirectories(dir.resolve(id));
        try (Stream<Path> files = Files.list(real)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, root.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(root.resolve("pyodide.mjs"), root.resolve("pyodide-real.mjs"));
        Files.writeString(root.resolve("pyodide.mjs"), wrapper);
        return new RuntimeImage(id, RuntimeKind.PYODIDE, "314.0.7", root);
    }

    /**
     * A runtime without makeMemorySnapshot (as Pyodide before 0.26): every probe loads from scratch, ahead, into a new
     * instance of the module the page compiled once (compiled code carries no state), and the evidence says so.
     */
    @Test
    void aRuntimeWithoutSnapshotsLoadsFromScratchIntoTheSharedCompiledModule() throws IOException {
        RuntimeImage image = wrapped("pyodide-no-snapshot", """
                import { loadPyodide as real } from "./pyodide-real.mjs";
                export async function loadPyodide(options) {
                  const py = await real(options);
                  return new Proxy(py, { get: (t, k) => (k === "makeMemorySnapshot" ? undefined : Reflect.get(t, k)) });
                }
                """);
        runTwice(image, stderr -> assertThat(stderr).contains("no memory snapshot")
                .contains("loaded from scratch into the page's compiled module"), session -> { });
    }

    /**
     * Two probes on {@code image} in one session, each observing a fresh interpreter; {@code stderr} checks what each
     * run's evidence says, {@code after} the session once both ran.
     */
    private void runTwice(RuntimeImage image, Consumer<String> stderr,
            Consumer<HostSession> after) {
        try (ChromiumHost host = ChromiumHost.create(ServeMode.ISOLATED, ChromiumHostTest.worker(),
                dir.resolve("attachments"), System.out)) {
            HostSession session = host.open(image);
            for (int i = 0; i < 2; i++) {
                RawRun run = session.run(ChromiumHostTest.ISOLATED, ChromiumHostTest.TIMEOUT);
                Observation o = ProbeOutput.parse(run, ChromiumHostTest.ISOLATED);
                assertThat(o.outcome()).as(run.stdout() + run.stderr()).isEqualTo(Outcome.RETURNED);
                assertThat(o.value().asBoolean()).as("a fresh interpreter each time").isTrue();
                stderr.accept(run.stderr());
            }
            after.accept(session);
        }
    }

    @Test
    void aSnapshotThatDoesNotRestoreFallsBackToAFreshLoadAndSaysSo() throws IOException {
        RuntimeImage image = wrapped("pyodide-no-restore", """
                import { loadPyodide as real } from "./pyodide-real.mjs";
                export async function loadPyodide(options) {
                  if (options && options._loadSnapshot) throw new Error("this test runtime cannot restore snapshots");
                  return real(options);
                }
                """);
        runTwice(image, stderr -> assertThat(stderr).contains("snapshot restore failed").contains("loaded from scratch"),
                session -> assertThat(session.note()).hasValueSatisfying(n -> assertThat(n)
                        .contains("loaded Pyodide from scratch").contains("snapshot restore failed")));
    }
}
