package dev.pywasm.compat.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A file that exists only while one command runs on it: the probe program a process host hands to
 * its runtime as {@code probe-*.py} in its work directory, deleted afterwards whatever happened.
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
}
