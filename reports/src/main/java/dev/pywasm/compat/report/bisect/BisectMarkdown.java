package dev.pywasm.compat.report.bisect;

import dev.pywasm.compat.report.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The Markdown page of a {@link Bisection}: what changed where, each change side by side, the releases. */
public final class BisectMarkdown {

    private BisectMarkdown() {
    }

    public static String of(Bisection b) {
        StringBuilder md = new StringBuilder("# pywasm-compat bisect: Pyodide ").append(b.from()).append(" → ")
                .append(b.to()).append(" on ").append(b.host()).append("\n\n");
        md.append(b.releases().size()).append(" releases on npm from ").append(b.from()).append(" to ").append(b.to())
                .append(", ").append(b.claims().size() + b.unchanged().size()).append(" claims, compared by ")
                .append(b.compare()).append("; ").append(b.exhaustive() ? "every release run (--exhaustive)"
                        : "binary search").append(".\n");
        Bisection.Cost c = b.cost();
        md.append("**").append(b.claims().size()).append(" claim(s) changed**")
                .append(b.exhaustive() ? "" : " between the ends").append("; ").append(c.releasesSampled())
                .append(" of ").append(b.releases().size()).append(" releases sampled, ").append(c.cellsRun())
                .append(" cells run, ").append(c.cellsCached()).append(" from the cache, in ")
                .append(duration(c.elapsedMillis())).append(".\n");
        toolchains(md, b);
        if (!b.claims().isEmpty()) {
            md.append("\n| claim | ").append(b.from()).append(" | ").append(b.to())
                    .append(" | changed in | Emscripten | changes found |\n|---|---|---|---|---|---|\n");
            for (Bisection.ClaimBisection cb : b.claims()) {
                Bisection.Flip first = cb.first();
                md.append("| `").append(cb.claimId()).append("` | ").append(cb.fromEnd().verdict()).append(" | ")
                        .append(cb.toEnd().verdict()).append(" | ")
                        .append(first == null ? "—" : first.after().release()).append(" | ")
                        .append(first == null ? "" : emscripten(b, first)).append(" | ").append(cb.flips().size())
                        .append(cb.monotone() ? "" : " (not monotone)").append(" |\n");
            }
        }
        for (Bisection.ClaimBisection cb : b.claims()) {
            claim(md, b, cb);
        }
        if (!b.unsettled().isEmpty()) {
            md.append("\n## Not compared: no stable verdict at an end (").append(b.unsettled().size()).append(")\n\n")
                    .append("| claim | ").append(b.from()).append(" | ").append(b.to()).append(" |\n|---|---|---|\n");
            for (Bisection.ClaimBisection cb : b.unsettled()) {
                md.append("| `").append(cb.claimId()).append("` | ").append(end(cb.fromEnd())).append(" | ")
                        .append(end(cb.toEnd())).append(" |\n");
            }
            md.append("\nA FLAKY cell's attempts disagreed (on a loaded machine often a TIMEOUT and then the real verdict): "
                    + "bisect it again, or narrow it with `--claims`.\n");
        }
        if (!b.unchanged().isEmpty()) {
            md.append("\n## The same at both ends (").append(b.unchanged().size()).append(")\n\n")
                    .append(b.exhaustive() ? "The same on every release: " : "Not searched (a change and a change back "
                            + "between the ends is not looked for; `--exhaustive` runs every release): ")
                    .append(String.join(", ", b.unchanged().stream().map(id -> "`" + id + "`").toList())).append(".\n");
        }
        releases(md, b);
        if (!b.exhaustive()) {
            md.append("\nBinary search: a claim is checked on the release halfway between two that differ, until they "
                    + "are neighbours; every pair of neighbouring releases that differ is a change found. Releases "
                    + "between two samples that agree were not run, so a change and a change back there would be "
                    + "missed: `--exhaustive` runs every release.\n");
        }
        return md.toString();
    }

