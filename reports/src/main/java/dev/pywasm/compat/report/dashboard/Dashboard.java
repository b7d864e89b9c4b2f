package dev.pywasm.compat.report.dashboard;

import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ClaimStatus;
import dev.pywasm.compat.report.EngineDifference;
import dev.pywasm.compat.report.Html;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.ResultSet;
import dev.pywasm.compat.report.Text;
import dev.pywasm.compat.report.diff.VersionDiff;
import dev.pywasm.compat.report.history.CellHistory;
import dev.pywasm.compat.report.history.HistoryView;
import dev.pywasm.compat.report.readme.AnnotatedReadme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code dashboard.html}: one self-contained page (inline CSS and script, the data as embedded JSON, no
 * requests) with the claims x (host, runtime) matrix, each cell's evidence, the history and the version
 * diff. The page is built from a template resource; the data is escaped for a script element and the
 * annotated README is escaped HTML made in Java.
 */
public final class Dashboard {

    private static final String RESOURCES = "/dev/pywasm/compat/report/dashboard/";
    private static final Pattern SLOT = Pattern.compile("\\{\\{([A-Z_]+)}}");

    /**
     * What is known of the history.
     *
     * @param dir   where it is; null when history is off
     * @param view  the records read; empty when off or unreadable
     * @param error why it could not be read, if so
     */
    public record HistoryInput(String dir, HistoryView view, String error) {
        public static HistoryInput off() {
            return new HistoryInput(null, HistoryView.empty(), null);
        }
    }

    private Dashboard() {
    }

    /**
     * @param out    the directory the dashboard is written to (attachment links are made relative to it)
     * @param readme the annotated claims source, or null when the source could not be read
     * @param readmeProblem why there is no annotated source, if so
     */
    public static DashboardModel model(ResultSet set, Path out, AnnotatedReadme readme, String readmeProblem,
                                       HistoryInput history, VersionDiff diff) {
        return model(set, out, readme, readmeProblem, history, diff, Map.of());
    }

    /**
     * @param changes per claim, which release changed it between neighbouring runtimes (or how to find out),
     *                one line per host; see {@code ChangeNotes}
     */
    public static DashboardModel model(ResultSet set, Path out, AnnotatedReadme readme, String readmeProblem,
                                       HistoryInput history, VersionDiff diff, Map<String, List<String>> changes) {
        List<Result> results = set.results();
        List<RuntimeIdentity> runtimes = set.runtimes();
        List<HostIdentity> hosts = set.hosts();
        List<DashboardModel.Column> columns = new ArrayList<>();
        Set<String> present = results.stream().map(r -> r.runtime() + "|" + r.host()).collect(Collectors.toSet());
        for (RuntimeIdentity rt : runtimes) {
            for (HostIdentity h : hosts) {
                if (present.contains(rt.id() + "|" + h.id())) {
                    columns.add(new DashboardModel.Column(columnKey(h.id(), rt.id()), h.id(), rt.id(),
                            Text.hostLabel(h.id())));
                }
            }
        }
        Map<String, List<Result>> byClaim = new LinkedHashMap<>();
        results.forEach(r -> byClaim.computeIfAbsent(r.claimId(), k -> new ArrayList<>()).add(r));
        List<String> order = new ArrayList<>(byClaim.keySet());
        if (readme != null) {
            order.sort(Comparator.comparing((String id) -> readme.position(id).orElse(Integer.MAX_VALUE)));
        }
        List<DashboardModel.Row> rows = new ArrayList<>();
        List<DashboardModel.Change> regressions = new ArrayList<>();
        List<DashboardModel.Change> lastChanges = new ArrayList<>();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (String id : order) {
            List<Result> cells = byClaim.get(id);
            ClaimStatus status = ClaimStatus.of(cells).get(0);
            Map<String, DashboardModel.Cell> byColumn = new LinkedHashMap<>();
            DashboardModel.Change latest = null;
            for (Result r : cells) {
                counts.merge(r.verdict(), 1, Integer::sum);
                Instant runStart = set.runOf(r).startedAt();
                CellHistory h = history.view().cell(r.key(), r.verdict(), Text.observation(r), runStart);
                byColumn.put(columnKey(r.host(), r.runtime()), cell(r, h, set, out));
                if (h.regressed()) {
                    regressions.add(new DashboardModel.Change(id, r.host(), r.runtime(), runStart, h.previous(),
                            r.verdict(), Text.observation(r)));
                }
                if (h.changedAt() != null && (latest == null || h.changedAt().isAfter(latest.at()))) {
                    latest = new DashboardModel.Change(id, r.host(), r.runtime(), h.changedAt(), h.changedFrom(),
                            r.verdict(), Text.observation(r));
                }
            }
            if (latest != null) {
                lastChanges.add(latest);
            }
            rows.add(new DashboardModel.Row(id, status.section(), status.quote(), status, status.label(), status.symbol(),
                    status.cssClass(), readme != null && readme.position(id).isPresent(), byColumn,
                    changes.getOrDefault(id, List.of())));
        }
        lastChanges.sort(Comparator.comparing(DashboardModel.Change::at).reversed());
        List<String> sections = rows.stream().map(r -> Objects.requireNonNullElse(r.section(), "(no section)"))
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        Instant latestStart = set.latestRun().startedAt();
        Instant previousRun = history.view().records().stream().map(r -> r.startedAt())
                .filter(at -> latestStart == null || at.isBefore(latestStart))
                .max(Comparator.naturalOrder()).orElse(null);
        DashboardModel.History hist = new DashboardModel.History(history.dir(), history.view().records().size(),
                previousRun, history.error(), regressions, lastChanges);
        List<DashboardModel.Run> runs = set.sources().stream().map(s -> new DashboardModel.Run(s.label(),
                s.doc().run().tool(), s.doc().run().startedAt(), s.doc().run().finishedAt(), s.doc().run().claimsSource(),
                s.doc().results().size())).toList();
        DashboardModel.Readme readmeInfo = new DashboardModel.Readme(readme == null ? null : readme.sourceName(),
                readmeProblem, readme == null ? List.of() : readme.notFound());
        String title = "pywasm-compat: " + String.join(", ", runtimes.stream().map(RuntimeIdentity::id).toList())
                + " on " + String.join(", ", hosts.stream().map(HostIdentity::id).toList());
        return new DashboardModel(title, Instant.now(), runs, runtimes, hosts, columns, sections, rows, counts, hist,
                diff, readmeInfo);
    }

