package dev.pywasm.compat.report.drift;

import dev.pywasm.compat.model.DocumentVersion;
import dev.pywasm.compat.report.Html;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's "Document versions and drift" section: the edits the newest text needs (each with its
 * evidence, opening the cell), the removed sentences, and per version its annotated text (folded), so the
 * dashboard shows every version. No script needed.
 */
public final class DriftHtml {

    private DriftHtml() {
    }

    /** @param annotated per version id, its annotated text as HTML (see {@code ReadmeHtml}); a version without one is listed only */
    public static String of(Drift drift, Map<String, String> annotated) {
        StringBuilder h = new StringBuilder("<div class=\"drift\">\n");
        if (drift.versions().isEmpty()) {
            return h.append("<p>The results record no document versions.</p>\n</div>\n").toString();
        }
        Drift.VersionDrift newest = drift.versions().get(drift.versions().size() - 1);
        h.append("<h3>Edits the current text needs</h3>\n<p>").append(Html.escape(DriftMarkdown.describe(newest.version())))
                .append(": ").append(drift.editsBySentence().size()).append(" sentence(s) false")
                .append(drift.today() == null ? "" : " on " + Html.escape(drift.today().id()) + " or its era").append(".</p>\n");
        sentences(h, drift.edits());
        h.append("<h3>Versions</h3>\n");
        for (Drift.VersionDrift v : drift.versions()) {
            DocumentVersion d = v.version();
            h.append("<details class=\"doc-version\" id=\"doc-").append(Html.escape(d.id())).append("\"><summary><code>")
                    .append(Html.escape(d.id())).append("</code> ").append(Html.escape(d.date() == null ? "" : d.date()))
                    .append(" · fair for CPython ").append(Html.escape(String.join(", ", d.fits())))
                    .append(" · its era here: ").append(Html.escape(v.era().isEmpty() ? "none" : String.join(", ", v.era())))
                    .append(" · ").append(d.quotes().size()).append(" claims, false on its era: ")
                    .append(v.era().isEmpty() ? "–" : String.valueOf(v.staleOnEra().size()))
                    .append(", false today: ").append(v.staleToday().size()).append("</summary>\n<p>")
                    .append(Html.escape(DriftMarkdown.describe(d))).append(d.note() == null ? "" : ". " + Html.escape(d.note()))
                    .append("</p>\n");
            if (!v.staleToday().isEmpty()) {
                h.append("<p>False today:</p>\n");
                sentences(h, v.staleToday());
            }
            String text = annotated.get(d.id());
            if (text != null) {
                // Each version's badges get their own ids, so they do not clash with the main annotated README's.
                h.append(text.replace("id=\"q-", "id=\"q-" + Html.escape(d.id()) + "-"));
            }
            h.append("</details>\n");
        }
        h.append("<h3>Removed sentences</h3>\n<ul>\n");
        for (Drift.Removal r : drift.removals()) {
            h.append("<li>“").append(Html.escape(r.quote())).append("” (<code>").append(Html.escape(r.claimId()))
                    .append("</code>): last in <code>").append(Html.escape(r.from())).append("</code>, gone in <code>")
                    .append(Html.escape(r.in())).append("</code>. ");
            evidence(h, r.claimId(), r.stale());
            if (!r.holds().isEmpty()) {
                h.append(" Still holds on ").append(Html.escape(String.join(", ", r.holds()))).append('.');
            }
            if (!r.changedIn().isEmpty()) {
                h.append(" ").append(Html.escape(String.join("; ", r.changedIn())));
            } else if (r.bisect() != null) {
                h.append(" First release where it is false: <code>").append(Html.escape(r.bisect())).append("</code>");
            }
            h.append("</li>\n");
        }
        return h.append("</ul>\n</div>\n").toString();
    }

    private static void sentences(StringBuilder h, List<Drift.Sentence> list) {
        if (list.isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<ol>\n");
        for (Drift.Sentence s : list) {
            h.append("<li>“").append(Html.escape(s.quote())).append("” (<a href=\"#claim-").append(Html.escape(s.claimId()))
                    .append("\"><code>").append(Html.escape(s.claimId())).append("</code></a>): ");
            evidence(h, s.claimId(), s.stale());
            h.append("</li>\n");
        }
        h.append("</ol>\n");
    }

    private static void evidence(StringBuilder h, String claimId, List<Drift.Evidence> stale) {
        if (stale.isEmpty()) {
            return;
        }
        h.append("STALE on ");
        for (int i = 0; i < stale.size(); i++) {
            Drift.Evidence e = stale.get(i);
            h.append(i == 0 ? "" : "; ").append("<a href=\"").append(Html.escape(e.anchor(claimId))).append("\">")
                    .append(Html.escape(e.host() + "/" + e.runtime())).append("</a>: ").append(Html.escape(e.observation()));
        }
        h.append('.');
    }
}
