package dev.pywasm.compat.report;

import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.history.HistoryView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The human summaries of a result document: a console table and a Markdown page. Both lead with
 * what needs attention (see {@link Attention}), then count the cells that ran per (runtime, host) with
 * the inapplicable ones folded into one count and reason per column; the Markdown page then has one
 * table per README section of the cells that ran. Both are pure functions of the document and the history.
 */
public final class Summary {

    /** The longest list the head shows; the rest are in the tables (and the dashboard). */
    static final int LIST = 12;
    /** The STALE list, the README's current state, may be longer. */
    static final int STALE_LIST = 25;
    /** Observations in the head are cut to this many characters (the tables have them whole). */
    static final int OBSERVATION = 90;
    private static final List<Verdict> RAN = List.of(Verdict.HOLDS, Verdict.STALE, Verdict.CRASH, Verdict.TIMEOUT,
            Verdict.ERROR, Verdict.FLAKY);

    private Summary() {
    }

    /** Verdict counts per (runtime, host) column, every verdict. */
    public static Map<String, Map<Verdict, Integer>> counts(ResultDocument doc) {
        Map<String, Map<Verdict, Integer>> counts = new TreeMap<>();
        for (Result r : doc.results()) {
            counts.computeIfAbsent(Attention.column(r), k -> new EnumMap<>(Verdict.class))
                    .merge(r.verdict(), 1, Integer::sum);
        }
        return counts;
    }

    /** The console summary without a history. */
    public static String console(ResultDocument doc) {
        return console(doc, null);
    }

    /** What needs attention, then the counts of the cells that ran and the inapplicable ones per column. */
    public static String console(ResultDocument doc, HistoryView history) {
        Attention a = Attention.of(doc, history);
        StringBuilder out = new StringBuilder();
        head(a, doc, (title, items) -> {
            out.append(title).append('\n');
            items.forEach(i -> out.append("  ").append(i).append('\n'));
        });
        out.append('\n');
        Map<String, Map<Verdict, Integer>> counts = counts(doc);
        int width = Math.max(20, counts.keySet().stream().mapToInt(String::length).max().orElse(0));
        out.append(String.format("%-" + width + "s %5s", "runtime / host", "ran"));
        RAN.forEach(v -> out.append(String.format(" %7s", v)));
        out.append("  not applicable\n");
        counts.forEach((column, byVerdict) -> {
            out.append(String.format("%-" + width + "s %5d", column, ran(byVerdict)));
            RAN.forEach(v -> out.append(String.format(" %7d", byVerdict.getOrDefault(v, 0))));
            Attention.Inapplicable none = a.inapplicable().get(column);
            out.append("  ").append(none == null ? "0" : inapplicable(none, false)).append('\n');
        });
        if (!doc.run().documents().isEmpty() && !doc.run().documents().get(0).notCheckable().isEmpty()) {
            out.append("\nNot checkable: ").append(doc.run().documents().get(0).notCheckable().size())
                    .append(" sentence(s) and claim(s) of ").append(doc.run().documents().get(0).id())
                    .append(", each with its reason (summary.md, \"Not checkable\")\n");
        }
        if (!doc.run().documents().isEmpty()) {
            dev.pywasm.compat.report.drift.Drift drift = dev.pywasm.compat.report.drift.Drift.of(ResultSet.of(null, doc),
                    doc.run().documents(), java.util.Map.of());
            out.append("\nDocument versions (sentences false on their era's runtimes / on ")
                    .append(drift.today() == null ? "today's" : drift.today().id()).append("; see drift.md):\n");
            for (dev.pywasm.compat.report.drift.Drift.VersionDrift v : drift.versions()) {
                out.append(String.format("  %-40s %s / %d of %d%n", v.version().id(),
                        v.era().isEmpty() ? "-" : String.valueOf(v.staleOnEra().size()), v.staleToday().size(),
                        v.version().quotes().size()));
            }
        }
        return out.toString();
    }

    /** The Markdown page without a history. */
    public static String markdown(ResultDocument doc) {
        return markdown(doc, null);
    }

