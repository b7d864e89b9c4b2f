package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.pywasm.compat.run.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's source-build commands are real: every {@code ./pywasm-compat} line parses with the command
 * line as it is, and every {@code mvn -P} profile it names exists. Cheap, so in every {@code mvn verify};
 * the {@code source-build-readme} profile runs them for real (see {@link SourceBuildReadmeCommands}).
 */
class ReadmeCommandsTest {

    private final List<String> commands = ReadmeCommands.sourceBuild(ReadmeCommands.readme());

    @Test
    void theBlockBuildsAndChecksBothTargetsWithOneCommand() {
        assertThat(commands).contains("./pywasm-compat run --cpython-build node,browser");
    }

    @Test
    void everyPywasmCompatLineParses() {
        for (String command : commands) {
            if (command.startsWith("./pywasm-compat ")) {
                assertThatCode(() -> ReadmeCommands.parse(ReadmeCommands.args(command)))
                        .as("README: %s", command).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void everyMavenProfileExists() throws IOException {
        Path home = Layout.defaults().home();
        String poms = Files.readString(home.resolve("pom.xml")) + Files.readString(home.resolve("suites/pom.xml"));
        for (String command : commands) {
            assertThat(command).as("a README command the tests know").matches("(\\./pywasm-compat|mvn) .*");
            if (command.startsWith("mvn ")) {
                for (String word : ReadmeCommands.args(command)) {
                    if (word.startsWith("-P")) {
                        for (String id : word.substring(2).split(",")) {
                            assertThat(poms).as("README: %s: profile %s", command, id).contains("<id>" + id + "</id>");
                        }
                    }
                }
            }
        }
    }
}
