package dev.pywasm.compat.report;

import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.report.bench.BenchHistory;
import dev.pywasm.compat.report.bench.BenchTrend;
import dev.pywasm.compat.report.bench.BenchTrendHtml;
import dev.pywasm.compat.report.bisect.ChangeNotes;
import dev.pywasm.compat.report.dashboard.Dashboard;
import dev.pywasm.compat.report.dashboard.DashboardModel;
import dev.pywasm.compat.report.diff.DiffMarkdown;
import dev.pywasm.compat.report.diff.VersionDiff;
import dev.pywasm.compat.report.drift.DocumentVerdicts;
import dev.pywasm.compat.report.drift.Drift;
import dev.pywasm.compat.report.drift.DriftHtml;
import dev.pywasm.compat.report.drift.DriftMarkdown;
import dev.pywasm.compat.model.DocumentVersion;
import dev.pywasm.compat.report.history.HistoryStore;
import dev.pywasm.compat.report.history.HistoryView;
import dev.pywasm.compat.report.readme.AnnotatedReadme;
import dev.pywasm.compat.report.readme.ReadmeHtml;
import dev.pywasm.compat.report.readme.ReadmeMarkdown;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the "what changed?" reports of a result set into one directory: {@code dashboard.html},
 * {@code annotated-README.md}, and with several runtimes {@code diff.md} and {@code diff.json} (oldest
 * vs newest Emscripten); records the runs in the history store first, so the dashboard's history
 * includes them. The dashboard notes, on each claim that changed between neighbouring runtimes, the
 * release that changed it when a bisection beside the results ({@code bisect/*}/bisect.json) says so.
 * Used at the end of {@code run} and by {@code report}.
 */
public final class Reports {

    public static final String DASHBOARD = "dashboard.html";
    public static final String ANNOTATED_README = "annotated-README.md";
    public static final String DIFF_MD = "diff.md";
    public static final String DIFF_JSON = "diff.json";
    public static final String DRIFT_MD = DriftMarkdown.FILE;

    private static final Pattern SOURCE = Pattern.compile("^(.*?) sha256:([0-9a-f]{64})$");

    /** Where and what to write; chained setters. */
    public static final class Options {
        private Path out;
        private Path claimsSource;
        private HistoryStore history;

        public Path out() {
            return out;
        }

        /** The directory the reports go to (usually the one results.json is in). */
        public Options setOut(Path out) {
            this.out = out;
            return this;
        }

        public Path claimsSource() {
            return claimsSource;
        }

        /** The README the claims quote; null: the path the (first) run recorded. */
        public Options setClaimsSource(Path claimsSource) {
            this.claimsSource = claimsSource;
            return this;
        }

        public HistoryStore history() {
            return history;
        }

        /** The history store to record the runs in and read; null: no history. */
        public Options setHistory(HistoryStore history) {
            this.history = history;
            return this;
        }
    }

    /**
     * What was written.
     *
     * @param files    the report files (dashboard, annotated README, diff, then each later document version's annotated text and drift.md), then the history records
     * @param warnings things the user should know (unreadable history, quotes not found, ...)
     */
    public record Written(List<Path> files, List<String> warnings) {
    }

    private Reports() {
    }

    public static Written write(ResultSet set, Options options) {
        if (options.out() == null) {
            throw new IllegalArgumentException("Reports.Options: out must be set");
        }
        Path out = options.out().toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        List<Path> recorded = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        Dashboard.HistoryInput history = Dashboard.HistoryInput.off();
        String benchHtml = BenchTrendHtml.of(null, List.of(), List.of());
        if (options.history() != null) {
            benchHtml = benchHtml(options.history().dir(), warnings);
            HistoryStore store = options.history();
            try {
                for (ResultSet.Source s : set.sources()) {
                    recorded.add(store.record(s.doc()));
                }
                history = new Dashboard.HistoryInput(store.dir().toString(), HistoryView.of(store.read()), null);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                warnings.add("history: " + e.getMessage());
                history = new Dashboard.HistoryInput(store.dir().toString(), HistoryView.empty(), e.getMessage());
            }
        }

        Path source = options.claimsSource() != null ? options.claimsSource() : recordedSource(set.sources().get(0).doc().run());
        AnnotatedReadme readme = null;
        String readmeProblem = null;
        if (source == null || !Files.isRegularFile(source)) {
            readmeProblem = "claims source not found (" + (source == null ? set.sources().get(0).doc().run().claimsSource()
                    : source) + "): no annotated README";
            warnings.add(readmeProblem);
        } else {
            List<DocumentVersion> docs = set.sources().get(0).doc().run().documents();
            readme = AnnotatedReadme.of(read(source), source.getFileName().toString(), docs.isEmpty()
                    ? ClaimStatus.of(set.results()) : DocumentVerdicts.statuses(docs.get(0), set.results()),
                    docs.isEmpty() ? List.of() : docs.get(0).notCheckable());
            String changed = sourceChanged(set.sources().get(0).doc().run(), source);
            if (changed != null) {
                warnings.add(changed);
            }
            if (!readme.notFound().isEmpty()) {
                warnings.add(readme.notFound().size() + " quote(s) not found in " + source + ": " + String.join(", ",
                        readme.notFound().stream().map(ClaimStatus::claimId).toList()));
            }
        }

        VersionDiff diff = VersionDiff.oldestToNewest(set);
        Path resultsDir = set.sources().get(0).path() == null ? out : set.sources().get(0).path().getParent();
        Map<String, List<String>> changes = ChangeNotes.of(set, ChangeNotes.read(resultsDir, warnings));
        DashboardModel model = Dashboard.model(set, out, readme, readmeProblem, history, diff, changes);
        List<DocumentVersion> docs = set.sources().get(0).doc().run().documents();
        String driftHtml = "";
        List<Path> versionFiles = new ArrayList<>();
        if (!docs.isEmpty()) {
            Map<String, String> annotatedHtml = new java.util.LinkedHashMap<>();
            for (DocumentVersion v : docs.subList(1, docs.size())) {
                Path doc = v.path() == null ? null : Path.of(v.path());
                if (doc == null || !Files.isRegularFile(doc)) {
                    warnings.add("document version " + v.id() + ": " + v.path() + " not found: no annotated text for it");
                    continue;
                }
                AnnotatedReadme annotated = AnnotatedReadme.of(read(doc), v.id() + " (" + v.sourcePath() + ")",
                        DocumentVerdicts.statuses(v, set.results()), v.notCheckable());
                if (!annotated.notFound().isEmpty()) {
                    warnings.add(annotated.notFound().size() + " quote(s) of " + v.id() + " not found in " + doc);
                }
                Path file = out.resolve(annotatedName(v.id()));
                AtomicFile.write(file, ReadmeMarkdown.of(annotated, DASHBOARD, about(set)));
                versionFiles.add(file);
                annotatedHtml.put(v.id(), ReadmeHtml.of(annotated));
            }
            Drift drift = Drift.of(set, docs, changes);
            Path md = out.resolve(DRIFT_MD);
            AtomicFile.write(md, DriftMarkdown.of(drift, DASHBOARD, about(set).replaceFirst("^Marks from", "From")));
            versionFiles.add(md);
            driftHtml = DriftHtml.of(drift, annotatedHtml);
        }
        Path dashboard = out.resolve(DASHBOARD);
        AtomicFile.write(dashboard, Dashboard.html(model, readme == null ? null : ReadmeHtml.of(readme), driftHtml,
                docs.isEmpty() ? List.of() : docs.get(0).notCheckable(), benchHtml));
        files.add(dashboard);
        if (readme != null) {
            Path annotated = out.resolve(ANNOTATED_README);
            AtomicFile.write(annotated, ReadmeMarkdown.of(readme, DASHBOARD, about(set)));
            files.add(annotated);
        }
        if (diff != null) {
            Path md = out.resolve(DIFF_MD);
            AtomicFile.write(md, DiffMarkdown.of(diff));
            Path json = out.resolve(DIFF_JSON);
            AtomicFile.write(json, out2 -> Json.mapper().writeValue(out2, diff));
            files.add(md);
            files.add(json);
        }
        files.addAll(versionFiles);
        files.addAll(recorded);
        return new Written(List.copyOf(files), List.copyOf(warnings));
    }

    /** The bench runs kept in the history directory, as the dashboard's trend; unreadable records are warnings. */
    static String benchHtml(Path dir, List<String> warnings) {
        try {
            BenchHistory.Read read = new BenchHistory(dir).read();
            read.problems().forEach(p -> warnings.add("history: " + p));
            return BenchTrendHtml.of(dir.toString(), BenchTrend.of(read.documents()), read.problems());
        } catch (UncheckedIOException e) {
            warnings.add("history: " + e.getMessage());
            return BenchTrendHtml.of(dir.toString(), List.of(), List.of(e.getMessage()));
        }
    }

    /** The annotated text of a later document version: {@code annotated-README.<version id>.md}. */
    public static String annotatedName(String versionId) {
        return "annotated-README." + versionId + ".md";
    }

    /** One line naming the run(s) behind the marks. */
    static String about(ResultSet set) {
        List<String> runs = new ArrayList<>();
        for (ResultSet.Source s : set.sources()) {
            RunInfo run = s.doc().run();
            runs.add("the run of " + run.startedAt() + " (" + String.join("; ",
                    run.runtimes().stream().map(Text::identity).toList()) + " on "
                    + String.join(", ", run.hosts().stream().map(HostIdentity::id).toList()) + ")");
        }
        return "Marks from " + String.join(" and ", runs) + ".";
    }

    /** The claims source path a run recorded ({@code PATH sha256:HEX}), or null. */
    public static Path recordedSource(RunInfo run) {
        String recorded = run.claimsSource();
        if (recorded == null || recorded.isBlank()) {
            return null;
        }
        Matcher m = SOURCE.matcher(recorded.strip());
        String path = m.matches() ? m.group(1) : recorded.replaceFirst(" \\((missing|unreadable.*)\\)$", "");
        try {
            return Path.of(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A warning when the source's SHA-256 is not the one the run recorded, else null. */
    static String sourceChanged(RunInfo run, Path source) {
        Matcher m = run.claimsSource() == null ? null : SOURCE.matcher(run.claimsSource().strip());
        if (m == null || !m.matches()) {
            return null;
        }
        try (InputStream in = Files.newInputStream(source)) {
            String now = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            return now.equals(m.group(2)) ? null : "the claims source " + source + " changed since the run (sha256 "
                    + now.substring(0, 12) + "..., the run saw " + m.group(2).substring(0, 12) + "...): marks may be misplaced";
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the claims source " + file, e);
        }
    }

    /** For callers that have one document in memory. */
    public static Written write(Path resultsJson, ResultDocument doc, Options options) {
        return write(ResultSet.of(resultsJson, doc), options);
    }
}