    /**
     * The Markdown page: the run in two lines, what needs attention, the counts, then the identities and one
     * table per README section listing the cells that ran.
     */
    public static String markdown(ResultDocument doc, HistoryView history) {
        Attention a = Attention.of(doc, history);
        StringBuilder md = new StringBuilder("# pywasm-compat results\n\n");
        md.append("- Run: ").append(at(doc.run().startedAt())).append(doc.run().finishedAt() == null ? " (not finished)"
                : " to " + at(doc.run().finishedAt())).append(", ").append(doc.run().tool()).append(", ")
                .append(doc.results().size()).append(" results\n");
        List<RuntimeIdentity> runtimes = doc.run().runtimes();
        md.append("- Runtimes: ").append(runtimes.stream().map(rt -> runtimes.size() > 2 ? rt.id() : Text.identity(rt))
                .collect(Collectors.joining(", "))).append('\n');
        md.append("- Hosts: ").append(doc.run().hosts().stream()
                .map(h -> Text.hostLabel(h.id()) + (h.version() == null ? "" : " " + h.version())).collect(Collectors.joining(", ")))
                .append('\n');
        md.append("- Claims source: ").append(shortSource(doc.run().claimsSource())).append("\n\n## Needs attention\n\n");
        boolean[] inList = {false};
        head(a, doc, (title, items) -> {
            if (items.isEmpty()) {
                md.append("- **").append(title).append("**\n"); // one-liners: one list
                inList[0] = true;
                return;
            }
            md.append(inList[0] ? "\n" : "").append("**").append(title).append("**\n\n");
            items.forEach(i -> md.append("- ").append(Text.mdCell(i)).append('\n'));
            md.append('\n');
            inList[0] = false;
        });
        md.append(inList[0] ? "\n" : "");
        md.append("## Verdict counts\n\n| runtime / host | ran |");
        RAN.forEach(v -> md.append(' ').append(v).append(" |"));
        md.append(" not applicable (left out of the tables) |\n|---|---|").append("---|".repeat(RAN.size() + 1)).append('\n');
        counts(doc).forEach((column, byVerdict) -> {
            md.append("| ").append(column).append(" | ").append(ran(byVerdict)).append(" |");
            RAN.forEach(v -> md.append(' ').append(byVerdict.getOrDefault(v, 0)).append(" |"));
            Attention.Inapplicable none = a.inapplicable().get(column);
            md.append(' ').append(Text.mdCell(none == null ? "0" : inapplicable(none, true))).append(" |\n");
        });
        notCheckable(doc, md);
        documents(doc, md);
        identities(doc, md);
        tables(doc, md);
        return md.toString();
    }

    /** Receives the head's lists: a title line and its items. */
    private interface Sink {
        void list(String title, List<String> items);
    }

    /** The head, shared by the console and Markdown: each list capped at {@link #LIST} items. */
    private static void head(Attention a, ResultDocument doc, Sink sink) {
        RunInfo.Interruption stop = doc.run().interrupted();
        if (stop != null) {
            sink.list("Interrupted by " + stop.signal() + " at " + at(stop.at()) + ": " + stop.done() + " of "
                    + stop.planned() + " planned results written, the rest did not run (continue with the same "
                    + "command and --resume).", List.of());
        }
        long ran = doc.results().stream().filter(Attention::shown).count();
        if (a.differs().isEmpty() && a.unrecorded().isEmpty()) {
            sink.list("Expectations: all " + doc.results().size() + " verdicts as recorded (" + ran + " ran).", List.of());
        }
        if (!a.differs().isEmpty()) {
            sink.list("Differs from the recorded expectation (" + a.differs().size() + "):", capped(a.differs(),
                    r -> r.key() + ": recorded " + r.expected() + ", observed " + r.verdict() + ": " + cut(observed(r))));
        }
        if (!a.unrecorded().isEmpty()) {
            sink.list("No recorded expectation (" + a.unrecorded().size() + "; record with --update-expectations):",
                    capped(a.unrecorded(), r -> r.key() + ": " + r.verdict()));
        }
        if (!a.history()) {
            sink.list("Since the previous run: not compared (no history).", List.of());
        } else if (a.previousRun() == null) {
            sink.list("Since the previous run: none recorded, this is the first run in the history.", List.of());
        } else if (a.changed().isEmpty()) {
            sink.list("Since the previous run (" + at(a.previousRun()) + "): no verdict changed.", List.of());
        } else {
            sink.list("Changed since the previous run (" + at(a.previousRun()) + "; " + a.changed().size() + "):",
                    capped(a.changed(), c -> c.result().key() + ": " + c.before() + " -> " + c.result().verdict()
                            + (c.regression() ? " (worse)" : "") + ": " + cut(Text.observation(c.result()))));
        }
        if (a.broken().isEmpty()) {
            sink.list("CRASH, TIMEOUT, ERROR, FLAKY: none.", List.of());
        } else {
            sink.list("CRASH, TIMEOUT, ERROR, FLAKY (" + a.broken().size() + "):",
                    capped(a.broken(), r -> r.verdict() + " " + r.key() + ": " + cut(observed(r))));
        }
        List<EngineDifference> byEngine = EngineDifference.ofResults(doc.results());
        if (!byEngine.isEmpty()) {
            sink.list("Differs by engine (" + byEngine.size() + "; the same runtime, served the same way):",
                    capped(byEngine, EngineDifference::line));
        }
        if (a.stale().isEmpty()) {
            sink.list("STALE: none; every statement checked holds.", List.of());
        } else {
            int cells = a.stale().values().stream().mapToInt(List::size).sum();
            sink.list("STALE, the README's statement no longer holds (" + a.stale().size() + " claims, " + cells + " cells):",
                    capped(List.copyOf(a.stale().values()), STALE_LIST, c -> c.get(0).claimId() + " @ " + Attention.where(c) + ": "
                            + cut(Attention.observed(c))));
        }
    }

