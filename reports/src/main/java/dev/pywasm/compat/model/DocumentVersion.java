package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of the claims source as a run records it: the document, where its text comes from, which
 * runtimes it is the fair text for, the words each claim quotes in it, and (at the end of the run) the
 * verdicts of its claims. A run's first document is the suite's primary source, the one its claims'
 * {@code quote} fields are. Since issue 18.
 *
 * @param id         the version's id, e.g. {@code cpython-main-platforms-emscripten-2026}
 * @param title      one line saying what the version is
 * @param path       the document on disk when the run read it
 * @param sha256     the document's SHA-256
 * @param repository where the text was taken from, e.g. {@code https://github.com/python/cpython}
 * @param sourcePath the file's path in that repository
 * @param commit     the commit the text is from
 * @param date       when that text was written (ISO date, or a bound such as "after 2025-08")
 * @param note       what changed in this version, in a few words
 * @param fits       the CPython series ({@code 3.14}) whose runtimes this text is the fair text for
 * @param fitsNote   why, in a few words
 * @param quotes     claim id to this version's words for that claim, in the document's order; a claim the
 *                   version does not make is absent
 * @param verdicts   per runtime and host of the run, the verdict counts of this version's claims and the
 *                   STALE ones; empty while the run goes on
 * @param notCheckable the version's sentences answered for without a verdict, with the reason (the primary's
 *                   sentence entries, and the claims no runtime here can check); empty in runs before issue 12
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentVersion(
        String id,
        String title,
        String path,
        String sha256,
        String repository,
        String sourcePath,
        String commit,
        String date,
        String note,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> fits,
        String fitsNote,
        Map<String, String> quotes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VersionVerdicts> verdicts,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NotCheckable> notCheckable) {

    public DocumentVersion {
        notCheckable = notCheckable == null ? List.of() : List.copyOf(notCheckable);
        fits = fits == null ? List.of() : List.copyOf(fits);
        quotes = quotes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(quotes));
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    }

    /** True when this version is the fair text for a runtime running {@code python} ({@code sys.version}). */
    public boolean fits(RuntimeIdentity runtime) {
        String python = runtime.python();
        if (python == null) {
            return false;
        }
        String version = python.strip().split("\\s+")[0];
        return fits.stream().anyMatch(series -> version.equals(series) || version.startsWith(series + "."));
    }

    public DocumentVersion withVerdicts(List<VersionVerdicts> sets) {
        return new DocumentVersion(id, title, path, sha256, repository, sourcePath, commit, date, note, fits, fitsNote,
                quotes, sets, notCheckable);
    }

    /**
     * The verdicts of one version's claims on one runtime and host.
     *
     * @param runtime the runtime id
     * @param host    the host id
     * @param counts  verdict to number of cells
     * @param stale   the claims that came out STALE there, in the document's order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionVerdicts(String runtime, String host, Map<Verdict, Integer> counts, List<String> stale) {
        public VersionVerdicts {
            java.util.EnumMap<Verdict, Integer> ordered = new java.util.EnumMap<>(Verdict.class);
            if (counts != null) {
                ordered.putAll(counts);
            }
            counts = Collections.unmodifiableMap(ordered);
            stale = stale == null ? List.of() : List.copyOf(stale);
        }
    }
}
