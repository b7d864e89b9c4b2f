package dev.pywasm.compat.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeHostTest {

    @TempDir
    Path work;

    /**
     * CPython's node build (NODERAWFS: the probe sees this machine's file system) gets a TMPDIR of its own per probe,
     * deleted afterwards: what its tempfile calls leave never reaches the machine's /tmp. Skipped without the cached
     * build.
     */
    @Test
    void aSourceBuildProbesTemporaryFilesGoIntoADirectoryOfItsOwnDeletedAfterwards() {
        Path root = Path.of(System.getProperty("user.home"),
                ".cache/pywasm-compat/cpython-source/emcc-3.1.6-debian-python3.11/cpython/builddir/emscripten-node");
        assumeTrue(Files.isRegularFile(root.resolve("python.js")),
                "no cached cpython-3.11-node build");
        RuntimeImage image = new RuntimeImage("cpython-3.11-node", RuntimeKind.CPYTHON_SOURCE, "3.11.2", root, "3.1.6");
        NodeHost host = NodeHost.detect(work, new HostOptions());
        ProbeProgram program = new ProbeProgram("t.py", """
                import tempfile
                from pywasm_probe import probe

                @probe
                def t():
                    return {"made": tempfile.mkdtemp(), "tmp": tempfile.gettempdir()}
                """);
        RawRun run = host.sourceBuildSession(image).run(program,
                new Limits(Duration.ofSeconds(60), Duration.ofSeconds(60),
                        Duration.ofSeconds(15)));
        JsonNode value = ProbeOutput.parse(run, program).value();
        assertThat(value).as(run.stdout() + run.stderr()).isNotNull();
        Path tmp = Path.of(value.path("tmp").asText());
        assertThat(tmp.toAbsolutePath().startsWith(work.toAbsolutePath())).as("%s under %s", tmp, work).isTrue();
        assertThat(Path.of(value.path("made").asText())).as("deleted with its probe").doesNotExist();
        assertThat(tmp).doesNotExist();
    }

    @Test
    void isolationNamesParse() {
        assertThat(NodeHost.Isolation.parse(" Worker ")).isEqualTo(NodeHost.Isolation.WORKER);
        assertThat(NodeHost.Isolation.parse("process")).isEqualTo(NodeHost.Isolation.PROCESS);
        assertThatThrownBy(() -> NodeHost.Isolation.parse("thread")).hasMessageContaining("process, worker");
    }

    @Test
    void theDefaultIsThePooledWorker() {
        NodeHost host = NodeHost.detect(work, new HostOptions().setNodeIsolation(null));
        assertThat(host.isolation()).isEqualTo(NodeHost.Isolation.WORKER);
        assertThat(NodeHost.detect(work, new HostOptions().setNodeIsolation(NodeHost.Isolation.PROCESS)).isolation())
                .isEqualTo(NodeHost.Isolation.PROCESS);
        assertThat(Files.isRegularFile(work.resolve("pyodide-pool.js"))).isTrue();
        assertThat(Files.isRegularFile(work.resolve("pyodide-driver.js"))).isTrue();
    }

    @Test
    void thePoolProcessGetsTheAcceptedReadmeFlags() {
        NodeHost host = NodeHost.detect(work, new HostOptions().setProbesPerPool(1).setWarmWorkers(2));
        RuntimeImage image = new RuntimeImage("pyodide-0.0.0", RuntimeKind.PYODIDE, "0.0.0", work.resolve("pyodide"));
        List<String> command = host.poolCommand(image, work.resolve("snap.bin"));
        List<String> accepted = host.identity().acceptedFlags();
        assertThat(command.subList(1, 1 + accepted.size())).isEqualTo(accepted);
        assertThat(command).contains(work.resolve("pyodide-pool.js").toString(), image.root().toString(),
                "--snapshot-file", work.resolve("snap.bin").toString());
        assertThat(command.subList(command.size() - 2, command.size())).containsExactly("--warm", "2");
        assertThatThrownBy(() -> new HostOptions().setProbesPerPool(0)).isInstanceOf(IllegalArgumentException.class);
        // Two fresh runtimes restored ahead unless told otherwise; a negative number names the flag.
        assertThat(host.poolCommand(image, work.resolve("snap.bin"))).containsSubsequence("--warm", "2");
        assertThat(NodeHost.detect(work, new HostOptions()).poolCommand(image, work.resolve("snap.bin")))
                .containsSubsequence("--warm", "2");
        assertThatThrownBy(() -> new HostOptions().setWarmWorkers(-1)).hasMessageContaining("--warm-workers");
    }

    @Test
    void runsCpythonsNodeTargetButNotItsBrowserTarget() throws java.io.IOException {
        NodeHost host = NodeHost.detect(work, new HostOptions());
        Path tree = Files.createDirectories(work.resolve("builddir/emscripten-node"));
        RuntimeImage build = new RuntimeImage("cpython-3.11-node", RuntimeKind.CPYTHON_SOURCE, "3.11.2", tree, "3.1.6");
        assertThat(host.cannotRun(build)).hasValueSatisfying(why -> assertThat(why).contains("no python.js"));
        Files.writeString(tree.resolve("python.js"), "");
        assertThat(host.cannotRun(build)).isEmpty();
        Files.writeString(tree.resolve("python.html"), "");
        assertThat(host.cannotRun(build)).hasValueSatisfying(why -> assertThat(why).contains("browser target"));
    }
}
