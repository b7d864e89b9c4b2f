package dev.pywasm.compat.report;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A result document on disk, rewritten after every result through a temporary file and an atomic
 * rename: a reader (or a crash) never sees half a file, and nothing already written is lost when a
 * run is interrupted.
 */
public final class ResultFile implements AutoCloseable {

    private final Path path;
    private RunInfo run;
    private final List<Result> results = new ArrayList<>();

    private ResultFile(Path path, RunInfo run) {
        this.path = path;
        this.run = run;
    }

    /** Starts a new document at {@code path}, replacing an older one. */
    public static ResultFile create(Path path, RunInfo run) {
        ResultFile file = new ResultFile(path, run);
        file.flush();
        return file;
    }

    public static ResultDocument read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + ": no such result file");
        }
        try {
            ResultDocument doc = Json.mapper().readValue(path.toFile(), ResultDocument.class);
            if (!ResultDocument.SCHEMA.equals(doc.schema())) {
                throw new IllegalArgumentException(path + ": schema is '" + doc.schema() + "', expected '"
                        + ResultDocument.SCHEMA + "'");
            }
            return doc;
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": not a pywasm-compat result file: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public synchronized void append(Result result) {
        results.add(result);
        flush();
    }

    /** Replaces the run header with what was learnt while running (e.g. how each host ran each runtime). */
    public synchronized void updateRun(java.util.function.UnaryOperator<RunInfo> change) {
        run = change.apply(run);
        flush();
    }

    public synchronized ResultDocument document() {
        return new ResultDocument(ResultDocument.SCHEMA, run, results);
    }

    /** Marks the run finished and writes the final document. */
    @Override
    public synchronized void close() {
        run = run.finished(Instant.now());
        flush();
    }

    private void flush() {
        writeAtomically(path, document());
    }

    /** Writes any JSON-serialisable value to {@code target} through a temporary file and a rename. */
    public static void writeAtomically(Path target, Object value) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            try {
                Json.mapper().writeValue(tmp.toFile(), value);
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Atomic rename of a finished temporary file over its target. */
    public static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
