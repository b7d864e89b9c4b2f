package dev.pywasm.compat.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.runtime.SetupException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine install, with a fake npm that lays out the package the way the registry's does. */
class NpmBinaryTest {

    static final JsEngine ENGINE = new JsEngine("fakejs", "@fake/linux-x64", "1.2.3", "bin/fakejs", "PYWASM_FAKEJS_UNSET",
            List.of(), ".js", List.of(), "");

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A fake npm: `npm install --prefix DIR ... SPEC` makes DIR/node_modules/@fake/linux-x64/bin/fakejs and logs SPEC. */
    private Path fakeNpm() throws IOException {
        return script("npm", """
                prefix=$3
                for a in "$@"; do last=$a; done
                echo "$last" >> "%s"
                mkdir -p "$prefix/node_modules/@fake/linux-x64/bin"
                printf '#!/bin/sh\\necho hi\\n' > "$prefix/node_modules/@fake/linux-x64/bin/fakejs"
                chmod +x "$prefix/node_modules/@fake/linux-x64/bin/fakejs"
                """.formatted(dir.resolve("npm.log")));
    }

    @Test
    void aMissingEngineIsInstalledIntoTheCacheOnceAtItsPinnedVersion() throws IOException {
        Path npm = fakeNpm();
        Path cache = dir.resolve("cache");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        Path binary = NpmBinary.locate(ENGINE, null, cache, npm.toString(), new PrintStream(said, true));
        assertThat(binary).isEqualTo(cache.resolve("engines/fakejs/1.2.3/node_modules/@fake/linux-x64/bin/fakejs"));
        assertThat(binary).isExecutable();
        assertThat(said.toString()).contains("installing @fake/linux-x64@1.2.3 from npm");
        NpmBinary.locate(ENGINE, null, cache, npm.toString(), new PrintStream(said, true));
        assertThat(Files.readAllLines(dir.resolve("npm.log"))).containsExactly("@fake/linux-x64@1.2.3");
        try (var left = Files.list(cache.resolve("engines/fakejs"))) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("1.2.3");
        }
    }

    @Test
    void aFailedInstallSaysWhatRanWhatNpmSaidAndHowToNameABinary() throws IOException {
        Path npm = script("npm", "echo 'npm ERR! 404 Not Found' >&2; exit 1\n");
        assertThatThrownBy(() -> NpmBinary.locate(ENGINE, null, dir.resolve("cache"), npm.toString(), System.err))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("installing fakejs (" + npm + " install")
                .hasMessageContaining("npm ERR! 404 Not Found")
                .hasMessageContaining("or pass --fakejs /path/to/fakejs (or set PYWASM_FAKEJS_UNSET)");
    }

    @Test
    void aNamedBinaryThatIsNotExecutableNamesTheFlag() {
        assertThatThrownBy(() -> NpmBinary.locate(ENGINE, dir.resolve("nope").toString(), dir, "npm", System.err))
                .isInstanceOf(SetupException.class)
                .hasMessage("fakejs binary '" + dir.resolve("nope") + "' (from --fakejs) is not an executable file");
    }

    @Test
    void aNamedBinaryIsUsedAsIsWithoutNpm() throws IOException {
        Path own = script("fakejs", "echo hi\n");
        assertThat(NpmBinary.locate(ENGINE, own.toString(), null, "/nonexistent/npm", System.err)).isEqualTo(own);
    }
}