    /** The column key cells are filed under: {@code host|runtime}. */
    public static String columnKey(String host, String runtime) {
        return host + "|" + runtime;
    }

    private static DashboardModel.Cell cell(Result r, CellHistory h, ResultSet set, Path out) {
        Evidence e = r.evidence() == null ? Evidence.none() : r.evidence();
        ResultSet.Source source = set.sourceOf(r);
        Path base = source == null || source.path() == null ? out : source.path().getParent();
        List<DashboardModel.Link> links = e.attachments().stream()
                .map(a -> new DashboardModel.Link(Path.of(a).getFileName().toString(), href(out, base.resolve(a))))
                .toList();
        return new DashboardModel.Cell(r.claimId(), r.host(), r.runtime(), r.verdict(), r.expected(), r.reason(),
                Text.observation(r), r.observation() == null ? null : Json.mapper().valueToTree(r.observation()),
                e.command(), e.exitCode(), e.durationMillis(), e.stdoutTail(), e.stderrTail(), links, h);
    }

    /** A relative, percent-encoded link from the dashboard's directory to a file. */
    static String href(Path out, Path file) {
        Path rel;
        try {
            rel = out.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            rel = file.toAbsolutePath();
        }
        String path = rel.toString().replace('\\', '/');
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    /** The page: template, style and script from resources, the model as embedded JSON, the README as HTML. */
    public static String html(DashboardModel model, String readmeHtml) {
        return html(model, readmeHtml, "");
    }

    /** @param versionsHtml the "Document versions and drift" section's body ({@code DriftHtml}); empty: none */
    public static String html(DashboardModel model, String readmeHtml, String versionsHtml) {
        return html(model, readmeHtml, versionsHtml, List.of(), "");
    }

    /**
     * @param versionsHtml the "Document versions and drift" section's body ({@code DriftHtml}); empty: none
     * @param notCheckable the primary document's not-checkable entries, listed in their own section
     * @param benchHtml the "Isolation cost over time" section's body ({@code BenchTrendHtml}); empty: none
     */
    public static String html(DashboardModel model, String readmeHtml, String versionsHtml,
            List<dev.pywasm.compat.model.NotCheckable> notCheckable, String benchHtml) {
        String script = resource("dashboard.js");
        if (script.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("dashboard.js must not contain '</script'");
        }
        Map<String, String> slots = Map.of(
                "TITLE", Html.escape(model.title()),
                "STYLE", resource("dashboard.css"),
                "SCRIPT", script,
                "DATA", ScriptJson.write(model),
                "README", readmeHtml == null ? "" : readmeHtml,
                "VERSIONS", versionsHtml == null || versionsHtml.isEmpty()
                        ? "<p>The results record no document versions.</p>" : versionsHtml,
                "ENGINES", enginesHtml(model),
                "NOTCHECKABLE", notCheckableHtml(notCheckable),
                "BENCH", benchHtml == null || benchHtml.isEmpty() ? "<p>No bench runs were read.</p>" : benchHtml);
        return fill(resource("dashboard.html"), slots::get);
    }

    /** The "Differs by engine" headline: one line per claim and runtime whose verdict depends on the engine. */
    static String enginesHtml(DashboardModel model) {
        List<EngineDifference.Seen> cells = model.claims().stream().flatMap(r -> r.cells().values().stream())
                .map(c -> new EngineDifference.Seen(c.claim(), c.host(), c.runtime(), c.verdict())).toList();
        if (EngineDifference.engineCount(cells) < 2) {
            return "<p>One engine in these results: nothing to compare (run more hosts, e.g. --hosts all).</p>";
        }
        List<EngineDifference> diffs = EngineDifference.of(cells);
        if (diffs.isEmpty()) {
            return "<p>Every claim has the same verdict on every engine that checked it.</p>";
        }
        StringBuilder html = new StringBuilder("<ul class=\"engines\">\n");
        for (EngineDifference d : diffs) {
            html.append("  <li><code>").append(Html.escape(d.claimId())).append("</code> @ ")
                    .append(Html.escape(d.runtime())).append(d.mode().isEmpty() ? "" : " (served " + Html.escape(d.mode()) + ")")
                    .append(": ").append(d.engines().entrySet().stream()
                            .map(e -> "<span class=\"v-" + e.getKey().name() + "\">" + e.getKey() + "</span> on "
                                    + Html.escape(String.join(", ", e.getValue())))
                            .collect(Collectors.joining("; "))).append("</li>\n");
        }
        return html.append("</ul>").toString();
    }

    /**
     * The "Not checkable" section: every sentence the catalog answers for without a verdict, with its reason, so
     * that what was never checked is not read as checked (the matrix shows only claims with cells).
     */
    static String notCheckableHtml(List<dev.pywasm.compat.model.NotCheckable> entries) {
        StringBuilder html = new StringBuilder("    <h2>Not checkable (").append(entries.size()).append(")</h2>\n");
        if (entries.isEmpty()) {
            return html.append("<p>The results record no not-checkable sentences (every sentence is a checked claim, "
                    + "or the run predates issue 12).</p>").toString();
        }
        html.append("<p>Sentences of the claims source no probe can check here, each with why and what would make it "
                + "checkable: sentences no claim quotes, and claims no runtime and host of the run can answer.</p>\n")
                .append("<table class=\"not-checkable\"><thead><tr><th>sentence</th><th>claim</th><th>why not checkable</th>"
                        + "</tr></thead><tbody>\n");
        for (dev.pywasm.compat.model.NotCheckable n : entries) {
            html.append("<tr><td><q>").append(Html.escape(n.quote())).append("</q></td><td>")
                    .append(n.claim() == null ? "–" : "<a href=\"#claim-" + Html.escape(n.claim()) + "\"><code>"
                            + Html.escape(n.claim()) + "</code></a>")
                    .append("</td><td>").append(Html.escape(n.reason())).append("</td></tr>\n");
        }
        return html.append("</tbody></table>").toString();
    }

    /** Replaces each {@code {{NAME}}} of the template once; values are not scanned again. */
    static String fill(String template, Function<String, String> values) {
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder(template.length() * 2);
        while (m.find()) {
            String value = values.apply(m.group(1));
            if (value == null) {
                throw new IllegalStateException("dashboard template: no value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCES + name, e);
        }
    }
}
