package dev.pywasm.compat.host.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.host.HostOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a browser server leaves nothing behind: neither its config nor Playwright's artifacts directory. */
class BrowserServerTest {

    @TempDir
    Path dir;

    @Test
    void aChromiumServerWritesOnlyIntoItsOwnDirectoryAndClosingItLeavesNothing() throws IOException {
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        Set<Path> before = artifacts();
        Set<Path> during;
        try (BrowserServer server = BrowserServer.launch("chromium", new HostOptions(), 0, null, dir, quiet)) {
            assertThat(server.wsEndpoint()).startsWith("ws://127.0.0.1:");
            assertThat(server.directory().getParent()).isEqualTo(dir);
            assertThat(server.directory().resolve("config.json")).exists();
            during = artifacts();
        }
        assertThat(during).as("Playwright's artifacts directory while the server runs").hasSizeGreaterThan(before.size());
        assertThat(artifacts()).as("artifacts directories after close").isSubsetOf(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("what the closed server left in its work directory").isEmpty();
        }
    }

    /** The playwright-artifacts-* directories in the TMPDIR the server's Playwright uses (this process's). */
    private static Set<Path> artifacts() throws IOException {
        Path tmp = Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"));
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("playwright-artifacts-")).collect(Collectors.toSet());
        }
    }
}
