package dev.pywasm.compat.report.readme;

import dev.pywasm.compat.report.ClaimStatus;
import dev.pywasm.compat.report.Html;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The annotated claims source as an HTML fragment for the dashboard: headings, paragraphs, bullets and
 * code blocks (inline Markdown is shown as written), every quoted sentence highlighted in its status's
 * colour and followed by one badge per claim that opens the claim's evidence ({@code #claim-<id>}).
 * Each badge has the id {@code q-<claim id>}, so the dashboard can link back to the sentence.
 */
public final class ReadmeHtml {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*]\\s+");

    private ReadmeHtml() {
    }

    public static String of(AnnotatedReadme readme) {
        StringBuilder html = new StringBuilder("<div class=\"readme\">\n");
        String text = readme.source();
        int lines = readme.lineCount();
        boolean inList = false;
        int i = 0;
        while (i < lines) {
            int start = readme.lineStart(i);
            String line = line(readme, i);
            Matcher heading = HEADING.matcher(line);
            Matcher bullet = BULLET.matcher(line);
            boolean isBullet = !readme.codeLine(i) && bullet.find();
            if (inList && !isBullet) {
                html.append("</ul>\n");
                inList = false;
            }
            if (readme.codeLine(i)) {
                int first = i + 1;
                int j = first;
                while (j < lines && !line(readme, j).strip().startsWith("```")) {
                    j++;
                }
                int end = j < lines ? readme.lineStart(j) : text.length();
                html.append("<pre>").append(render(readme, readme.lineStart(Math.min(first, lines - 1)), trimEnd(text, end)))
                        .append("</pre>\n");
                i = j + 1;
            } else if (line.isBlank()) {
                i++;
            } else if (heading.find()) {
                int level = Math.min(heading.group(1).length() + 1, 6);
                html.append("<h").append(level).append('>')
                        .append(render(readme, start + heading.end(), start + line.length()))
                        .append("</h").append(level).append(">\n");
                i++;
            } else {
                int j = i + 1;
                while (j < lines && continues(readme, j)) {
                    j++;
                }
                int end = trimEnd(text, j < lines ? readme.lineStart(j) : text.length());
                if (isBullet) {
                    if (!inList) {
                        html.append("<ul>\n");
                        inList = true;
                    }
                    html.append("<li>").append(render(readme, start + bullet.end(), end)).append("</li>\n");
                } else {
                    html.append("<p>").append(render(readme, start, end)).append("</p>\n");
                }
                i = j;
            }
        }
        if (inList) {
            html.append("</ul>\n");
        }
        return html.append("</div>\n").toString();
    }

    /** A line continues the paragraph or bullet above unless it starts something else. */
    private static boolean continues(AnnotatedReadme readme, int line) {
        String l = line(readme, line);
        return !l.isBlank() && !readme.codeLine(line) && !HEADING.matcher(l).find() && !BULLET.matcher(l).find();
    }

    private static String line(AnnotatedReadme readme, int i) {
        int start = readme.lineStart(i);
        int end = i + 1 < readme.lineCount() ? readme.lineStart(i + 1) - 1 : readme.source().length();
        return readme.source().substring(start, Math.max(start, end));
    }

    private static int trimEnd(String text, int end) {
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** The source from {@code start} to {@code end}, escaped, with the marked regions in it. */
    private static String render(AnnotatedReadme readme, int start, int end) {
        String text = readme.source();
        StringBuilder out = new StringBuilder();
        int at = start;
        for (AnnotatedReadme.Region r : readme.regions()) {
            if (r.end() <= start || r.start() >= end) {
                continue;
            }
            int from = Math.max(r.start(), start);
            int to = Math.min(r.end(), end);
            out.append(Html.escape(text.substring(at, Math.max(at, from))));
            out.append("<mark class=\"claim ").append(regionClass(r.claims())).append("\" title=\"")
                    .append(Html.escape(java.util.stream.Stream.concat(
                            r.claims().stream().map(c -> c.claimId() + ": " + c.label()),
                            r.notCheckable().stream().map(n -> "not checkable: " + n.reason()))
                            .collect(Collectors.joining("; "))))
                    .append("\">").append(Html.escape(text.substring(from, to))).append("</mark>");
            if (r.end() <= end) {
                r.claims().forEach(c -> out.append(' ').append(badge(c)));
                r.notCheckable().forEach(n -> out.append(' ').append(badge(n)));
            }
            at = Math.max(at, to);
        }
        out.append(Html.escape(text.substring(Math.min(at, end), end)));
        return out.toString();
    }

    private static String regionClass(List<ClaimStatus> claims) {
        if (claims.isEmpty()) {
            return "st-NOTCHECKABLE";
        }
        String first = claims.get(0).cssClass();
        return claims.stream().allMatch(c -> c.cssClass().equals(first)) ? first : "st-DIFFERS";
    }

    /** A not-checkable sentence's badge: its reason as the title, linking to the dashboard's list. */
    static String badge(dev.pywasm.compat.model.NotCheckable n) {
        return "<a class=\"badge st-NOTCHECKABLE\" href=\"#not-checkable\" title=\"" + Html.escape("not checkable: "
                + n.reason()) + "\">" + Html.escape("○ not checkable" + (n.claim() == null ? "" : " · " + n.claim())) + "</a>";
    }

    static String badge(ClaimStatus c) {
        String title = c.label() + (c.detail() == null ? "" : " (" + c.detail() + ")") + " - show the evidence";
        return "<a class=\"badge " + c.cssClass() + "\" id=\"q-" + Html.escape(c.claimId()) + "\" href=\"#claim-"
                + Html.escape(c.claimId()) + "\" title=\"" + Html.escape(title) + "\">" + Html.escape(c.symbol() + " "
                + c.claimId()) + "</a>";
    }
}
