package dev.pywasm.compat.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.claim.NotCheckable;
import dev.pywasm.compat.claim.ReadmeCoverage;
import dev.pywasm.compat.exec.Sha256;
import dev.pywasm.compat.model.DocumentVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versions of a suite's claims source: the primary (suite.yaml's first source, whose words are the
 * catalog's {@code quote} fields, minus the claims it lists as {@code absent}) and every
 * {@code sources/<version id>/source.yaml}:
 *
 * <pre>
 * id: cpython-3.11-tip-2022-09-13
 * title: "Tools/wasm/README.md, the 3.11 branch's last text"
 * document: README.md                      # beside source.yaml, byte for byte as in the repository
 * provenance: {repository: ..., path: Tools/wasm/README.md, commit: 4958820..., date: "2022-09-13", note: ...}
 * fits: {python: ["3.11"], note: ...}      # the runtimes it is the fair text for (their CPython series)
 * quotes:                                  # claim id -> this version's words; a claim it does not make is not listed
 *   misc.ctypes: "Most stdlib modules ... e.g. ``ctypes``, ``readline``, ``ssl``, and more."
 * </pre>
 *
 * {@link #load} checks all of it before anything runs: every quote stands in its document word for word
 * (whitespace aside, as the catalog's quotes do in the primary), names a claim of the catalog, and every
 * claim is made by at least one version. Problems are reported together, each naming its file and entry.
 *
 * @param versions the primary first, then the later versions by directory name
 */
public record DocumentVersions(List<Version> versions) {

    /** The directory of a suite that holds the later versions. */
    public static final String DIR = "sources";

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public DocumentVersions {
        versions = List.copyOf(versions);
    }

    /**
     * One version of the document.
     *
     * @param id         its id
     * @param title      what it is, in one line
     * @param document   the text on disk
     * @param provenance where the text comes from
     * @param fits       which runtimes it is the fair text for
     * @param quotes     claim id to its words in this version, in the document's order
     * @param file       the file it was described in ({@code suite.yaml} or {@code source.yaml})
     * @param notCheckable its sentences answered for without a verdict: for the primary the catalog's sentence
     *                   entries and the claims with a {@code not_checkable} reason, for a later version those
     *                   claims it makes, with its own words
     */
    public record Version(String id, String title, Path document, ClaimsSource.Provenance provenance,
                          ClaimsSource.Fits fits, Map<String, String> quotes, Path file, List<NotCheckable> notCheckable) {
        public Version {
            quotes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quotes));
            notCheckable = notCheckable == null ? List.of() : List.copyOf(notCheckable);
        }
    }

    record FileDto(String id, String title, String document, ClaimsSource.Provenance provenance, ClaimsSource.Fits fits,
                   LinkedHashMap<String, String> quotes) {
    }

    /** The suite's document versions, checked against the catalog. */
    public static DocumentVersions load(Suite suite, Catalog catalog) {
        List<String> problems = new ArrayList<>();
        List<Version> versions = new ArrayList<>();
        ClaimsSource primary = suite.primary();
        Map<String, String> primaryQuotes = new LinkedHashMap<>();
        for (Claim c : catalog.claims()) {
            if (primary.makes(c.id())) {
                primaryQuotes.put(c.id(), c.quote());
            }
        }
        List<Claim> made = catalog.claims().stream().filter(c -> primary.makes(c.id())).toList();
        List<NotCheckable> primaryNotCheckable = catalog.notCheckable().stream()
                .filter(e -> e.claimId() == null || primary.makes(e.claimId())).toList();
        // The sentence entries are the primary's: their words in its text, none for a sentence a claim covers.
        if (Files.isRegularFile(primary.path())) {
            problems.addAll(ReadmeCoverage.of(primary.path(), primary.coverage()).problems(made, primaryNotCheckable));
        }
        versions.add(new Version(primary.id(), primary.provenance().note(), primary.path(), primary.provenance(),
                primary.fits(), primaryQuotes, suite.file(), primaryNotCheckable));
        Path dir = suite.dir().resolve(DIR);
        if (Files.isDirectory(dir)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.map(d -> d.resolve("source.yaml")).filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new SuiteException(dir + ": cannot list: " + e.getMessage(), e);
            }
            Set<String> ids = new HashSet<>(List.of(primary.id()));
            for (Path file : files) {
                Version v = read(file, catalog, problems);
                if (v != null && !ids.add(v.id())) {
                    problems.add(file + ": id '" + v.id() + "' already used by another version");
                } else if (v != null) {
                    versions.add(v);
                }
            }
        }
        for (Claim c : catalog.claims()) {
            if (versions.stream().noneMatch(v -> v.quotes().containsKey(c.id()))) {
                problems.add(c.source() + ": entry '" + c.id() + "': no version of the claims source makes it (the primary "
                        + "lists it as absent in " + suite.file() + ", and no " + DIR + "/*/source.yaml quotes it)");
            }
        }
        if (!problems.isEmpty()) {
            throw new SuiteException(String.join("\n", problems));
        }
        return new DocumentVersions(versions);
    }

    private static Version read(Path file, Catalog catalog, List<String> problems) {
        FileDto dto;
        try {
            dto = YAML.readValue(file.toFile(), FileDto.class);
        } catch (UnrecognizedPropertyException e) {
            problems.add(file + ": line " + e.getLocation().getLineNr() + ": unknown field '" + e.getPropertyName()
                    + "' (known: " + e.getKnownPropertyIds() + ")");
            return null;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            problems.add(file + ": " + where + "not a valid source.yaml: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
            return null;
        }
        if (dto == null || dto.id() == null || !ID.matcher(dto.id()).matches()) {
            problems.add(file + ": 'id' must be lower case letters and digits joined by '.', '-' or '_', got '"
                    + (dto == null ? null : dto.id()) + "'");
            return null;
        }
        if (dto.document() == null || dto.document().isBlank()) {
            problems.add(file + ": missing 'document' (the text, relative to source.yaml)");
            return null;
        }
        Path document = file.getParent().resolve(dto.document()).normalize();
        String text;
        try {
            text = Catalog.collapse(Files.readString(document));
        } catch (IOException e) {
            problems.add(file + ": document '" + dto.document() + "' cannot be read (" + document + ")");
            return null;
        }
        Map<String, String> quotes = dto.quotes() == null ? Map.of() : dto.quotes();
        if (quotes.isEmpty()) {
            problems.add(file + ": no 'quotes' (claim id -> this version's words)");
        }
        Set<String> known = new HashSet<>(catalog.claims().stream().map(Claim::id).toList());
        Map<String, String> collapsed = new LinkedHashMap<>();
        quotes.forEach((id, quote) -> {
            if (!known.contains(id)) {
                problems.add(file + ": quotes: '" + id + "': no such claim in the catalog");
            } else if (quote == null || quote.isBlank() || !text.contains(Catalog.collapse(quote))) {
                problems.add(file + ": quotes: '" + id + "': not in " + document.getFileName() + " word for word: \"" + quote + "\"");
            } else {
                collapsed.put(id, Catalog.collapse(quote));
            }
        });
        List<NotCheckable> notCheckable = catalog.notCheckable().stream()
                .filter(e -> e.claimId() != null && collapsed.containsKey(e.claimId()))
                .map(e -> new NotCheckable(collapsed.get(e.claimId()), e.reason(), e.section(), e.source(), e.claimId()))
                .toList();
        return new Version(dto.id(), dto.title(), document, dto.provenance() == null ? ClaimsSource.Provenance.UNKNOWN
                : dto.provenance(), dto.fits(), collapsed, file, notCheckable);
    }

    public Version primary() {
        return versions.get(0);
    }

    /** The versions as a result file records them (documents by absolute path, with their SHA-256). */
    public List<DocumentVersion> toModel() {
        List<DocumentVersion> out = new ArrayList<>();
        for (Version v : versions) {
            String sha;
            try {
                sha = Sha256.of(v.document());
            } catch (IOException e) {
                sha = null;
            }
            ClaimsSource.Provenance p = v.provenance();
            out.add(new DocumentVersion(v.id(), v.title(), v.document().toAbsolutePath().normalize().toString(), sha,
                    p.repository(), p.path(), p.commit(), p.date(), p.note(), v.fits() == null ? List.of()
                    : v.fits().python(), v.fits() == null ? null : v.fits().note(), v.quotes(), List.of(),
                    v.notCheckable().stream().map(e -> new dev.pywasm.compat.model.NotCheckable(e.quote(), e.reason(),
                            e.claimId())).toList()));
        }
        return out;
    }
}
