package dev.pywasm.compat.suite;

import java.nio.file.Path;
import java.util.List;

/**
 * A document whose statements a suite's claims quote, with where it comes from.
 *
 * @param id         names the source in the suite (lower case), e.g. {@code cpython-3.11-tools-wasm}
 * @param path       the document on disk
 * @param provenance where the text was taken from
 * @param coverage   top-level headings ({@code # ...}) whose every bullet and paragraph some claim must
 *                   quote ({@code check-catalog}); empty: quotes are checked, coverage is not
 * @param fits       which runtimes this text is the fair text for (see {@link DocumentVersions}); may be empty
 * @param absent     globs over claim ids of the catalog's claims this document does not make (claims only
 *                   later versions make, e.g. {@code later.*}); empty: it makes every claim
 */
public record ClaimsSource(String id, Path path, Provenance provenance, List<String> coverage, Fits fits,
                           List<String> absent) {

    public ClaimsSource {
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
        coverage = coverage == null ? List.of() : List.copyOf(coverage);
        fits = fits == null ? Fits.NONE : fits;
        absent = absent == null ? List.of() : List.copyOf(absent);
    }

    /** A source that makes every claim of its catalog and says nothing about the runtimes it fits. */
    public ClaimsSource(String id, Path path, Provenance provenance, List<String> coverage) {
        this(id, path, provenance, coverage, null, null);
    }

    /** True when this document makes the claim (it is not one of its {@code absent} globs). */
    public boolean makes(String claimId) {
        return absent.stream().noneMatch(glob -> java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob)
                .matches(Path.of(claimId)));
    }

    /**
     * Which runtimes a document version is the fair text for: those running one of these CPython series.
     *
     * @param python CPython series, e.g. {@code 3.14}; matched against the runtime's {@code sys.version}
     * @param note   why, in a few words
     */
    public record Fits(List<String> python, String note) {
        public static final Fits NONE = new Fits(List.of(), null);

        public Fits {
            python = python == null ? List.of() : List.copyOf(python);
        }
    }

    /**
     * Where a document's text was taken from; every field optional.
     *
     * @param repository e.g. {@code https://github.com/python/cpython}
     * @param path       the file's path in that repository
     * @param commit     the commit the text is from
     * @param date       when that text was written (ISO date, or a bound such as "after 2025-08")
     * @param note       anything else a reader needs (what the version is)
     */
    public record Provenance(String repository, String path, String commit, String date, String note) {
        public static final Provenance UNKNOWN = new Provenance(null, null, null, null, null);
    }
}
