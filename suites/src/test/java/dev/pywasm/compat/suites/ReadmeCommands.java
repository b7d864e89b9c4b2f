package dev.pywasm.compat.suites;

import dev.pywasm.compat.cli.Main;
import dev.pywasm.compat.run.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Reads command lines from the files that hold them, for the tests that check them against the harness's
 * command line: the README's source-build block (the {@code sh} block under "Runtimes built from
 * source"), read from the README itself so that the tests that check and run them cannot drift from it, and the
 * {@code run:} scripts of the engine files ({@link EngineFiles}).
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
        List<String> block = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines.subList(section + 1, lines.size())) {
            if (!inBlock && line.startsWith("#")) {
                break;
            }
            if (line.startsWith("```")) {
                if (inBlock) {
                    return commands(block);
                }
                inBlock = line.equals("```sh");
                continue;
            }
            if (inBlock) {
                block.add(line);
            }
        }
        throw new IllegalStateException(readme + ": no ```sh block under '" + SECTION + "'");
    }

    /**
     * The command lines of a shell script (a README block, a workflow's {@code run:}), in order: comments cut off,
     * lines continued with a backslash joined, blank lines left out.
     */
    static List<String> commands(List<String> script) {
        List<String> commands = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : script) {
            String command = line.replaceFirst("(^|\\s+)#.*$", "").strip();
            if (command.endsWith("\\")) {
                pending.append(command.substring(0, command.length() - 1).strip()).append(' ');
                continue;
            }
            command = (pending + command).strip();
            pending.setLength(0);
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }

    /**
     * A command line's words after the program ({@code ./pywasm-compat} or {@code mvn}), up to the first shell
     * operator (a redirection, {@code &}, {@code |}, {@code ;}); the files use no quotes.
     */
    static List<String> args(String command) {
        List<String> words = new ArrayList<>();
        for (String word : command.strip().split("\\s+")) {
            if (word.matches("[0-9]*[<>].*|&&?|\\|\\|?|;")) {
                break;
            }
            words.add(word);
        }
        return words.subList(1, words.size());
    }

    /** Parses {@code args} (a {@code ./pywasm-compat} line's, see {@link #args}) with the harness's own command line. */
    static CommandLine.ParseResult parse(List<String> args) {
        return new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
    }

    static Path readme() {
        return Layout.defaults().home().resolve("README.md");
    }
}
