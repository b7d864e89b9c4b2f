package dev.pywasm.compat.report.drift;

import dev.pywasm.compat.model.DocumentVersion;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ResultSet;
import dev.pywasm.compat.report.Text;
import dev.pywasm.compat.report.VersionOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documentation drift: per version of the claims source (oldest first), its sentences that are STALE on the
 * runtimes of its era (those it {@linkplain DocumentVersion#fits fits}) and on today's (the newest runtime of
 * the results); per sentence a version removed, where the run saw it false; and the edits the newest text
 * needs. A pure function of the results and the versions they record.
 *
 * @param versions the versions, oldest first
 * @param today    the newest runtime of the results
 * @param removals the sentences present in one version and gone in the next
 * @param edits    the newest version's sentences that are false on today's runtime or its era's
 */
public record Drift(List<VersionDrift> versions, RuntimeIdentity today, List<Removal> removals, List<Sentence> edits) {

    /** The oldest Pyodide release the nightly matrix checks: where a bisection starts when the run had nothing older. */
    public static final String DEFAULT_BISECT_FROM = "0.23.4";

    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})(?:-(\\d{2}))?");

    /**
     * One STALE cell: the evidence of a false sentence.
     *
     * @param host        the host
     * @param runtime     the runtime id
     * @param observation what the probe saw, one line
     */
    public record Evidence(String host, String runtime, String observation) {
        /** The cell's evidence in the dashboard. */
        public String anchor(String claimId) {
            return "#cell-" + String.join("~", enc(claimId), enc(host), enc(runtime));
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /**
     * A sentence of one version with the cells that found it false.
     *
     * @param claimId the claim
     * @param quote   the version's words
     * @param stale   the STALE cells
     */
    public record Sentence(String claimId, String quote, List<Evidence> stale) {
    }

    /**
     * @param version    the document version
     * @param era        the runtimes of the results it fits
     * @param staleOnEra its sentences false on those runtimes
     * @param staleToday its sentences false on today's runtime
     * @param checked    how many of its claims have a checked (not SKIPPED) cell
     */
    public record VersionDrift(DocumentVersion version, List<String> era, List<Sentence> staleOnEra,
                               List<Sentence> staleToday, int checked) {
    }

    /**
     * A sentence present in {@code from} and gone in {@code in}.
     *
     * @param claimId   the claim
     * @param quote     the words it had
     * @param from      the last version with it
     * @param in        the first version without it
     * @param stale     the cells where the run found it false
     * @param holds     the runtimes (host/runtime) where it still holds
     * @param changedIn what a bisection or neighbouring runtimes say about the release that made it false
     * @param bisect    the command that finds that release, when the results cannot say
     */
    public record Removal(String claimId, String quote, String from, String in, List<Evidence> stale, List<String> holds,
                          List<String> changedIn, String bisect) {
    }

    /** @param changeNotes per claim, what the reports know about the release that changed it ({@code ChangeNotes}) */
    public static Drift of(ResultSet set, List<DocumentVersion> recorded, Map<String, List<String>> changeNotes) {
        List<DocumentVersion> versions = ordered(recorded);
        // The control (native CPython, no wasm) says what a probe sees without wasm, nothing about the README.
        List<Result> results = set.results().stream().filter(r -> !Text.CONTROL_HOST.equals(r.host())).toList();
        List<RuntimeIdentity> runtimes = set.runtimes().stream().sorted(VersionOrder.BY_EMSCRIPTEN).toList();
        RuntimeIdentity today = runtimes.isEmpty() ? null : runtimes.get(runtimes.size() - 1);
        List<VersionDrift> drifts = new ArrayList<>();
        for (DocumentVersion v : versions) {
            List<String> era = runtimes.stream().filter(v::fits).map(RuntimeIdentity::id).toList();
            int checked = (int) results.stream().filter(r -> v.quotes().containsKey(r.claimId()) && r.verdict() != Verdict.SKIPPED)
                    .map(Result::claimId).distinct().count();
            drifts.add(new VersionDrift(v, era, sentences(v, results, era),
                    today == null ? List.of() : sentences(v, results, List.of(today.id())), checked));
        }
        List<Removal> removals = new ArrayList<>();
        for (int i = 0; i + 1 < versions.size(); i++) {
            DocumentVersion older = versions.get(i);
            DocumentVersion newer = versions.get(i + 1);
            for (Map.Entry<String, String> e : older.quotes().entrySet()) {
                if (!newer.quotes().containsKey(e.getKey())) {
                    removals.add(removal(e.getKey(), e.getValue(), older, newer, results, runtimes, changeNotes));
                }
            }
        }
        List<Sentence> edits = List.of();
        if (!drifts.isEmpty()) {
            VersionDrift newest = drifts.get(drifts.size() - 1);
            Map<String, Sentence> merged = new LinkedHashMap<>();
            List<String> eraAndToday = new ArrayList<>(newest.era());
            if (today != null && !eraAndToday.contains(today.id())) {
                eraAndToday.add(today.id());
            }
            sentences(newest.version(), results, eraAndToday).forEach(s -> merged.put(s.claimId(), s));
            edits = List.copyOf(merged.values());
        }
        return new Drift(List.copyOf(drifts), today, List.copyOf(removals), edits);
    }

    /** The edits grouped by sentence: claims quoting the same words are one edit of the text. */
    public Map<String, List<Sentence>> editsBySentence() {
        Map<String, List<Sentence>> bySentence = new LinkedHashMap<>();
        edits.forEach(s -> bySentence.computeIfAbsent(s.quote(), k -> new ArrayList<>()).add(s));
        return bySentence;
    }

    /** The primary (recorded first) stays first; the later versions follow by date. */
    static List<DocumentVersion> ordered(List<DocumentVersion> recorded) {
        if (recorded.isEmpty()) {
            return List.of();
        }
        List<DocumentVersion> rest = new ArrayList<>(recorded.subList(1, recorded.size()));
        rest.sort(Comparator.comparing((DocumentVersion v) -> sortableDate(v.date())).thenComparing(DocumentVersion::id));
        List<DocumentVersion> all = new ArrayList<>();
        all.add(recorded.get(0));
        all.addAll(rest);
        return all;
    }

    /** {@code 2022-09-13} and {@code after 2025-08} as {@code 20220913} and {@code 20250800}; no date sorts last. */
    static String sortableDate(String date) {
        Matcher m = date == null ? null : DATE.matcher(date);
        if (m == null || !m.find()) {
            return "99999999";
        }
        return m.group(1) + m.group(2) + Objects.requireNonNullElse(m.group(3), "00");
    }

    private static List<Sentence> sentences(DocumentVersion v, List<Result> results, List<String> runtimes) {
        List<Sentence> out = new ArrayList<>();
        for (Map.Entry<String, String> e : v.quotes().entrySet()) {
            List<Evidence> stale = stale(e.getKey(), results, runtimes);
            if (!stale.isEmpty()) {
                out.add(new Sentence(e.getKey(), e.getValue(), stale));
            }
        }
        return out;
    }

    private static List<Evidence> stale(String claimId, List<Result> results, List<String> runtimes) {
        return results.stream()
                .filter(r -> r.claimId().equals(claimId) && r.verdict() == Verdict.STALE && runtimes.contains(r.runtime()))
                .map(r -> new Evidence(r.host(), r.runtime(), r.observation() == null ? r.reason() : r.observation().summary()))
                .toList();
    }

    private static Removal removal(String claimId, String quote, DocumentVersion older, DocumentVersion newer,
            List<Result> results, List<RuntimeIdentity> runtimes, Map<String, List<String>> changeNotes) {
        List<String> all = runtimes.stream().map(RuntimeIdentity::id).toList();
        List<Evidence> stale = stale(claimId, results, all);
        List<String> holds = results.stream().filter(r -> r.claimId().equals(claimId) && r.verdict() == Verdict.HOLDS)
                .map(r -> r.host() + "/" + r.runtime()).toList();
        List<String> notes = changeNotes.getOrDefault(claimId, List.of());
        String bisect = null;
        if (notes.isEmpty() && !stale.isEmpty()) {
            Evidence first = stale.get(0);
            RuntimeIdentity to = runtimes.stream().filter(r -> r.id().equals(first.runtime())).findFirst().orElse(null);
            if (to != null && "pyodide".equals(to.kind())) {
                String from = runtimes.stream().filter(r -> "pyodide".equals(r.kind()))
                        .filter(r -> holds.contains(first.host() + "/" + r.id())).map(RuntimeIdentity::version)
                        .findFirst().orElse(DEFAULT_BISECT_FROM);
                bisect = "./pywasm-compat bisect --host " + first.host() + " --from " + from + " --to " + to.version()
                        + " --claims " + claimId;
            }
        }
        return new Removal(claimId, quote, older.id(), newer.id(), stale, holds, notes, bisect);
    }
}
