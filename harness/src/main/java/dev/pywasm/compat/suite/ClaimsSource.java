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
 */
public record ClaimsSource(String id, Path path, Provenance provenance, List<String> coverage) {

    public ClaimsSource {
        provenance = provenance == null ? Provenance.UNKNOWN : provenance;
        coverage = coverage == null ? List.of() : List.copyOf(coverage);
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
