package dev.pywasm.compat.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real build script (cpython-wasm-build.sh) for tests: runs one of its steps, and lays out in a
 * work directory exactly the files its {@code layout} step says a finished build leaves, so that no
 * test's idea of the cache layout can drift from what the script writes.
 */
final class BuildScript {

    private final Path script;

    private BuildScript(Path script) {
        this.script = script;
    }

    /** Writes the harness's script to {@code file}. */
    static BuildScript extract(Path file) throws IOException {
        try (InputStream in = SourceBuild.class.getResourceAsStream("cpython-wasm-build.sh")) {
            return new BuildScript(Files.write(file, in.readAllBytes()));
        }
    }

    /** Runs one step of the script; returns its output, failing the test when it fails. */
    String run(String step, Path work, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), step).redirectErrorStream(true);
        pb.environment().put("PYWASM_WORK", work.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("script step " + step + " finished").isTrue();
        assertThat(p.exitValue()).as("script step " + step + " exit status; output:\n" + out).isZero();
        return out;
    }

    /** The files the script says a finished build of the target leaves, relative to the work directory. */
    List<String> layout(Path work, String target) throws IOException, InterruptedException {
        List<String> files = new ArrayList<>();
        for (String line : run("layout", work, Map.of("PYWASM_TARGET", target)).lines().toList()) {
            assertThat(line).as("a layout line").matches("(marker|output) \\S+");
            files.add(line.substring(line.indexOf(' ') + 1));
        }
        return files;
    }

    /** Creates {@code files} under {@code work}. */
    static void lay(Path work, List<String> files) throws IOException {
        for (String f : files) {
            Path p = work.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "2026-11-25T00:00:00Z\n");
        }
    }

    /** Lays out a finished build of {@code target}, as the script describes it. */
    void finished(Path work, String target) throws IOException, InterruptedException {
        lay(work, layout(work, target));
    }
}
