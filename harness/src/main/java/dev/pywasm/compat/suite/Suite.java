package dev.pywasm.compat.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pywasm.compat.claim.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory laid out like the project's {@code suites/}: {@code suite.yaml} (its name, its claims
 * sources, optionally its hosts), {@code claims/*.yaml} (the catalog), {@code probes/} and
 * {@code expectations/<runtime>/<host>.yaml}. {@link #load} checks all of it that a run needs before
 * anything starts, and each problem is one message naming the file.
 *
 * <pre>
 * name: example                      # lower case; names the suite's history
 * hosts: [node]                      # optional: the hosts a run of this suite uses by default
 * sources:                           # the documents the claims quote; the first is checked (quotes, coverage)
 *   - id: example-limitations
 *     path: LIMITATIONS.md           # relative to suite.yaml
 *     provenance: {repository: ..., path: ..., commit: ..., date: ..., note: ...}   # optional
 *     coverage: [Limitations]        # optional: top-level headings every statement of which a claim quotes
 *     fits: {python: ["3.11"], note: ...}   # optional: the runtimes it is the fair text for
 *     absent: [later.*]              # optional: catalog claims it does not make (only later versions do)
 * # Later versions of the document: sources/<version id>/source.yaml each (see DocumentVersions).
 * </pre>
 *
 * @param dir     the suite directory
 * @param name    the suite's name
 * @param sources its claims sources, at least one; the first is the one runs and reports use today
 * @param hosts   the hosts a run uses when none are named; empty: the harness's defaults
 */
public record Suite(Path dir, String name, List<ClaimsSource> sources, List<String> hosts) {

    /** The file that makes a directory a suite. */
    public static final String FILE = "suite.yaml";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Suite {
        sources = List.copyOf(sources);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a suite has at least one claims source");
        }
    }

    record FileDto(String name, List<String> hosts, List<SourceDto> sources) {
    }

    record SourceDto(String id, String path, ClaimsSource.Provenance provenance, List<String> coverage,
                     ClaimsSource.Fits fits, List<String> absent) {
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    public Path claims() {
        return dir.resolve("claims");
    }

    public Path probes() {
        return dir.resolve("probes");
    }

    public Path expectations() {
        return dir.resolve("expectations");
    }

    /** The claims source runs record and reports annotate: the first one. */
    public ClaimsSource primary() {
        return sources.get(0);
    }

    /**
     * Reads and checks a suite directory: {@code suite.yaml} well formed, every claims source there,
     * {@code claims/} with catalog files, {@code probes/}. The catalog itself is checked when it is loaded.
     *
     * @param flag            how the user named the directory, for messages ({@code --suite}, {@code -Dpywasm.suite})
     * @param primaryOverride a file to read the first claims source from instead ({@code -Dpywasm.claims-source}), or null
     */
    public static Suite load(Path dir, String flag, Path primaryOverride) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new SuiteException(flag + " " + dir + ": no such directory (" + abs + "); write an example suite there "
                    + "with: ./pywasm-compat init-suite " + dir);
        }
        Path file = abs.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new SuiteException(file + ": missing: a suite names its claims sources in " + FILE
                    + " (see ./pywasm-compat init-suite, or the README, \"Bring your own suite\")");
        }
        FileDto dto = read(file);
        String name = dto.name() == null ? abs.getFileName().toString() : dto.name();
        if (!NAME.matcher(name).matches()) {
            throw new SuiteException(file + ": 'name' must be lower case letters and digits joined by '.', '-' or '_', got '"
                    + name + "'");
        }
        List<String> hosts = dto.hosts() == null ? List.of() : dto.hosts();
        for (String host : hosts) {
            if (!dev.pywasm.compat.host.HostKind.ids().contains(host)) {
                throw new SuiteException(file + ": 'hosts': unknown host '" + host + "' (known: " + dev.pywasm.compat.host.HostKind.ids() + ")");
            }
        }
        if (dto.sources() == null || dto.sources().isEmpty()) {
            throw new SuiteException(file + ": no 'sources': name at least one claims source (id, path), "
                    + "the document the claims quote");
        }
        List<ClaimsSource> sources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < dto.sources().size(); i++) {
            sources.add(source(dto.sources().get(i), file, "sources[" + (i + 1) + "]", ids,
                    i == 0 ? primaryOverride : null));
        }
        checkDirectory(abs.resolve("claims"), file, "the catalog, one *.yaml file per section");
        try (Stream<Path> list = Files.list(abs.resolve("claims"))) {
            if (list.noneMatch(p -> p.toString().endsWith(".yaml"))) {
                throw new SuiteException(abs.resolve("claims") + ": no *.yaml catalog files (see the README, \"Adding a claim\")");
            }
        } catch (IOException e) {
            throw new SuiteException(abs.resolve("claims") + ": cannot list: " + e.getMessage(), e);
        }
        checkDirectory(abs.resolve("probes"), file, "the probe files the catalog names");
        return new Suite(abs, name, sources, hosts);
    }

    private static FileDto read(Path file) {
        try {
            String text = Files.readString(file);
            FileDto dto = text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#")) ? null
                    : YAML.readValue(text, FileDto.class);
            if (dto == null) {
                throw new SuiteException(file + ": empty; it needs at least 'sources' (see ./pywasm-compat init-suite)");
            }
            return dto;
        } catch (UnrecognizedPropertyException e) {
            throw new SuiteException(file + ": line " + e.getLocation().getLineNr() + ": unknown field '"
                    + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new SuiteException(file + ": " + where + "not a valid " + FILE + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SuiteException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ClaimsSource source(SourceDto s, Path file, String where, Set<String> ids, Path override) {
        if (s == null) {
            throw new SuiteException(file + ": " + where + ": empty entry (give its id and path)");
        }
        String entry = where + (s.id() == null ? "" : " '" + s.id() + "'");
        if (s.id() == null || !NAME.matcher(s.id()).matches()) {
            throw new SuiteException(file + ": " + entry + ": 'id' must be lower case letters and digits joined by "
                    + "'.', '-' or '_', got '" + s.id() + "'");
        }
        if (!ids.add(s.id())) {
            throw new SuiteException(file + ": " + entry + ": id already used by another source");
        }
        if (s.path() == null || s.path().isBlank()) {
            throw new SuiteException(file + ": " + entry + ": missing 'path' (the document, relative to " + FILE + ")");
        }
        if (override != null) {
            return new ClaimsSource(s.id(), override, s.provenance(), s.coverage(), s.fits(), s.absent());
        }
        Path path = file.getParent().resolve(s.path()).normalize();
        if (!Files.isRegularFile(path)) {
            throw new SuiteException(file + ": " + entry + ": claims source '" + s.path() + "' not found (" + path
                    + "); put it there, or read it from another file with -Dpywasm.claims-source=PATH");
        }
        return new ClaimsSource(s.id(), path, s.provenance(), s.coverage(), s.fits(), s.absent());
    }

    private static void checkDirectory(Path dir, Path file, String what) {
        if (!Files.isDirectory(dir)) {
            throw new SuiteException(dir + ": missing: the suite of " + file + " keeps " + what + " there");
        }
    }
}
