package dev.pywasm.compat.report.history;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.report.AtomicFile;
import dev.pywasm.compat.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs so far, one small JSON file per run in one directory ({@code run-<start>-<id>.json}).
 * A record is written to a temporary file and renamed into place, so a crash leaves either the whole
 * record or none (plus a {@code .*.tmp} file that readers ignore and the next write clears); no file is
 * ever appended to or shared between runs. Recording the same run again (same start, tool, runtimes and
 * hosts) replaces its record: regenerating reports never duplicates a run.
 *
 * <p>Where: {@code -Dpywasm.history=DIR}, else {@code $PYWASM_COMPAT_HISTORY}, else {@code history/} in
 * the runtime cache ({@code ~/.cache/pywasm-compat/history}), outside the checkout so {@code mvn clean}
 * keeps it.
 */
public final class HistoryStore {

    /** The environment variable naming the history directory. */
    public static final String ENV = "PYWASM_COMPAT_HISTORY";
    /** The system property naming the history directory; wins over {@link #ENV}. */
    public static final String PROPERTY = "pywasm.history";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Duration STALE_TEMPORARY = Duration.ofHours(1);

    private final Path dir;

    public HistoryStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The configured directory: the property, else the environment variable, else {@code <cache>/history}. */
    public static Path defaultDir(Path cache) {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank()))
                .map(Path::of)
                .orElse(cache.resolve("history"));
    }

    public Path dir() {
        return dir;
    }

    /** Records a run (replacing an earlier record of the same run) and returns its file. */
    public Path record(ResultDocument doc) {
        Path file = dir.resolve(fileName(doc.run()));
        ObjectWriter compact = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
        AtomicFile.write(file, out -> out.write(compact.writeValueAsBytes(HistoryRecord.of(doc))));
        clearStaleTemporaries();
        return file;
    }

    /**
     * Every record, oldest run first. A file that is not a history record fails the read with its name:
     * history is evidence, and a silently skipped run would hide a change.
     */
    public List<HistoryRecord> read() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<HistoryRecord> records = new ArrayList<>();
        for (Path file : files()) {
            HistoryRecord record;
            try {
                record = Json.mapper().readValue(file.toFile(), HistoryRecord.class);
            } catch (IOException e) {
                throw corrupt(file, firstLine(e.getMessage()), e);
            }
            if (!HistoryRecord.SCHEMA.equals(record.schema())) {
                throw corrupt(file, "schema is '" + record.schema() + "', expected '" + HistoryRecord.SCHEMA + "'", null);
            }
            if (record.startedAt() == null) {
                throw corrupt(file, "it has no 'startedAt'", null);
            }
            records.add(record);
        }
        records.sort(Comparator.comparing(HistoryRecord::startedAt));
        return records;
    }

    /** The record files, by name (which starts with the run's start, so oldest first). */
    List<Path> files() {
        return files(dir, "run-");
    }

    /**
     * The files of {@code dir} named {@code <prefix>*.json}, by name: the records of one kind in a history
     * directory (temporary files left out).
     */
    public static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".json") && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the history directory " + dir, e);
        }
    }

    private HistoryException corrupt(Path file, String why, Throwable cause) {
        return new HistoryException("history record " + file + " is unreadable: " + why
                + "; move it out of " + dir + " (or delete it) and run again", cause);
    }

    /** {@code run-20261124T100000.000Z-1a2b3c4d.json}: sorts by start; the digest tells apart runs started at once. */
    static String fileName(RunInfo run) {
        if (run.startedAt() == null) {
            throw new IllegalArgumentException("the run has no start time; cannot record it in the history");
        }
        StringBuilder identity = new StringBuilder(String.valueOf(run.tool())).append('\n').append(run.startedAt());
        run.runtimes().stream().map(RuntimeIdentity::id).sorted().forEach(id -> identity.append('\n').append(id));
        run.hosts().stream().map(HostIdentity::id).sorted().forEach(id -> identity.append("\nhost ").append(id));
        return recordName("run-", run.startedAt(), identity);
    }

    /**
     * {@code <prefix><time>-<digest>.json}: a history record's name, sorting by {@code at}; the first four bytes of
     * the SHA-256 of {@code identity} tell apart records of the same instant.
     */
    public static String recordName(String prefix, Instant at, CharSequence identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return prefix + STAMP.format(at) + "-" + HexFormat.of().formatHex(digest, 0, 4) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Temporary files a crashed writer left behind; an hour old so a concurrent writer's file is spared. */
    private void clearStaleTemporaries() {
        Instant before = Instant.now().minus(STALE_TEMPORARY);
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(AtomicFile::isTemporary).toList()) {
                FileTime modified = Files.getLastModifiedTime(p);
                if (modified.toInstant().isBefore(before)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // Leftovers cost only disk space; readers never look at them.
        }
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
