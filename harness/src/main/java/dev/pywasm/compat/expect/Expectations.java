package dev.pywasm.compat.expect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ResultFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recorded verdicts, like web-platform-tests' metadata: one YAML file per runtime and host,
 * {@code <dir>/<runtime>/<host>.yaml}, mapping claim id to verdict. A run compares against them;
 * a run with the update flag rewrites them from what it observed. Never literals in code.
 */
public final class Expectations {

    /** The flag that rewrites the files: {@code -Dpywasm.update-expectations} or {@code --update-expectations}. */
    public static final String UPDATE_PROPERTY = "pywasm.update-expectations";

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path dir;
    private final Map<String, Map<String, Verdict>> byFile = new ConcurrentHashMap<>();

    public Expectations(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String runtime, String host) {
        return dir.resolve(runtime).resolve(host + ".yaml");
    }

    /** The recorded verdict, if any. Throws {@link ExpectationException} for a malformed file. */
    public Optional<Verdict> expected(String runtime, String host, String claimId) {
        return Optional.ofNullable(load(runtime, host).get(claimId));
    }

    /** True when verdicts are recorded for this runtime on this host (a file with at least one entry). */
    public boolean recorded(String runtime, String host) {
        return !load(runtime, host).isEmpty();
    }

    /** The runtimes that have a recorded file for at least one host, by directory name. */
    public List<String> recordedRuntimes() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> runtimes = Files.list(dir)) {
            return runtimes.filter(Files::isDirectory).filter(Expectations::hasYaml)
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean hasYaml(Path runtimeDir) {
        try (java.util.stream.Stream<Path> files = Files.list(runtimeDir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".yaml"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails when a file names a claim the catalog does not have. */
    public void validate(String runtime, String host, Catalog catalog) {
        Path file = file(runtime, host);
        for (String id : load(runtime, host).keySet()) {
            try {
                catalog.claim(id);
            } catch (IllegalArgumentException e) {
                throw new ExpectationException(file + ": entry '" + id + "': no such claim in the catalog"
                        + " (remove it, or run with the update flag to rewrite the file)");
            }
        }
    }

    private Map<String, Verdict> load(String runtime, String host) {
        return byFile.computeIfAbsent(runtime + "/" + host, k -> read(file(runtime, host)));
    }

    static Map<String, Verdict> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Map<String, Object> raw;
        try {
            raw = YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new ExpectationException(file + ": " + where + "not a map of claim id to verdict: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Verdict> result = new LinkedHashMap<>();
        if (raw == null) {
            return result;
        }
        raw.forEach((id, value) -> {
            try {
                result.put(id, Verdict.valueOf(String.valueOf(value)));
            } catch (IllegalArgumentException e) {
                throw new ExpectationException(file + ": entry '" + id + "': unknown verdict '" + value + "' (known: "
                        + Arrays.toString(Verdict.values()) + ")");
            }
        });
        return result;
    }

    /**
     * Rewrites the files of every (runtime, host) in {@code results}: observed verdicts replace
     * recorded ones, entries for claims the catalog no longer has are dropped.
     */
    public List<Path> update(List<Result> results, Catalog catalog) {
        Map<String, Map<String, Verdict>> updates = new TreeMap<>();
        for (Result r : results) {
            updates.computeIfAbsent(r.runtime() + "/" + r.host(), k -> new TreeMap<>()).put(r.claimId(), r.verdict());
        }
        return updates.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("/", 2);
            Path file = file(key[0], key[1]);
            Map<String, Verdict> merged = new TreeMap<>(read(file));
            merged.putAll(e.getValue());
            merged.keySet().removeIf(id -> catalog.claims().stream().noneMatch(c -> c.id().equals(id)));
            write(file, key[0], key[1], merged);
            byFile.put(e.getKey(), merged);
            return file;
        }).toList();
    }

    private static void write(Path file, String runtime, String host, Map<String, Verdict> verdicts) {
        StringBuilder yaml = new StringBuilder()
                .append("# Recorded verdicts for runtime ").append(runtime).append(" on host ").append(host).append(".\n")
                .append("# Written by a run with the update flag (see README, \"Updating expectations\"); review the diff.\n");
        verdicts.forEach((id, v) -> yaml.append(id).append(": ").append(v).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, yaml);
            ResultFile.move(tmp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String attempts(Result r) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < r.attempts().size(); i++) {
            var a = r.attempts().get(i);
            text.append("  attempt ").append(i + 1).append(": ").append(a.verdict()).append(" - ")
                    .append(a.observation() == null ? a.reason() : a.observation().summary()).append('\n');
        }
        return text.toString();
    }

    /** The readable before/after text for a verdict that differs from the recorded one. */
    public static String diff(Result r, Path file) {
        return r.key() + "\n"
                + "  README (" + r.section() + "): \"" + r.quote() + "\"\n"
                + "  recorded: " + (r.expected() == null ? "(nothing recorded)" : r.expected()) + "   in " + file + "\n"
                + "  observed: " + r.verdict() + " - " + r.reason() + "\n"
                + attempts(r)
                + "  To accept the observed verdict: mvn verify -D" + UPDATE_PROPERTY + "=true"
                + " (or ./pywasm-compat run --update-expectations), then review the diff of " + file.getFileName();
    }
}
