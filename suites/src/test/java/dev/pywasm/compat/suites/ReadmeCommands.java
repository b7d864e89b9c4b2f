package dev.pywasm.compat.suites;

import dev.pywasm.compat.run.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command lines of the README's source-build block (the {@code sh} block under "Runtimes built from
 * source"), read from the README itself so that the tests that check and run them cannot drift from it.
 */
final class ReadmeCommands {

    static final String SECTION = "### Runtimes built from source";

    private ReadmeCommands() {
    }

    /** The block's command lines, comments cut off, in order. */
    static List<String> sourceBuild(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        int section = lines.indexOf(SECTION);
        if (section < 0) {
            throw new IllegalStateException(readme + ": no heading '" + SECTION + "'");
        }
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines.subList(section + 1, lines.size())) {
            if (!inBlock && line.startsWith("#")) {
                break;
            }
            if (line.startsWith("```")) {
                if (inBlock) {
                    return commands;
                }
                inBlock = line.equals("```sh");
                continue;
            }
            String command = line.replaceFirst("\\s+#.*$", "").strip();
            if (inBlock && !command.isEmpty()) {
                commands.add(command);
            }
        }
        throw new IllegalStateException(readme + ": no ```sh block under '" + SECTION + "'");
    }

    /** A command line's words after the program ({@code ./pywasm-compat} or {@code mvn}); the block uses no quotes. */
    static List<String> args(String command) {
        List<String> words = Arrays.asList(command.split("\\s+"));
        return words.subList(1, words.size());
    }

    static Path readme() {
        return Layout.defaults().home().resolve("README.md");
    }
}
