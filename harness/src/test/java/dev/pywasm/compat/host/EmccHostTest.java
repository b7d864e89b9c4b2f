package dev.pywasm.compat.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile-time host with a fake {@code emcc} (a shell script printing a version and a macro
 * dump) and the machine's python3 standing in for the source build's build Python.
 */
class EmccHostTest {

    @TempDir
    Path dir;

    Path emcc;
    RuntimeImage build;

    @BeforeEach
    void fakeToolchainAndBuild() throws IOException {
        emcc = script(dir.resolve("bin/emcc"), """
                #!/bin/sh
                case "$*" in
                  *--version*) echo "emcc (Emscripten gcc/clang-like replacement + linker emulating GNU ld) 3.1.6"; exit 0;;
                esac
                echo "#define __EMSCRIPTEN__ 1"
                echo "#define __wasm32__ 1"
                case "$*" in *-pthread*) echo "#define __EMSCRIPTEN_PTHREADS__ 1";; esac
                """);
        Path tree = Files.createDirectories(dir.resolve("cpython/builddir/emscripten-node"));
        script(tree.resolveSibling("build").resolve("python"), "#!/bin/sh\nexec python3 \"$@\"\n");
        Files.writeString(tree.resolve("Makefile"), """
                BASECFLAGS=	 -Wsign-compare -Wunreachable-code
                CONFIGURE_CFLAGS=	-pthread -I/usr/include -g0
                CONFIGURE_CFLAGS_NODIST= -std=c11 $(EXTRA)
                OPT=		-DNDEBUG
                """);
        build = new RuntimeImage("cpython-3.11-node", RuntimeKind.CPYTHON_SOURCE, "3.11.2", tree, "3.1.6");
    }

    @Test
    void readsTheToolchainVersion() {
        EmccHost host = EmccHost.detect(emcc.toString(), dir.resolve("work"));
        assertThat(host.id()).isEqualTo("emcc");
        assertThat(host.identity().version()).isEqualTo("3.1.6");
        assertThat(host.readsRuntimeIdentity()).isFalse();
    }

    @Test
    void aMissingCompilerIsOneClearError() {
        assertThatThrownBy(() -> EmccHost.detect(dir.resolve("nope/emcc").toString(), dir))
                .isInstanceOf(SetupException.class).hasMessageContaining("emcc not found").hasMessageContaining("EMSDK");
    }

    @Test
    void runsOnlyRuntimesBuiltHereWithThisCompiler() {
        EmccHost host = EmccHost.detect(emcc.toString(), dir.resolve("work"));
        assertThat(host.cannotRun(build)).isEmpty();
        assertThat(host.cannotRun(new RuntimeImage("pyodide-0.29.3", RuntimeKind.PYODIDE, "0.29.3", dir, "4.0.9")))
                .hasValueSatisfying(why -> assertThat(why).contains("not built here"));
        assertThat(host.cannotRun(new RuntimeImage("cpython-3.11-node", RuntimeKind.CPYTHON_SOURCE, "3.11.2", build.root(), "3.1.32")))
                .hasValueSatisfying(why -> assertThat(why).contains("3.1.32").contains("3.1.6"));
    }

    @Test
    void theBuildsCodeGenerationFlagsComeFromItsMakefile() {
        assertThat(EmccHost.buildCflags(build.root().resolve("Makefile"))).containsExactly("-pthread", "-std=c11");
        assertThat(EmccHost.buildCflags(dir.resolve("no/Makefile"))).isEmpty();
    }

    @Test
    void probesSeeTheCompilersMacrosUnderEachFlagSet() {
        EmccHost host = EmccHost.detect(emcc.toString(), dir.resolve("work"));
        ProbeProgram probe = new ProbeProgram("feature.py", """
                from pywasm_probe import feature_macro, probe

                @probe
                def f():
                    return feature_macro("__EMSCRIPTEN_PTHREADS__", ["-pthread"], [])
                """);
        RawRun run = host.open(build).run(probe, Duration.ofSeconds(60));
        assertThat(ProbeOutput.parse(run, probe).value().toString())
                .contains("\"enabled\":true", "\"disabled\":false", "\"default\":false", "\"build_cflags\":true");
        assertThat(run.startupMillis()).as("the program said when it was handed over").isNotNull();
        assertThat(run.stdout()).doesNotContain(ProbeOutput.STARTED);
    }

    private static Path script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
