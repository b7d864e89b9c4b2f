package dev.pywasm.compat.host.chromium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the evidence of a failed browser run goes: a screenshot of the probe page and the full
 * console log, as files under {@code <out>/attachments/<host>/}. {@code RawRun} has no field for
 * files yet, so the host names them on the run's stderr.
 */
final class Attachments {

    private final Path dir;
    private final AtomicInteger counter = new AtomicInteger();

    /** {@code dir} may be null: then nothing is written. */
    Attachments(Path dir) {
        this.dir = dir;
    }

    /** A fresh base name for one run of {@code probeName}, e.g. {@code threads-start-3}. */
    String base(String probeName) {
        String stem = probeName.replaceAll("\\.py$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
        return stem + "-" + counter.incrementAndGet();
    }

    /** The screenshot file for {@code base}, or null when attachments are off. */
    Path screenshot(String base) {
        return dir == null ? null : dir.resolve(base + ".png");
    }

    /** Writes the run's log; returns the files written (none when attachments are off or writing failed). */
    List<Path> log(String base, String text) {
        List<Path> files = new ArrayList<>();
        if (dir == null) {
            return files;
        }
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve(base + ".log");
            Files.writeString(log, text);
            files.add(log);
        } catch (IOException ignored) {
            // evidence only: the run's own stdout and stderr still carry the tail
        }
        return files;
    }
}