    private static <T> List<String> capped(List<T> items, Function<T, String> line) {
        return capped(items, LIST, line);
    }

    private static <T> List<String> capped(List<T> items, int most, Function<T, String> line) {
        List<String> lines = new ArrayList<>();
        items.stream().limit(most).forEach(i -> lines.add(line.apply(i)));
        if (items.size() > most) {
            lines.add("... and " + (items.size() - most) + " more (see summary.md's tables or dashboard.html)");
        }
        return lines;
    }

    private static int ran(Map<Verdict, Integer> byVerdict) {
        return RAN.stream().mapToInt(v -> byVerdict.getOrDefault(v, 0)).sum();
    }

    /** {@code 33: 29 claims about other hosts; 4 premise absent (x, y: why)}. */
    static String inapplicable(Attention.Inapplicable none, boolean withReasons) {
        List<String> parts = new ArrayList<>();
        if (none.notForHost() > 0) {
            parts.add(none.notForHost() + " claims about other hosts");
        }
        int absent = none.total() - none.notForHost();
        if (absent > 0) {
            parts.add(absent + " premise absent" + (withReasons ? " (" + none.premiseAbsent().entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + ": " + cut(e.getKey()))
                    .collect(Collectors.joining("; ")) + ")" : ""));
        }
        return none.total() + ": " + String.join("; ", parts);
    }

    /** The primary document's sentences answered for without a verdict: quote, claim (if any) and why. */
    private static void notCheckable(ResultDocument doc, StringBuilder md) {
        List<dev.pywasm.compat.model.NotCheckable> entries = doc.run().documents().isEmpty() ? List.of()
                : doc.run().documents().get(0).notCheckable();
        if (entries.isEmpty()) {
            return;
        }
        md.append("\n## Not checkable (").append(entries.size()).append(")\n\nSentences of `")
                .append(doc.run().documents().get(0).id()).append("` no probe can check here, with why and what would make ")
                .append("them checkable (a claim named here runs and is SKIPPED everywhere but the control):\n\n")
                .append("| sentence | claim | why not checkable |\n|---|---|---|\n");
        for (dev.pywasm.compat.model.NotCheckable n : entries) {
            md.append("| ").append(Text.mdCell("\"" + n.quote() + "\"")).append(" | ")
                    .append(n.claim() == null ? "–" : "`" + n.claim() + "`").append(" | ").append(Text.mdCell(n.reason()))
                    .append(" |\n");
        }
    }

    /** Per version of the claims source, how many of its sentences are false on its era's runtimes and today's. */
    private static void documents(ResultDocument doc, StringBuilder md) {
        if (doc.run().documents().isEmpty()) {
            return;
        }
        dev.pywasm.compat.report.drift.Drift drift = dev.pywasm.compat.report.drift.Drift.of(ResultSet.of(null, doc),
                doc.run().documents(), java.util.Map.of());
        String today = drift.today() == null ? "today" : drift.today().id();
        md.append("\n## Document versions\n\n| version | date | fair for CPython | claims | false on its era | false on ")
                .append(today).append(" |\n|---|---|---|---|---|---|\n");
        for (dev.pywasm.compat.report.drift.Drift.VersionDrift v : drift.versions()) {
            md.append("| `").append(v.version().id()).append("` | ").append(Text.mdCell(v.version().date())).append(" | ")
                    .append(String.join(", ", v.version().fits())).append(" | ").append(v.version().quotes().size())
                    .append(" | ").append(v.era().isEmpty() ? "– (none in this run)" : v.staleOnEra().size() + " on "
                            + String.join(", ", v.era())).append(" | ").append(v.staleToday().size()).append(" |\n");
        }
        md.append("\nThe sentences, the edits the newest text needs and the removed sentences: `")
                .append(dev.pywasm.compat.report.drift.DriftMarkdown.FILE).append("`.\n");
    }

    private static void identities(ResultDocument doc, StringBuilder md) {
        md.append("\n## Runtimes and hosts\n\n| runtime | Python | Emscripten |\n|---|---|---|\n");
        for (RuntimeIdentity rt : doc.run().runtimes()) {
            md.append("| ").append(rt.id()).append(" | ").append(Text.mdCell(rt.python())).append(" | ")
                    .append(Text.mdCell(rt.emscripten())).append(" |\n");
        }
        md.append("\n| host | version | flags accepted | flags rejected | notes |\n|---|---|---|---|---|\n");
        for (HostIdentity h : doc.run().hosts()) {
            md.append("| ").append(h.id()).append(" | ").append(Text.mdCell(h.version())).append(" | ")
                    .append(Text.mdCell(String.join(" ", h.acceptedFlags()))).append(" | ")
                    .append(Text.mdCell(String.join(" ", h.rejectedFlags()))).append(" | ")
                    .append(Text.mdCell(h.notes())).append(" |\n");
        }
    }

    /** One table per section, of the cells that ran (SKIPPED ones are counted above, not listed). */
    private static void tables(ResultDocument doc, StringBuilder md) {
        Map<String, List<Result>> bySection = new LinkedHashMap<>();
        doc.results().stream().filter(Attention::shown).forEach(r -> bySection
                .computeIfAbsent(r.section() == null ? "(no section)" : r.section(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Result>> section : new TreeMap<>(bySection).entrySet()) {
            md.append("\n## ").append(section.getKey()).append("\n\n")
                    .append("| claim | host | runtime | verdict | expected | observation |\n|---|---|---|---|---|---|\n");
            section.getValue().stream()
                    .sorted((x, y) -> x.key().compareTo(y.key()))
                    .forEach(r -> md.append("| `").append(r.claimId()).append("` | ").append(r.host()).append(" | ")
                            .append(r.runtime()).append(" | **").append(r.verdict()).append("** | ")
                            .append(r.expected() == null ? "" : r.expected()).append(" | ")
                            .append(Text.mdCell(observed(r))).append(" |\n"));
        }
    }

    /** The observation in one line; for a result run more than once, every attempt's verdict first. */
    static String observed(Result r) {
        String summary = Text.observation(r);
        if (r.attempts().isEmpty()) {
            return summary;
        }
        return "attempts " + r.attempts().stream().map(a -> a.verdict().name())
                .collect(Collectors.joining(", ")) + "; first: " + summary;
    }

    /** The claims source as {@code path (sha256 0123456789ab...)}. */
    static String shortSource(String recorded) {
        if (recorded == null) {
            return "(not recorded)";
        }
        return recorded.replaceFirst(" sha256:([0-9a-f]{12})[0-9a-f]{52}$", " (sha256 $1...)");
    }

    /** An instant to the second, as people read it. */
    private static String at(java.time.Instant instant) {
        return instant == null ? "?" : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String cut(String text) {
        String t = text == null ? "" : text.replace('\n', ' ');
        return t.length() > OBSERVATION ? t.substring(0, OBSERVATION - 3) + "..." : t;
    }
}
