package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.run.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the README's source-build commands as a user would: each {@code ./pywasm-compat} line of the block
 * under "Runtimes built from source", word for word, from the checkout, must exit 0. Only in
 * {@code mvn verify -Psource-build-readme} (not a default test: the build takes half an hour cold, the run
 * more). Each command's output is kept in {@code suites/target/readme-commands/}; the history goes there too,
 * so the user's history is not touched. The {@code mvn -P} lines are not run from inside this build (they
 * would rebuild this checkout under it); {@link ReadmeCommandsTest} checks that their profiles exist.
 */
class SourceBuildReadmeCommands {

    private static final long HOURS = 4;

    @TestFactory
    Stream<DynamicTest> everyCommandOfTheReadmeSucceeds() throws IOException {
        Path home = Layout.defaults().home();
        Path logs = Files.createDirectories(home.resolve("suites/target/readme-commands"));
        List<String> commands = ReadmeCommands.sourceBuild(ReadmeCommands.readme()).stream()
                .filter(c -> c.startsWith("./pywasm-compat ")).toList();
        assertThat(commands).isNotEmpty();
        return commands.stream().map(command -> DynamicTest.dynamicTest(command, () -> {
            Path log = logs.resolve(commands.indexOf(command) + 1 + ".log");
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("PYWASM_COMPAT_HISTORY", logs.resolve("history").toString());
            Process p = pb.start();
            boolean done = p.waitFor(HOURS, TimeUnit.HOURS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join("\n", out.subList(Math.max(0, out.size() - 40), out.size()));
            assertThat(done).as("README: %s did not finish within %d hours; last lines of %s:%n%s", command, HOURS, log, tail)
                    .isTrue();
            assertThat(p.exitValue()).as("README: %s: exit status; last lines of %s:%n%s", command, log, tail).isZero();
        }));
    }
}
