package dev.pywasm.compat.report.diff;

import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.report.Text;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The Markdown page of a {@link VersionDiff}: both sides' identities, then what changed. */
public final class DiffMarkdown {

    private DiffMarkdown() {
    }

    public static String of(VersionDiff diff) {
        StringBuilder md = new StringBuilder("# pywasm-compat diff: ")
                .append(diff.from().label()).append(" → ").append(diff.to().label()).append("\n\n");
        identities(md, diff);
        md.append('\n');
        if (!diff.hasChanges()) {
            md.append("**No verdict changed** among ").append(diff.compared()).append(" cells compared")
                    .append(diff.host() == null ? "" : " on " + diff.host()).append(".\n");
            return md.toString();
        }
        md.append("**").append(diff.changed().size()).append(" verdict(s) changed** among ")
                .append(diff.compared()).append(" cells compared").append(diff.host() == null ? "" : " on " + diff.host());
        if (!diff.onlyFrom().isEmpty() || !diff.onlyTo().isEmpty()) {
            md.append("; ").append(diff.onlyFrom().size()).append(" only in the old, ")
                    .append(diff.onlyTo().size()).append(" only in the new");
        }
        md.append(".\n");
        boolean withRuntime = diff.byRuntime();
        if (!diff.changed().isEmpty()) {
            md.append("\n## Verdict changed\n\n| claim | host |").append(withRuntime ? " runtime |" : "")
                    .append(" old | new | old observation | new observation |\n|---|---|")
                    .append(withRuntime ? "---|" : "").append("---|---|---|---|\n");
            for (VersionDiff.Change c : diff.changed()) {
                md.append("| `").append(c.claimId()).append("` | ").append(c.host()).append(" | ");
                if (withRuntime) {
                    md.append(c.toRuntime()).append(" | ");
                }
                md.append(c.from()).append(" | **").append(c.to()).append("** | ")
                        .append(Text.mdCell(c.fromObservation())).append(" | ")
                        .append(Text.mdCell(c.toObservation())).append(" |\n");
            }
        }
        oneSide(md, "Only in the old: " + diff.from().label(), diff.onlyFrom());
        oneSide(md, "Only in the new: " + diff.to().label(), diff.onlyTo());
        return md.toString();
    }

    private static void identities(StringBuilder md, VersionDiff diff) {
        md.append("| | old | new |\n|---|---|---|\n");
        if (diff.from().source() != null || diff.to().source() != null) {
            row(md, "results", Objects.requireNonNullElse(diff.from().source(), ""),
                    Objects.requireNonNullElse(diff.to().source(), ""));
        }
        row(md, "runtime", ids(diff.from().runtimes(), RuntimeIdentity::id), ids(diff.to().runtimes(), RuntimeIdentity::id));
        row(md, "Pyodide", ids(diff.from().runtimes(), DiffMarkdown::pyodide), ids(diff.to().runtimes(), DiffMarkdown::pyodide));
        row(md, "CPython", ids(diff.from().runtimes(), Text::pythonVersion), ids(diff.to().runtimes(), Text::pythonVersion));
        row(md, "Emscripten", ids(diff.from().runtimes(), RuntimeIdentity::emscripten),
                ids(diff.to().runtimes(), RuntimeIdentity::emscripten));
    }

    private static String pyodide(RuntimeIdentity rt) {
        return "pyodide".equals(rt.kind()) ? rt.version() : "—";
    }

    private static String ids(List<RuntimeIdentity> rts, Function<RuntimeIdentity, String> field) {
        return String.join(", ", rts.stream().map(rt -> Objects.requireNonNullElse(field.apply(rt), "?")).toList());
    }

    private static void row(StringBuilder md, String what, String old, String now) {
        md.append("| ").append(what).append(" | ").append(Text.mdCell(old)).append(" | ").append(Text.mdCell(now))
                .append(" |\n");
    }

    private static void oneSide(StringBuilder md, String title, List<VersionDiff.Cell> cells) {
        if (cells.isEmpty()) {
            return;
        }
        md.append("\n## ").append(Text.mdCell(title)).append("\n\n| claim | host | runtime | verdict | observation |\n")
                .append("|---|---|---|---|---|\n");
        for (VersionDiff.Cell c : cells) {
            md.append("| `").append(c.claimId()).append("` | ").append(c.host()).append(" | ").append(c.runtime())
                    .append(" | ").append(c.verdict()).append(" | ").append(Text.mdCell(c.observation())).append(" |\n");
        }
    }
}
