package dev.pywasm.compat.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ClaimStatus;
import dev.pywasm.compat.report.Fixtures;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.ResultSet;
import dev.pywasm.compat.report.diff.VersionDiff;
import dev.pywasm.compat.report.history.HistoryRecord;
import dev.pywasm.compat.report.history.HistoryView;
import dev.pywasm.compat.report.readme.AnnotatedReadme;
import dev.pywasm.compat.report.readme.ReadmeHtml;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardTest {

    static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");
    static final String NASTY = "</script><script>alert('x')</script><!-- \u2028 & </SCRIPT >";

    /** The fixture matrix with hostile runtime output and an attachment on one cell. */
    static ResultSet set(Path results) {
        ResultDocument doc = Fixtures.matrix(T0, true);
        List<Result> results2 = new ArrayList<>();
        for (Result r : doc.results()) {
            if (r.key().equals("network.accept-crash @ chromium / pyodide-314.0.7")) {
                r = new Result(r.claimId(), r.section(), r.quote(), r.host(), r.runtime(), r.verdict(), r.reason(),
                        r.observation(), new Evidence("page", null, 9, NASTY, "err", List.of("attachments/a b#1.png")),
                        Verdict.HOLDS);
            }
            results2.add(r);
        }
        return ResultSet.of(results, new ResultDocument(doc.schema(), doc.run(), results2));
    }

    static DashboardModel model(ResultSet set, Path out) {
        List<ClaimStatus> statuses = ClaimStatus.of(set.results());
        AnnotatedReadme readme = AnnotatedReadme.of(Fixtures.README, "README.md", statuses);
        // One earlier run in which accept-crash held on chromium with the new runtime too.
        HistoryRecord earlier = HistoryRecord.of(Fixtures.matrix(T0.minusSeconds(86400), true));
        List<HistoryRecord.Cell> cells = new ArrayList<>(earlier.cells());
        cells.replaceAll(c -> c.key().equals("network.accept-crash @ chromium / pyodide-314.0.7")
                ? new HistoryRecord.Cell(c.claim(), c.host(), c.runtime(), Verdict.HOLDS, "crashed: Aborted()") : c);
        HistoryRecord previous = new HistoryRecord(earlier.schema(), earlier.startedAt(), earlier.finishedAt(),
                earlier.tool(), earlier.runtimes(), earlier.hosts(), cells);
        return Dashboard.model(set, out, readme, null,
                new Dashboard.HistoryInput("/h", HistoryView.of(List.of(previous)), null),
                VersionDiff.oldestToNewest(set));
    }

    @Test
    void theNotCheckableSectionListsEverySentenceWithItsReasonAndLinksAClaimsEvidence() {
        String html = Dashboard.notCheckableHtml(List.of(
                new dev.pywasm.compat.model.NotCheckable("Signal support is <limited>.", "a summary", null),
                new dev.pywasm.compat.model.NotCheckable("The pool.", "no pthreads build", "node.pool")));
        assertThat(html).startsWith("    <h2>Not checkable (2)</h2>\n")
                .contains("<tr><td><q>Signal support is &lt;limited&gt;.</q></td><td>–</td><td>a summary</td></tr>")
                .contains("<td><a href=\"#claim-node.pool\"><code>node.pool</code></a></td><td>no pthreads build</td>");
        assertThat(Dashboard.notCheckableHtml(List.of())).contains("Not checkable (0)").contains("no not-checkable sentences");
    }

    @Test
    void oneRowPerClaimInReadmeOrderAndColumnsOldestEmscriptenFirst() {
        DashboardModel m = model(set(Path.of("/r/out/results.json")), Path.of("/r/out"));
        assertThat(m.claims()).extracting(DashboardModel.Row::id)
                .containsExactly("network.socketpair", "network.accept-crash", "processes.fork", "processes.gone");
        assertThat(m.columns()).extracting(DashboardModel.Column::key).containsExactly(
                "node|pyodide-0.27.7", "chromium|pyodide-0.27.7", "node|pyodide-314.0.7", "chromium|pyodide-314.0.7");
        assertThat(m.sections()).hasSize(2);
        assertThat(m.counts()).containsEntry(Verdict.HOLDS, 11).containsEntry(Verdict.STALE, 1).containsEntry(Verdict.SKIPPED, 4);
        assertThat(m.claims().get(3).inReadme()).isFalse();
        assertThat(m.readme().notFound()).extracting(ClaimStatus::claimId).containsExactly("processes.gone");
    }

    @Test
    void historyMarksTheRegressedCell() {
        DashboardModel m = model(set(Path.of("/r/out/results.json")), Path.of("/r/out"));
        DashboardModel.Cell stale = m.claims().get(1).cells().get("chromium|pyodide-314.0.7");
        assertThat(stale.history().regressed()).isTrue();
        assertThat(stale.history().previous()).isEqualTo(Verdict.HOLDS);
        assertThat(m.history().regressions()).singleElement()
                .satisfies(c -> {
                    assertThat(c.claim()).isEqualTo("network.accept-crash");
                    assertThat(c.at()).isEqualTo(T0);
                    assertThat(c.from()).isEqualTo(Verdict.HOLDS);
                });
        assertThat(m.history().lastChanges()).singleElement().satisfies(c -> assertThat(c.at()).isEqualTo(T0));
        assertThat(m.history().previousRun()).isEqualTo(T0.minusSeconds(86400));
        assertThat(m.diff().changed()).hasSize(1);
    }

    @Test
    void attachmentsAreRelativeEncodedLinks() {
        DashboardModel m = model(set(Path.of("/r/out/results.json")), Path.of("/r/report"));
        DashboardModel.Cell stale = m.claims().get(1).cells().get("chromium|pyodide-314.0.7");
        assertThat(stale.attachments()).singleElement().satisfies(l -> {
            assertThat(l.name()).isEqualTo("a b#1.png");
            assertThat(l.href()).isEqualTo("../out/attachments/a%20b%231.png");
        });
    }

    @Test
    void dataCannotCloseTheScriptElement() throws Exception {
        ResultSet set = set(Path.of("/r/out/results.json"));
        DashboardModel m = model(set, Path.of("/r/out"));
        String html = Dashboard.html(m, ReadmeHtml.of(AnnotatedReadme.of(Fixtures.README, "README.md",
                ClaimStatus.of(set.results()))));
        // Exactly the template's two script elements end: the data's "</script>" is escaped.
        assertThat(Pattern.compile("</script", Pattern.CASE_INSENSITIVE).matcher(html).results().count()).isEqualTo(2);
        assertThat(html).doesNotContain("<!-- \u2028").doesNotContain("alert('x')</");
        Matcher data = Pattern.compile("<script id=\"pywasm-data\" type=\"application/json\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(data.find()).isTrue();
        assertThat(data.group(1)).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
        JsonNode parsed = Json.mapper().readTree(data.group(1));
        assertThat(parsed.at("/claims/1/cells/chromium|pyodide-314.0.7/stdoutTail").asText()).isEqualTo(NASTY);
    }

    @Test
    void thePageFetchesNothing() {
        ResultSet set = set(Path.of("/r/out/results.json"));
        String html = Dashboard.html(model(set, Path.of("/r/out")), "");
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
        assertThat(html).doesNotContainPattern("(?i)<(script|link|img|iframe)[^>]*\\s(src|href)=");
        assertThat(html).doesNotContain("{{");
    }

    @Test
    void aClaimThatDiffersByEngineIsAHeadlineOfThePage() {
        String html = Dashboard.html(model(set(Path.of("/r/out/results.json")), Path.of("/r/out")), "");
        assertThat(html).contains("<section id=\"engines\">").contains("<code>network.accept-crash</code> @ pyodide-314.0.7: "
                + "<span class=\"v-HOLDS\">HOLDS</span> on node; <span class=\"v-STALE\">STALE</span> on chromium");
        assertThat(html.indexOf("id=\"engines\"")).isLessThan(html.indexOf("id=\"matrix\""));
    }

    @Test
    void templateSlotsAreFilledOnceNotRescanned() {
        String filled = Dashboard.fill("<p>{{A}}</p><i>{{B}}</i>", Map.of("A", "{{B}} $1 \\", "B", "b")::get);
        assertThat(filled).isEqualTo("<p>{{B}} $1 \\</p><i>b</i>");
    }

    @Test
    void scriptJsonEscapesOnlyWhatHtmlNeeds() {
        assertThat(ScriptJson.write(Map.of("k", "</script> & é \u2029")))
                .isEqualTo("{\"k\":\"\\u003C/script\\u003E \\u0026 é \\u2029\"}");
    }
}
