package dev.pywasm.compat.report.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchTrendTest {

    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    static List<BenchDocument> threeNights() {
        return List.of(BenchFixtures.doc(T0.plusSeconds(2 * 86400), 4000, 100, 90, "instantiate"),
                BenchFixtures.doc(T0, 4470, 281, 274, null), BenchFixtures.doc(T0.plusSeconds(86400), 4200, 200, 190, null));
    }

    @Test
    void oneSeriesPerHostAndRuntimeOldestFirstWithEveryRatioAnyRunMeasured() {
        List<BenchTrend> trends = BenchTrend.of(threeNights());
        assertThat(trends).singleElement().satisfies(t -> {
            assertThat(t.host()).isEqualTo("node");
            assertThat(t.runtime()).isEqualTo("pyodide-314.0.7");
            assertThat(t.ratios()).containsExactly("naive/ours", "ours/floor", "ours/instantiate");
            assertThat(t.points()).extracting(BenchTrend.Point::oursMedian).containsExactly(281.0, 200.0, 100.0);
            assertThat(t.points()).extracting(BenchTrend.Point::load).containsOnly(3.5);
            assertThat(t.points().get(2).ratios().get("naive/ours").value()).isEqualTo(40.0);
            assertThat(t.points().get(2).ratios().get("naive/ours").met()).isTrue();
            assertThat(t.points().get(0).ratios()).doesNotContainKey("ours/instantiate");
        });
    }

    @Test
    void theDashboardSectionPlotsOursAndEachRatioAndTabulatesThemWithTheLoad() {
        String html = BenchTrendHtml.of("/h", BenchTrend.of(threeNights()), List.of());
        assertThat(html).contains("<h3>node on pyodide-314.0.7</h3>");
        assertThat(html).contains("aria-label=\"ours median (ms) over 3 bench run(s)\"")
                .contains("aria-label=\"naive/ours over 3 bench run(s)\"")
                .contains("aria-label=\"ours/instantiate over 1 bench run(s)\"");
        // The ours line falls as the cost falls: its y coordinates grow (SVG's y points down).
        Matcher line = Pattern.compile("<polyline fill=\"none\" points=\"([^\"]+)\"/>").matcher(html);
        assertThat(line.find()).isTrue();
        List<Double> ys = java.util.Arrays.stream(line.group(1).split(" ")).map(p -> Double.parseDouble(p.split(",")[1])).toList();
        assertThat(ys).hasSize(3).isSorted();
        assertThat(html).contains("<td>2026-12-02T08:00:00Z</td><td>v20.19.2</td><td>2</td><td>3.50</td><td>281.0</td><td>309.1</td>"
                + "<td>15.9x <span class=\"not-met\" title=\"target &gt;= 20x\">NOT met</span></td>"
                + "<td>1.03x <span class=\"met\" title=\"target &lt;= 3x\">met</span></td><td>–</td>");
        assertThat(html).contains("<td>40.0x <span class=\"met\"");
        assertThat(html.indexOf("2026-12-02T08")).isLessThan(html.indexOf("2026-12-04T08"));
    }

    @Test
    void noRunsOrNoHistorySaySoAndProblemsAreShown() {
        assertThat(BenchTrendHtml.of("/h", List.of(), List.of("bench record /h/x.json is unreadable")))
                .contains("<p class=\"problem\">bench record /h/x.json is unreadable</p>")
                .contains("No bench run recorded in <code>/h</code>");
        assertThat(BenchTrendHtml.of(null, List.of(), List.of())).contains("History is off");
    }
}
