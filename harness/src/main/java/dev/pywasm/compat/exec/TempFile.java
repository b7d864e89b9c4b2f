package dev.pywasm.compat.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Files that exist only while they are used: the probe program a process host hands to its runtime as
 * {@code probe-*.py} in its work directory, deleted afterwards whatever happened; and temporary trees
 * (a download being unpacked, a browser server's own directory), deleted with {@link #deleteTree}.
 */
public final class TempFile {

    private TempFile() {
    }

    /**
     * Writes {@code text} to a fresh {@code probe-*.py} in {@code dir} (created when missing), gives
     * its path to {@code body} and deletes it afterwards.
     */
    public static <T> T withProbe(Path dir, String text, Function<Path, T> body) {
        Path file;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "probe-", ".py");
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the probe program into " + dir, e);
        }
        try {
            return body.apply(file);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the work directory is temporary anyway
            }
        }
    }

    /** Gives a fresh directory {@code prefix*} in {@code dir} (created when missing) to {@code body}, and deletes it afterwards. */
    public static <T> T withDirectory(Path dir, String prefix, Function<Path, T> body) {
        Path made;
        try {
            Files.createDirectories(dir);
            made = Files.createTempDirectory(dir, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory in " + dir, e);
        }
        try {
            return body.apply(made);
        } finally {
            deleteTreeQuietly(made);
        }
    }

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** {@link #deleteTree}, for clean-ups: a leftover temporary directory costs only disk. */
    public static void deleteTreeQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary directory costs only disk
        }
    }
}
