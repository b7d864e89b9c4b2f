package dev.pywasm.compat.report.bench;

import dev.pywasm.compat.report.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The dashboard's "Isolation cost over time" section: per host and runtime, a line of our per-probe cost and
 * of each ratio over the bench runs (inline SVG: the page fetches nothing), and the table of the figures
 * with the load each was measured under.
 */
public final class BenchTrendHtml {

    static final int WIDTH = 360;
    static final int HEIGHT = 64;
    private static final int PAD = 6;

    private BenchTrendHtml() {
    }

    /**
     * @param dir      the history directory the bench runs were read from; null when history is off
     * @param trends   the series ({@link BenchTrend#of})
     * @param problems bench records that could not be read
     */
    public static String of(String dir, List<BenchTrend> trends, List<String> problems) {
        StringBuilder html = new StringBuilder();
        for (String p : problems) {
            html.append("<p class=\"problem\">").append(Html.escape(p)).append("</p>\n");
        }
        if (dir == null) {
            return html.append("<p>History is off: no bench runs to show.</p>").toString();
        }
        if (trends.isEmpty()) {
            return html.append("<p>No bench run recorded in <code>").append(Html.escape(dir))
                    .append("</code>: <code>./pywasm-compat bench</code> records one.</p>").toString();
        }
        html.append("<p>From the bench runs recorded in <code>").append(Html.escape(dir)).append("</code> ")
                .append("(milliseconds per probe; a loaded machine measures its load too).</p>\n");
        for (BenchTrend t : trends) {
            html.append("<h3>").append(Html.escape(t.host())).append(" on ").append(Html.escape(t.runtime())).append("</h3>\n");
            html.append("<div class=\"bench-lines\">\n");
            html.append(sparkline(BenchTrend.OURS + " median (ms)", t.points(), BenchTrend.Point::oursMedian));
            for (String ratio : t.ratios()) {
                html.append(sparkline(ratio, t.points(), p -> p.ratios().containsKey(ratio) ? p.ratios().get(ratio).value() : null));
            }
            html.append("</div>\n").append(table(t));
        }
        return html.toString();
    }

    private static String table(BenchTrend t) {
        StringBuilder html = new StringBuilder("<table class=\"bench-trend\"><thead><tr><th>date</th><th>host version</th>"
                + "<th>cores</th><th>load (1 min)</th><th>ours median</th><th>ours mean</th>");
        t.ratios().forEach(r -> html.append("<th>").append(Html.escape(r)).append("</th>"));
        html.append("<th>harness</th></tr></thead>\n<tbody>\n");
        for (BenchTrend.Point p : t.points()) {
            html.append("<tr><td>").append(Html.escape(p.date().toString())).append("</td><td>").append(Html.escape(p.version()))
                    .append("</td><td>").append(p.cores()).append("</td><td>").append(number(p.load(), "%.2f"))
                    .append("</td><td>").append(number(p.oursMedian(), "%.1f")).append("</td><td>")
                    .append(number(p.oursMean(), "%.1f")).append("</td>");
            for (String name : t.ratios()) {
                BenchDocument.Ratio r = p.ratios().get(name);
                html.append("<td>").append(r == null ? "–" : ratio(r)).append("</td>");
            }
            html.append("<td>").append(Html.escape(p.harness())).append("</td></tr>\n");
        }
        return html.append("</tbody></table>\n").toString();
    }

    private static String ratio(BenchDocument.Ratio r) {
        String value = String.format(Locale.ROOT, r.value() < 10 ? "%.2fx" : "%.1fx", r.value());
        if (r.target() == null) {
            return value;
        }
        boolean met = Boolean.TRUE.equals(r.met());
        return value + " <span class=\"" + (met ? "met" : "not-met") + "\" title=\"target " + Html.escape(r.target().describe())
                + "\">" + (met ? "met" : "NOT met") + "</span>";
    }

    private static String number(Double v, String format) {
        return v == null ? "–" : String.format(Locale.ROOT, format, v);
    }

    /** A line of {@code value} over the points (equally spaced, oldest left), scaled from 0 to its maximum. */
    static String sparkline(String label, List<BenchTrend.Point> points, Function<BenchTrend.Point, Double> value) {
        List<double[]> xy = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < points.size(); i++) {
            Double v = value.apply(points.get(i));
            if (v != null && Double.isFinite(v)) {
                xy.add(new double[] {i, v});
                max = Math.max(max, v);
            }
        }
        StringBuilder svg = new StringBuilder("<figure class=\"bench-line\"><svg viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" role=\"img\" aria-label=\"" + Html.escape(label)
                + " over " + xy.size() + " bench run(s)\">");
        double span = Math.max(1, points.size() - 1);
        double top = max <= 0 ? 1 : max * 1.1;
        StringBuilder line = new StringBuilder();
        for (double[] p : xy) {
            double x = PAD + p[0] / span * (WIDTH - 2 * PAD);
            double y = HEIGHT - PAD - p[1] / top * (HEIGHT - 2 * PAD);
            line.append(line.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>%s</title></circle>", x, y,
                    Html.escape(points.get((int) p[0]).date() + ": " + String.format(Locale.ROOT, "%.2f", p[1]))));
        }
        if (xy.size() > 1) {
            svg.append("<polyline fill=\"none\" points=\"").append(line).append("\"/>");
        }
        String last = xy.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f", xy.get(xy.size() - 1)[1]);
        return svg.append("</svg><figcaption>").append(Html.escape(label)).append(": ").append(last)
                .append(" (latest), max ").append(String.format(Locale.ROOT, "%.2f", max))
                .append("</figcaption></figure>\n").toString();
    }
}
