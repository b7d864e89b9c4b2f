package dev.pywasm.compat.report;

import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The human summaries of a result document: a console table and a Markdown page. Both are pure
 * functions of the document.
 */
public final class Summary {

    private Summary() {
    }

    /** Verdict counts per (runtime, host) column. */
    public static Map<String, Map<Verdict, Integer>> counts(ResultDocument doc) {
        Map<String, Map<Verdict, Integer>> counts = new TreeMap<>();
        for (Result r : doc.results()) {
            counts.computeIfAbsent(r.runtime() + " / " + r.host(), k -> new EnumMap<>(Verdict.class))
                    .merge(r.verdict(), 1, Integer::sum);
        }
        return counts;
    }

    /** A fixed-width table for the terminal, with the STALE, CRASH, TIMEOUT, ERROR and unexpected lists. */
    public static String console(ResultDocument doc) {
        StringBuilder out = new StringBuilder();
        Map<String, Map<Verdict, Integer>> counts = counts(doc);
        int width = Math.max(20, counts.keySet().stream().mapToInt(String::length).max().orElse(0));
        out.append(String.format("%-" + width + "s", "runtime / host"));
        for (Verdict v : Verdict.values()) {
            out.append(String.format(" %8s", v));
        }
        out.append('\n');
        counts.forEach((column, byVerdict) -> {
            out.append(String.format("%-" + width + "s", column));
            for (Verdict v : Verdict.values()) {
                out.append(String.format(" %8d", byVerdict.getOrDefault(v, 0)));
            }
            out.append('\n');
        });
        for (Verdict v : List.of(Verdict.STALE, Verdict.CRASH, Verdict.TIMEOUT, Verdict.ERROR, Verdict.FLAKY)) {
            List<Result> rows = doc.results().stream().filter(r -> r.verdict() == v).toList();
            if (!rows.isEmpty()) {
                out.append('\n').append(v).append(" (").append(rows.size()).append("):\n");
                rows.forEach(r -> out.append("  ").append(r.key()).append(": ").append(observed(r)).append('\n'));
            }
        }
        List<Result> unexpected = doc.results().stream().filter(Result::unexpected).toList();
        if (!unexpected.isEmpty()) {
            out.append("\nDiffers from the recorded expectations (").append(unexpected.size()).append("):\n");
            unexpected.forEach(r -> out.append("  ").append(r.key()).append(": expected ")
                    .append(r.expected()).append(", observed ").append(r.verdict()).append('\n'));
        }
        return out.toString();
    }

    /** The Markdown page: identities, counts, then one table per section. */
    public static String markdown(ResultDocument doc) {
        StringBuilder md = new StringBuilder("# pywasm-compat results\n\n");
        md.append("Run started ").append(doc.run().startedAt());
        if (doc.run().finishedAt() != null) {
            md.append(", finished ").append(doc.run().finishedAt());
        }
        md.append(" with ").append(doc.run().tool()).append(".\n\n");
        md.append("Claims source: ").append(doc.run().claimsSource()).append("\n\n");
        md.append("| runtime | Python | Emscripten |\n|---|---|---|\n");
        for (RuntimeIdentity rt : doc.run().runtimes()) {
            md.append("| ").append(rt.id()).append(" | ").append(cell(rt.python())).append(" | ")
                    .append(cell(rt.emscripten())).append(" |\n");
        }
        md.append("\n| host | version | flags accepted | flags rejected | notes |\n|---|---|---|---|---|\n");
        for (HostIdentity h : doc.run().hosts()) {
            md.append("| ").append(h.id()).append(" | ").append(cell(h.version())).append(" | ")
                    .append(cell(String.join(" ", h.acceptedFlags()))).append(" | ")
                    .append(cell(String.join(" ", h.rejectedFlags()))).append(" | ")
                    .append(cell(h.notes())).append(" |\n");
        }
        md.append("\n## Verdict counts\n\n| runtime / host |");
        for (Verdict v : Verdict.values()) {
            md.append(' ').append(v).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(Verdict.values().length)).append('\n');
        counts(doc).forEach((column, byVerdict) -> {
            md.append("| ").append(column).append(" |");
            for (Verdict v : Verdict.values()) {
                md.append(' ').append(byVerdict.getOrDefault(v, 0)).append(" |");
            }
            md.append('\n');
        });
        Map<String, List<Result>> bySection = new LinkedHashMap<>();
        for (Result r : doc.results()) {
            bySection.computeIfAbsent(r.section() == null ? "(no section)" : r.section(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Result>> section : new TreeMap<>(bySection).entrySet()) {
            md.append("\n## ").append(section.getKey()).append("\n\n")
                    .append("| claim | host | runtime | verdict | expected | observation |\n|---|---|---|---|---|---|\n");
            section.getValue().stream()
                    .sorted((a, b) -> a.key().compareTo(b.key()))
                    .forEach(r -> md.append("| `").append(r.claimId()).append("` | ").append(r.host()).append(" | ")
                            .append(r.runtime()).append(" | **").append(r.verdict()).append("** | ")
                            .append(r.expected() == null ? "" : r.expected()).append(" | ")
                            .append(cell(observed(r))).append(" |\n"));
        }
        return md.toString();
    }

    /** The observation in one line; for a result run more than once, every attempt's verdict first. */
    static String observed(Result r) {
        String summary = r.observation() == null ? "" : r.observation().summary();
        if (r.attempts().isEmpty()) {
            return summary;
        }
        return "attempts " + r.attempts().stream().map(a -> a.verdict().name())
                .collect(java.util.stream.Collectors.joining(", ")) + "; first: " + summary;
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
