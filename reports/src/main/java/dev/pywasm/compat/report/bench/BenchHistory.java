package dev.pywasm.compat.report.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pywasm.compat.report.AtomicFile;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.history.HistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bench runs so far: a copy of each {@code bench.json} ({@code bench-<date>-<id>.json}) in the history
 * store's directory, beside the run records ({@code run-*.json}, which the run history reads; these it
 * ignores). Written atomically like them; recording the same bench again (same date, harness, runtime,
 * hosts) replaces its copy.
 */
public final class BenchHistory {

    /**
     * What was read.
     *
     * @param documents the bench documents, oldest first
     * @param problems  one line per file that could not be read (named, with the advice to move it)
     */
    public record Read(List<BenchDocument> documents, List<String> problems) {
    }

    private final Path dir;

    public BenchHistory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code doc} to {@code file} atomically (indented: bench.json is read by people too). */
    public static void write(Path file, BenchDocument doc) {
        AtomicFile.write(file, out -> Json.mapper().writeValue(out, doc));
    }

    /** Keeps a copy of {@code doc} in the history and returns its file. */
    public Path record(BenchDocument doc) {
        Path file = dir.resolve(fileName(doc));
        AtomicFile.write(file, out -> out.write(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(doc)));
        return file;
    }

    /** Every bench document kept, oldest first; a file that cannot be read is a problem, not the end of the read. */
    public Read read() {
        if (!Files.isDirectory(dir)) {
            return new Read(List.of(), List.of());
        }
        List<BenchDocument> docs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : HistoryStore.files(dir, "bench-")) {
            try {
                BenchDocument doc = Json.mapper().readValue(file.toFile(), BenchDocument.class);
                if (!BenchDocument.SCHEMA.equals(doc.schema()) || doc.date() == null) {
                    problems.add(unreadable(file, "schema is '" + doc.schema() + "' (expected '" + BenchDocument.SCHEMA
                            + "') or it has no 'date'"));
                } else {
                    docs.add(doc);
                }
            } catch (IOException e) {
                problems.add(unreadable(file, String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            }
        }
        docs.sort(Comparator.comparing(BenchDocument::date));
        return new Read(List.copyOf(docs), List.copyOf(problems));
    }

    private String unreadable(Path file, String why) {
        return "bench record " + file + " is unreadable: " + why + "; move it out of " + dir + " (or delete it)";
    }

    /** {@code bench-20261202T080000.000Z-1a2b3c4d.json}: sorts by date; the digest tells apart benches started at once. */
    static String fileName(BenchDocument doc) {
        if (doc.date() == null) {
            throw new IllegalArgumentException("the bench document has no date; cannot record it in the history");
        }
        StringBuilder identity = new StringBuilder(String.valueOf(doc.harness())).append('\n').append(doc.date())
                .append('\n').append(doc.runtime());
        doc.hosts().forEach(h -> identity.append("\nhost ").append(h.host()));
        return HistoryStore.recordName("bench-", doc.date(), identity);
    }
}
