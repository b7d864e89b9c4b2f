package dev.pywasm.compat.report.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ClaimStatus;
import dev.pywasm.compat.report.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotatedReadmeTest {

    final List<Result> results = Fixtures.matrix(Instant.parse("2026-11-20T02:00:00Z"), true).results();
    final List<ClaimStatus> statuses = ClaimStatus.of(results);

    @Test
    void statusesSayHowTheCellsAgree() {
        assertThat(statuses).extracting(ClaimStatus::claimId, ClaimStatus::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple("network.socketpair", "holds"),
                org.assertj.core.groups.Tuple.tuple("network.accept-crash", "differs by host and runtime"),
                org.assertj.core.groups.Tuple.tuple("processes.fork", "holds"),
                org.assertj.core.groups.Tuple.tuple("processes.gone", "not checked"));
        assertThat(statuses.get(1).detail())
                .isEqualTo("HOLDS: chromium/pyodide-0.27.7, node/pyodide-0.27.7, node/pyodide-314.0.7; STALE: chromium/pyodide-314.0.7");
        List<Result> oneRuntime = results.stream().filter(r -> r.runtime().equals("pyodide-314.0.7")).toList();
        ClaimStatus byHost = ClaimStatus.of(oneRuntime).get(1);
        assertThat(byHost.label()).isEqualTo("differs by host");
        assertThat(byHost.detail()).isEqualTo("HOLDS: node; STALE: chromium");
    }

    @Test
    void quotesAreFoundAcrossLineBreaksAndMarkedInPlace() {
        AnnotatedReadme readme = AnnotatedReadme.of(Fixtures.README, "README.md", statuses);
        String fork = "System calls like fork, popen, and subprocess\nfail with ``ENOSYS`` or ``ENOSUP``.";
        assertThat(readme.regions()).extracting(r -> readme.source().substring(r.start(), r.end()))
                .containsExactly("``socketpair`` does not work.", "``socket.accept`` crashes the runtime.", fork);
        String md = ReadmeMarkdown.of(readme, "dashboard.html", "Marks from a test.");
        assertThat(md).contains("- **``socketpair`` does not work.** [✔ holds · network.socketpair](dashboard.html#claim-network.socketpair)\n");
        assertThat(md).contains("correctly, e.g. **``socket.accept`` crashes the runtime.** [≠ differs by host and runtime · "
                + "network.accept-crash](dashboard.html#claim-network.accept-crash \"HOLDS: chromium/pyodide-0.27.7, "
                + "node/pyodide-0.27.7, node/pyodide-314.0.7; STALE: chromium/pyodide-314.0.7\")\n");
        assertThat(md).contains("Processes are not supported. **" + fork + "** [✔ holds · processes.fork]");
        // The source is otherwise untouched.
        String body = md.substring(md.indexOf("---\n\n") + 5, md.lastIndexOf("\n---\n"));
        assertThat(body.replace("**", "").replaceAll(" \\[[^\\]]*\\]\\([^)]*\\)", "")).isEqualTo(Fixtures.README);
    }

    @Test
    void notCheckableSentencesAreMarkedWithTheirReasonInMarkdownAndHtml() {
        dev.pywasm.compat.model.NotCheckable entry = new dev.pywasm.compat.model.NotCheckable(
                "Processes are not supported.", "a \"summary\" of the next sentence", null);
        AnnotatedReadme readme = AnnotatedReadme.of(Fixtures.README, "README.md", statuses, List.of(entry,
                new dev.pywasm.compat.model.NotCheckable("Not in the text.", "gone", null)));
        assertThat(readme.notCheckable()).containsExactly(entry);
        String md = ReadmeMarkdown.of(readme, "dashboard.html", "Marks from a test.");
        assertThat(md).contains("**Processes are not supported.** [○ not checkable](dashboard.html#not-checkable "
                + "\"a 'summary' of the next sentence\")")
                .contains("1 sentence(s) no claim quotes are not checkable");
        assertThat(ReadmeHtml.of(readme)).contains("<mark class=\"claim st-NOTCHECKABLE\" title=\"not checkable: a "
                + "&quot;summary&quot; of the next sentence\">Processes are not supported.</mark> <a class=\"badge "
                + "st-NOTCHECKABLE\" href=\"#not-checkable\"");
    }

    @Test
    void quotesNotFoundAreReportedNotDropped() {
        AnnotatedReadme readme = AnnotatedReadme.of(Fixtures.README, "README.md", statuses);
        assertThat(readme.notFound()).extracting(ClaimStatus::claimId).containsExactly("processes.gone");
        assertThat(readme.position("processes.gone")).isEmpty();
        assertThat(readme.position("network.socketpair")).isPresent();
        String md = ReadmeMarkdown.of(readme, "dashboard.html", "Marks from a test.");
        assertThat(md).contains("## Quotes not found in the source")
                .contains("- [– not checked · processes.gone](dashboard.html#claim-processes.gone) "
                        + "(wasm32-emscripten limitations and issues / processes, threads, signals): \"This sentence is not in the README.\"");
        assertThat(md).contains("4 claims: 2 holds, 1 not checked, 1 differ by host or runtime. 1 quote(s) not found");
    }

    @Test
    void aQuoteInACodeBlockIsMarkedAfterTheBlock() {
        List<ClaimStatus> withCode = new ArrayList<>(statuses);
        withCode.add(new ClaimStatus("build.node-flags", "build", "node --experimental-wasm-threads builddir/python.js",
                Verdict.STALE, false, false, null));
        AnnotatedReadme readme = AnnotatedReadme.of(Fixtures.README, "README.md", withCode);
        assertThat(readme.regions()).filteredOn(AnnotatedReadme.Region::inCode).hasSize(1);
        String md = ReadmeMarkdown.of(readme, "d.html", "");
        assertThat(md).contains("```\nnode --experimental-wasm-threads builddir/python.js\n```\n"
                + "> ↑ [✘ stale · build.node-flags](d.html#claim-build.node-flags)\n");
    }

    @Test
    void overlappingQuotesBecomeOneRegionWithBothClaims() {
        List<ClaimStatus> overlapping = List.of(
                new ClaimStatus("a", "s", "Blocking sockets are not available", Verdict.HOLDS, false, false, null),
                new ClaimStatus("b", "s", "not available and non-blocking sockets don't work correctly", Verdict.STALE,
                        false, false, null));
        AnnotatedReadme readme = AnnotatedReadme.of(Fixtures.README, "README.md", overlapping);
        assertThat(readme.regions()).singleElement().satisfies(r -> {
            assertThat(r.claims()).extracting(ClaimStatus::claimId).containsExactly("a", "b");
            assertThat(readme.source().substring(r.start(), r.end()))
                    .isEqualTo("Blocking sockets are not available and non-blocking sockets don't work\ncorrectly");
        });
        assertThat(ReadmeHtml.of(readme)).contains("<mark class=\"claim st-DIFFERS\" title=\"a: holds; b: stale\">");
    }

    @Test
    void htmlEscapesTheSourceAndLinksEveryBadge() {
        String source = "# Title <script>alert(1)</script>\n- ``a<b`` & \"c\" are not available.\n```\nx = '</pre>'\n```\n";
        List<ClaimStatus> claims = List.of(new ClaimStatus("x.lt", "s", "``a<b`` & \"c\" are not available.", Verdict.HOLDS,
                false, false, null));
        String html = ReadmeHtml.of(AnnotatedReadme.of(source, "R.md", claims));
        assertThat(html).doesNotContain("<script>").doesNotContain("'</pre>'");
        assertThat(html).contains("<h2>Title &lt;script&gt;alert(1)&lt;/script&gt;</h2>");
        assertThat(html).contains("<li><mark class=\"claim st-HOLDS\" title=\"x.lt: holds\">``a&lt;b`` &amp; &quot;c&quot; "
                + "are not available.</mark> <a class=\"badge st-HOLDS\" id=\"q-x.lt\" href=\"#claim-x.lt\"");
        assertThat(html).contains("<pre>x = &#39;&lt;/pre&gt;&#39;</pre>");
    }

    @Test
    void locatorMapsCollapsedHitsBackToTheSource() {
        QuoteLocator locator = new QuoteLocator("a  b\n\tc d");
        assertThat(locator.find("b c")).contains(new QuoteLocator.Span(3, 7));
        assertThat(locator.find("  a b  ")).contains(new QuoteLocator.Span(0, 4));
        assertThat(locator.find("c  e")).isEmpty();
        assertThat(locator.find(" ")).isEmpty();
    }
}