    private static void claim(StringBuilder md, Bisection b, Bisection.ClaimBisection cb) {
        md.append("\n## `").append(cb.claimId()).append("`: ").append(cb.fromEnd().verdict()).append(" → ")
                .append(cb.toEnd().verdict()).append(", ").append(b.changedIn(cb)).append("\n\n");
        if (cb.quote() != null) {
            md.append("> ").append(Text.mdCell(cb.quote())).append(cb.section() == null ? "" : " (" + cb.section() + ")")
                    .append("\n\n");
        }
        if (!cb.monotone()) {
            md.append("**Not monotone: ").append(cb.flips().size()).append(" changes found.** The first release that "
                    + "differs from ").append(b.from()).append(" is ").append(cb.first().after().release())
                    .append("; every change found is listed.\n\n");
        }
        for (int i = 0; i < cb.flips().size(); i++) {
            Bisection.Flip f = cb.flips().get(i);
            if (cb.flips().size() > 1) {
                md.append("Change ").append(i + 1).append(": ").append(b.describe(f)).append("\n\n");
            }
            md.append("| | last like ").append(i == 0 ? b.from() : "the change before").append(" | first like ")
                    .append(i == cb.flips().size() - 1 ? b.to() : "the next").append(" |\n|---|---|---|\n");
            row(md, "release", f.before().release(), f.after().release());
            row(md, "CPython", python(b, f.before().release()), python(b, f.after().release()));
            row(md, "Emscripten", emscriptenOf(b, f.before().release()), emscriptenOf(b, f.after().release()));
            row(md, "verdict", f.before().verdict().name(), "**" + f.after().verdict() + "**");
            row(md, "observation", f.before().observation(), f.after().observation());
            if (!f.between().isEmpty()) {
                md.append("\nBetween them, no stable verdict: ").append(String.join(", ", f.between().stream()
                        .map(s -> s.release() + " " + s.verdict() + " (" + s.reason() + ")").toList())).append(".\n");
            }
            md.append('\n');
        }
        List<String> sampled = new ArrayList<>();
        cb.samples().forEach(s -> sampled.add(s.release() + " " + s.verdict()));
        md.append("Sampled: ").append(String.join(" · ", sampled)).append(".");
        if (cb.unsampled() > 0) {
            md.append(" ").append(cb.unsampled()).append(" release(s) not run for this claim.");
        }
        md.append('\n');
    }

    private static String end(Bisection.Sample s) {
        return s == null ? "?" : s.verdict() + " " + Text.mdCell(s.reason());
    }

    private static void toolchains(StringBuilder md, Bisection b) {
        List<String> moves = new ArrayList<>();
        String current = null;
        String firstOfRun = null;
        String lastOfRun = null;
        for (Bisection.Release r : b.releases()) {
            if (r.emscripten() == null) {
                continue;
            }
            if (!r.emscripten().equals(current)) {
                if (current != null) {
                    moves.add(current + " (" + span(firstOfRun, lastOfRun) + ")");
                }
                current = r.emscripten();
                firstOfRun = r.version();
            }
            lastOfRun = r.version();
        }
        if (current != null) {
            moves.add(current + " (" + span(firstOfRun, lastOfRun) + ")");
            long unknown = b.releases().stream().filter(r -> r.emscripten() == null).count();
            md.append("Emscripten in this range: ").append(String.join(" → ", moves))
                    .append(unknown == 0 ? "" : "; " + unknown + " release(s) not identified").append(".\n");
        }
    }

    private static String span(String first, String last) {
        return first.equals(last) ? first : first + " … " + last;
    }

    private static void releases(StringBuilder md, Bisection b) {
        md.append("\n## Releases\n\n| release | CPython | Emscripten | sampled |\n|---|---|---|---|\n");
        for (Bisection.Release r : b.releases()) {
            md.append("| ").append(r.version()).append(" | ").append(Objects.requireNonNullElse(r.python(), "?"))
                    .append(" | ").append(Objects.requireNonNullElse(r.emscripten(), "?")).append(" | ")
                    .append(r.sampled() ? "✔" : "").append(" |\n");
        }
    }

    private static String emscripten(Bisection b, Bisection.Flip f) {
        return emscriptenOf(b, f.before().release()) + " → " + emscriptenOf(b, f.after().release());
    }

    private static String emscriptenOf(Bisection b, String version) {
        Bisection.Release r = b.release(version);
        return r == null || r.emscripten() == null ? "?" : r.emscripten();
    }

    private static String python(Bisection b, String version) {
        Bisection.Release r = b.release(version);
        return r == null || r.python() == null ? "?" : r.python();
    }

    private static void row(StringBuilder md, String what, String before, String after) {
        md.append("| ").append(what).append(" | ").append(Text.mdCell(before)).append(" | ").append(Text.mdCell(after))
                .append(" |\n");
    }

    static String duration(long millis) {
        long s = Math.round(millis / 1000.0);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
