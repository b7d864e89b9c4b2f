package dev.pywasm.compat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input fails early and clearly: one line naming the flag, file or entry, exit status 2, and no
 * runtime started (nothing says "Starting ..." or "Checking ...").
 */
class BadInputTest {

    @TempDir
    Path dir;

    private static void assertOneLineSetupError(Captured c, String starts) {
        assertThat(c.status()).as(c.out() + c.err()).isEqualTo(Main.SETUP);
        String[] lines = c.err().strip().lines().filter(l -> l.startsWith("pywasm-compat: ")).toArray(String[]::new);
        assertThat(lines).as(c.err()).hasSize(1);
        assertThat(lines[0]).startsWith("pywasm-compat: " + starts);
        assertThat(c.err()).doesNotContain("Starting ").doesNotContain("Checking ").doesNotContain("\tat ");
    }

    @Test
    void anUnwritableOutIsNamedBeforeAnythingStarts() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertOneLineSetupError(Captured.run("run", "--hosts", "node", "--pyodide", "314.0.7", "--out",
                file.resolve("out").toString()), "--out " + file.resolve("out") + " is not a writable directory");
    }

    @Test
    void anUnwritableBenchOutIsNamedBeforeAnythingStarts() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertOneLineSetupError(Captured.run("bench", "--hosts", "node", "--no-suite", "--out",
                file.resolve("bench.json").toString()), "--out " + file.resolve("bench.json") + ": its directory");
        assertOneLineSetupError(Captured.run("bench", "--hosts", "node", "--no-suite", "--out", dir.toString()),
                "--out " + dir + " is a directory");
    }

    @Test
    void aBadCompareVersionIsNamedBeforeAnythingStarts() {
        assertOneLineSetupError(Captured.run("bench", "--hosts", "node", "--no-suite", "--compare", "0.25.1,latest",
                "--out", dir.resolve("bench.json").toString()), "--compare: 'latest' is not a version number (e.g. 0.25.1)");
        assertThat(dir.resolve("bench.json")).doesNotExist();
    }

    @Test
    void aBadShardIsNamedBeforeAnythingStarts() {
        assertOneLineSetupError(Captured.run("run", "--hosts", "node", "--shard", "3/2", "--out", dir.toString()),
                "--shard 3/2: I must be below N");
        assertOneLineSetupError(Captured.run("run", "--hosts", "node", "--shard", "2/2", "--out", dir.toString()),
                "--shard 2/2: I must be below N");
        assertOneLineSetupError(Captured.run("run", "--hosts", "node", "--shard", "x", "--out", dir.toString()),
                "--shard 'x' is not I/N");
    }

    @Test
    void mergeOfAMissingOrForeignFileIsNamed() throws IOException {
        assertOneLineSetupError(Captured.run("merge", dir.resolve("none").toString(), "--out", dir.resolve("m").toString()),
                dir.resolve("none") + ": no such shard output");
        Path old = Files.writeString(dir.resolve("old.json"), "{\"schema\": \"pywasm-compat/results/v1\", \"run\": "
                + "{\"tool\": \"x\", \"startedAt\": \"2026-01-01T00:00:00Z\", \"finishedAt\": \"2026-01-01T00:01:00Z\","
                + " \"planned\": 0}, \"results\": []}");
        assertOneLineSetupError(Captured.run("merge", old.toString(), "--out", dir.resolve("m").toString()),
                old + ": records no plan");
    }

    @Test
    void anUnknownHostIsNamed() {
        assertOneLineSetupError(Captured.run("run", "--hosts", "nosuch", "--out", dir.toString()),
                "--hosts: unknown host 'nosuch'");
    }

    @Test
    void resumeWithoutAResultFileOrWithATruncatedOneIsNamed() throws IOException {
        assertOneLineSetupError(Captured.run("run", "--hosts", "node", "--resume", "--out", dir.toString()),
                "--resume: " + dir.resolve("results.json") + ": no such result file");
        Files.writeString(dir.resolve("results.json"), "{\"schema\": \"pywasm-compat/results/v1\", \"run\": {\"too");
        assertOneLineSetupError(Captured.run("run", "--hosts", "node", "--resume", "--out", dir.toString()),
                "--resume: " + dir.resolve("results.json") + ": not a pywasm-compat result file");
    }

    @Test
    void aMissingNodeIsNamed() {
        assertOneLineSetupError(Captured.run("run", "--hosts", "node", "--pyodide", "314.0.7", "--node", "/no/such/node",
                "--out", dir.resolve("out").toString()), "Node.js not found ('/no/such/node')");
    }

    @Test
    void aMalformedExpectationsFileIsNamed() throws IOException {
        Path suite = dir.resolve("suite");
        assertThat(Captured.run("init-suite", suite.toString()).status()).isZero();
        Path file;
        try (Stream<Path> files = Files.walk(suite.resolve("expectations"))) {
            file = files.filter(p -> p.toString().endsWith(".yaml")).findFirst().orElseThrow();
        }
        Files.writeString(file, "processes.getpid: [HOLDS\n");
        Captured c = Captured.run("run", "--suite", suite.toString(), "--hosts", "node", "--pyodide",
                file.getParent().getFileName().toString().replace("pyodide-", ""), "--out", dir.resolve("out").toString());
        assertThat(c.status()).as(c.out() + c.err()).isEqualTo(Main.SETUP);
        assertThat(c.err()).contains(file.getFileName().toString()).doesNotContain("Checking ");
    }
}
