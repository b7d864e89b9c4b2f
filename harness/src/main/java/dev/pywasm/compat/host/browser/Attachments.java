package dev.pywasm.compat.host.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The evidence of a failed browser run (a crash, a timeout, no observation): a screenshot of the
 * probe page and the run's full log, as files under {@code <out>/attachments/<runtime>/<host>/},
 * listed in the run's attachments and named on its stderr. Every browser host keeps its evidence
 * here, the same way.
 */
public final class Attachments {

    /** Takes a screenshot of the page into a file. */
    @FunctionalInterface
    public interface Screenshot {
        /** True when {@code file} was written; false when the page could not give one. */
        boolean take(Path file);
    }

    private final Path dir;
    private final String tag;
    private final AtomicInteger counter = new AtomicInteger();

    /**
     * @param dir where the files go; null: nothing is written
     * @param tag how the host's own stderr lines begin, e.g. {@code pywasm-chromium}
     */
    public Attachments(Path dir, String tag) {
        this.dir = dir;
        this.tag = tag;
    }

    /** Whether files are kept at all. */
    public boolean enabled() {
        return dir != null;
    }

    /**
     * Keeps the evidence of one failed run: a screenshot (when {@code screenshot} gives one), then the
     * log (a header naming the probe and where it ran, its stdout, and its stderr and console lines).
     * Adds a line per kept file to {@code err}, so the run's stderr names them, and returns the files.
     *
     * @param where the host and page, e.g. {@code chromium (http://127.0.0.1:4711/harness/probe.html)}
     */
    public List<Path> keep(String probeName, String where, List<String> stdout, List<String> err, Screenshot screenshot) {
        List<Path> kept = new ArrayList<>();
        if (dir == null) {
            return kept;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return kept; // evidence only: the run's own stdout and stderr still carry the tail
        }
        String base = probeName.replaceAll("\\.py$", "").replaceAll("[^A-Za-z0-9._-]+", "-") + "-" + counter.incrementAndGet();
        Path shot = dir.resolve(base + ".png");
        if (screenshot != null && screenshot.take(shot)) {
            err.add(tag + ": screenshot " + shot);
            kept.add(shot);
        }
        String log = "# " + probeName + " on " + where + "\n## stdout\n" + String.join("\n", stdout)
                + "\n## stderr and console\n" + String.join("\n", err) + "\n";
        try {
            Path file = dir.resolve(base + ".log");
            Files.writeString(file, log);
            err.add(tag + ": log " + file);
            kept.add(file);
        } catch (IOException ignored) {
            // evidence only: the run's own stdout and stderr still carry the tail
        }
        return kept;
    }
}
