package dev.pywasm.compat.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.history.HistoryRecord;
import dev.pywasm.compat.report.history.HistoryView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private final ResultDocument doc = new ResultDocument(ResultDocument.SCHEMA, ResultFileTest.info(), List.of(
            ResultFileTest.result("network.socketpair", Verdict.HOLDS),
            ResultFileTest.result("network.accept", Verdict.STALE).withExpected(Verdict.HOLDS)));

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private static Result cell(String claim, String host, Verdict v, Verdict expected) {
        Observation o = switch (v) {
            case SKIPPED -> Observation.of(Outcome.INAPPLICABLE, null);
            case CRASH -> Observation.of(Outcome.CRASHED, "Aborted()");
            default -> new Observation(Outcome.RAISED, null, "OSError", 52, "ENOSYS", "nope " + claim, null);
        };
        return new Result(claim, "Section " + claim.substring(0, claim.indexOf('.')), "quote", host, "pyodide-1.0.0", v,
                "why", o, new Evidence("node x", 0, 10, "", "", List.of()), expected);
    }

    /** A claim about another host: no probe ran. */
    private static Result notForHost(String claim, String host) {
        return new Result(claim, "Section x", "quote", host, "pyodide-1.0.0", Verdict.SKIPPED,
                "the claim is about emcc, not " + host, Observation.of(Outcome.INAPPLICABLE, "the claim is about emcc"),
                Evidence.none(), Verdict.SKIPPED);
    }

    /** The probe ran and found the premise absent. */
    private static Result premiseAbsent(String claim, String host) {
        return new Result(claim, "Section x", "quote", host, "pyodide-1.0.0", Verdict.SKIPPED, "premise absent",
                new Observation(Outcome.INAPPLICABLE, null, null, null, null, null, "no threads in this runtime"),
                new Evidence("node x", 0, 10, "", "", List.of()), Verdict.SKIPPED);
    }

    private static ResultDocument document(List<Result> results) {
        return new ResultDocument(ResultDocument.SCHEMA, new RunInfo("test", START, START.plusSeconds(99),
                "README.md sha256:" + "ab".repeat(32),
                List.of(new RuntimeIdentity("pyodide-1.0.0", "pyodide", "1.0.0", "3.14.2", "5.0.3", "Emscripten-5.0.3")),
                List.of(new HostIdentity("node", "v20.20.2", List.of(), List.of(), null),
                        new HostIdentity("chromium", "140.0", List.of(), List.of(), null)), results.size()), results);
    }

    @Test
    void notCheckableSentencesAreListedWithTheirReasonsInTheMarkdownAndCountedInTheConsole() {
        dev.pywasm.compat.model.DocumentVersion primary = new dev.pywasm.compat.model.DocumentVersion("seed", "the seed",
                "/nowhere/README.md", null, null, null, null, null, null, List.of("3.11"), null,
                java.util.Map.of("network.socketpair", "``socketpair`` does not work."), List.of(), List.of(
                        new dev.pywasm.compat.model.NotCheckable("Signal support is limited.", "a summary | no API", null),
                        new dev.pywasm.compat.model.NotCheckable("The pool.", "no pthreads build", "node.pool")));
        ResultDocument d = new ResultDocument(ResultDocument.SCHEMA, doc.run().withDocuments(List.of(primary)), doc.results());
        assertThat(Summary.markdown(d)).contains("## Not checkable (2)\n\nSentences of `seed` no probe can check here")
                .contains("| \"Signal support is limited.\" | – | a summary \\| no API |\n")
                .contains("| \"The pool.\" | `node.pool` | no pthreads build |\n");
        assertThat(Summary.console(d)).contains("Not checkable: 2 sentence(s) and claim(s) of seed");
        assertThat(Summary.markdown(doc)).doesNotContain("Not checkable");
    }

    @Test
    void countsPerColumn() {
        assertThat(Summary.counts(doc).get("pyodide-1.0.0 / node"))
                .containsEntry(Verdict.HOLDS, 1).containsEntry(Verdict.STALE, 1);
    }

    @Test
    void consoleLeadsWithWhatDiffersThenStale() {
        String text = Summary.console(doc);
        assertThat(text).startsWith("Differs from the recorded expectation (1):\n"
                + "  network.accept @ node / pyodide-1.0.0: recorded HOLDS, observed STALE: raised OSError [ENOSYS=52]: nope\n");
        assertThat(text).contains("STALE, the README's statement no longer holds (1 claims, 1 cells):\n"
                + "  network.accept @ node / pyodide-1.0.0: raised OSError [ENOSYS=52]: nope\n");
        assertThat(text).contains("Since the previous run: not compared (no history).");
        assertThat(text).contains("CRASH, TIMEOUT, ERROR, FLAKY: none.");
        assertThat(text.indexOf("Differs")).isLessThan(text.indexOf("STALE,")).isLessThan(text.indexOf("runtime / host"));
    }

    @Test
    void markdownHasIdentitiesCountsAndSections() {
        String md = Summary.markdown(doc);
        assertThat(md).contains("| pyodide-1.0.0 | 3.14.2 | 5.0.3 |");
        assertThat(md).contains("--experimental-wasm-threads");
        assertThat(md).contains("## Network stack");
        assertThat(md).contains("| `network.accept` | node | pyodide-1.0.0 | **STALE** | HOLDS |");
        assertThat(md).contains("| pyodide-1.0.0 / node | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |");
    }

    @Test
    void inapplicableCellsAreFoldedIntoOneCountPerColumnWithTheReasonAndLeftOutOfTheTables() {
        ResultDocument d = document(List.of(cell("a.one", "node", Verdict.HOLDS, Verdict.HOLDS),
                notForHost("c.macro", "node"), notForHost("c.other", "node"), premiseAbsent("a.pool", "node"),
                cell("a.one", "chromium", Verdict.HOLDS, Verdict.HOLDS)));
        String md = Summary.markdown(d);
        assertThat(md).contains("| pyodide-1.0.0 / node | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 3: 2 claims about other hosts; "
                + "1 premise absent (a.pool: no threads in this runtime) |");
        assertThat(md).contains("| pyodide-1.0.0 / chromium | 1 | 1 |");
        assertThat(md).doesNotContain("`c.macro`").doesNotContain("`a.pool`").doesNotContain("**SKIPPED**")
                .doesNotContain("## Section x");
        assertThat(md).contains("Expectations: all 5 verdicts as recorded (2 ran).");
        assertThat(Summary.console(d)).contains("3: 2 claims about other hosts; 1 premise absent\n");
    }

    @Test
    void whatChangedSinceThePreviousRunComesFromTheHistory() {
        ResultDocument d = document(List.of(cell("a.one", "node", Verdict.STALE, Verdict.STALE),
                cell("a.two", "node", Verdict.HOLDS, Verdict.HOLDS), cell("a.three", "node", Verdict.HOLDS, Verdict.HOLDS)));
        Instant before = START.minusSeconds(3600);
        HistoryView history = HistoryView.of(List.of(new HistoryRecord(HistoryRecord.SCHEMA, before, before, "test",
                List.of(), List.of(), List.of(new HistoryRecord.Cell("a.one", "node", "pyodide-1.0.0", Verdict.HOLDS, "x"),
                        new HistoryRecord.Cell("a.two", "node", "pyodide-1.0.0", Verdict.STALE, "y"),
                        new HistoryRecord.Cell("a.three", "node", "pyodide-1.0.0", Verdict.HOLDS, "z"))),
                // this run's own record, as the reports write it: not "previous"
                new HistoryRecord(HistoryRecord.SCHEMA, START, START, "test", List.of(), List.of(),
                        List.of(new HistoryRecord.Cell("a.one", "node", "pyodide-1.0.0", Verdict.STALE, "x")))));
        String text = Summary.console(d, history);
        assertThat(text).contains("Changed since the previous run (" + before + "; 2):\n"
                + "  a.one @ node / pyodide-1.0.0: HOLDS -> STALE (worse): raised OSError [ENOSYS=52]: nope a.one\n"
                + "  a.two @ node / pyodide-1.0.0: STALE -> HOLDS: raised");
        assertThat(Summary.console(d, HistoryView.empty()))
                .contains("Since the previous run: none recorded, this is the first run in the history.");
        HistoryView same = HistoryView.of(List.of(new HistoryRecord(HistoryRecord.SCHEMA, before, before, "test",
                List.of(), List.of(), List.of(new HistoryRecord.Cell("a.one", "node", "pyodide-1.0.0", Verdict.STALE, "x")))));
        assertThat(Summary.markdown(d, same)).contains("- **Since the previous run (" + before + "): no verdict changed.**\n");
    }

    @Test
    void brokenAndUnrecordedCellsAreListedFirstAndLongListsAreCut() {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(cell("b.crash" + i, "node", Verdict.CRASH, Verdict.HOLDS));
        }
        results.add(cell("b.new", "node", Verdict.HOLDS, null));
        String text = Summary.console(document(results));
        assertThat(text).startsWith("Differs from the recorded expectation (20):\n"
                + "  b.crash0 @ node / pyodide-1.0.0: recorded HOLDS, observed CRASH: crashed: Aborted()\n");
        assertThat(text).contains("  ... and 8 more (see summary.md's tables or dashboard.html)\n");
        assertThat(text).contains("No recorded expectation (1; record with --update-expectations):\n"
                + "  b.new @ node / pyodide-1.0.0: HOLDS\n");
        assertThat(text).contains("CRASH, TIMEOUT, ERROR, FLAKY (20):\n  CRASH b.crash0 @ node / pyodide-1.0.0: crashed: Aborted()");
    }

    @Test
    void aStaleClaimOnSeveralHostsIsOneLine() {
        String text = Summary.console(document(List.of(cell("s.pread", "node", Verdict.STALE, Verdict.STALE),
                cell("s.pread", "chromium", Verdict.STALE, Verdict.STALE))));
        assertThat(text).contains("(1 claims, 2 cells):\n  s.pread @ node, chromium / pyodide-1.0.0: raised OSError "
                + "[ENOSYS=52]: nope s.pread\n");
    }

    /**
     * The default run's shape (94 claims on four hosts, 20 of them STALE somewhere, most cells SKIPPED on the
     * plain and bad-MIME hosts): everything before the first table fits on one screen.
     */
    @Test
    void theHeadOfADefaultSizedRunFitsOnOneScreen() {
        List<Result> results = new ArrayList<>();
        for (String host : List.of("node", "chromium", "chromium-plain", "chromium-badmime")) {
            for (int i = 0; i < 94; i++) {
                boolean applies = host.startsWith("chromium-") ? i < 2 : i < 65;
                Verdict v = !applies ? null : i < 20 ? Verdict.STALE : Verdict.HOLDS;
                results.add(v == null ? notForHost("c.claim" + i, host) : cell("a.claim" + i, host, v, v));
            }
        }
        String md = Summary.markdown(document(results), HistoryView.empty());
        String head = md.substring(0, md.indexOf("\n## Verdict counts"));
        assertThat(head.lines().count()).as(head).isLessThanOrEqualTo(40);
        assertThat(head).contains("(20 claims, 44 cells)").contains("- a.claim19 @ node, chromium / pyodide-1.0.0: raised")
                .doesNotContain("more (see");
        assertThat(head.lines()).allMatch(l -> l.length() <= 160);
        assertThat(md.substring(0, md.indexOf("\n## Runtimes and hosts")).lines().count()).isLessThanOrEqualTo(45);
    }

    @Test
    void theNativeColumnIsTheControlAndItsStaleCellsAreNoNewsAboutTheReadme() {
        ResultDocument withControl = document(List.of(cell("network.accept", "node", Verdict.HOLDS, Verdict.HOLDS),
                cell("network.accept", Text.CONTROL_HOST, Verdict.STALE, Verdict.STALE)));
        assertThat(Summary.counts(withControl)).containsKey("pyodide-1.0.0 / native (control)");
        assertThat(Summary.markdown(withControl)).contains("| pyodide-1.0.0 / native (control) |")
                .doesNotContain("network.accept @ native");
        assertThat(ClaimStatus.of(withControl.results()).get(0).verdict()).isEqualTo(Verdict.HOLDS);
    }
}
