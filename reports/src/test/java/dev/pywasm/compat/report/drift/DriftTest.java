package dev.pywasm.compat.report.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.DocumentVersion;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.Fixtures;
import dev.pywasm.compat.report.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The drift of the fixtures' matrix (pyodide-0.27.7 on CPython 3.12, pyodide-314.0.7 on 3.14, where
 * {@code network.accept-crash} went STALE on chromium) against versions of a document.
 */
class DriftTest {

    static final String SOCKETPAIR = "``socketpair`` does not work.";
    static final String ACCEPT = "``socket.accept`` crashes the runtime.";
    static final String FORK = "System calls like fork, popen, and subprocess fail with ``ENOSYS`` or ``ENOSUP``.";

    static final ResultSet SET = ResultSet.of(null, Fixtures.matrix(Instant.parse("2026-12-01T10:00:00Z"), true));

    static DocumentVersion version(String id, String date, String python, String... claimAndQuote) {
        Map<String, String> quotes = new LinkedHashMap<>();
        for (int i = 0; i < claimAndQuote.length; i += 2) {
            quotes.put(claimAndQuote[i], claimAndQuote[i + 1]);
        }
        return new DocumentVersion(id, "the " + id + " text", "/nowhere/" + id + ".md", null,
                "https://github.com/python/cpython", "Tools/wasm/README.md", "0123456789abcdef", date, null,
                List.of(python), null, quotes, List.of(), List.of());
    }

    static final DocumentVersion SEED = version("seed", "before 2022", "3.12",
            "network.socketpair", SOCKETPAIR, "network.accept-crash", ACCEPT, "processes.fork", FORK);

    @Test
    void theNewestVersionsFalseSentencesOnTodaysRuntimeAreTheEditsWithTheirEvidence() {
        DocumentVersion newest = version("newest", "after 2025-08", "3.14",
                "network.socketpair", SOCKETPAIR, "network.accept-crash", ACCEPT);
        Drift drift = Drift.of(SET, List.of(SEED, newest), Map.of());
        assertThat(drift.today().id()).isEqualTo("pyodide-314.0.7");
        assertThat(drift.edits()).singleElement().satisfies(s -> {
            assertThat(s.claimId()).isEqualTo("network.accept-crash");
            assertThat(s.stale()).singleElement().isEqualTo(new Drift.Evidence("chromium", "pyodide-314.0.7",
                    "raised OSError [EINVAL=28]: nope"));
        });
        String md = DriftMarkdown.of(drift, "dashboard.html", "About the run.");
        assertThat(md).contains("## Edits the current text needs")
                .contains("1 sentence(s) are false on pyodide-314.0.7")
                .contains("1. \"" + ACCEPT + "\" (`network.accept-crash`): STALE on [chromium/pyodide-314.0.7]"
                        + "(dashboard.html#cell-network.accept-crash~chromium~pyodide-314.0.7): raised OSError [EINVAL=28]: nope");
    }

    @Test
    void claimsThatQuoteTheSameSentenceAreOneEdit() {
        String both = "Network modules like ``asyncio``, ``urllib`` are not available.";
        ResultDocument doc = new ResultDocument(ResultDocument.SCHEMA, Fixtures.run(Instant.parse("2026-12-01T10:00:00Z"),
                Fixtures.NEW), List.of(
                Fixtures.result("network.asyncio", both, "node", "pyodide-314.0.7", Verdict.STALE, Fixtures.raised("EINVAL", 28)),
                Fixtures.result("network.urllib", both, "node", "pyodide-314.0.7", Verdict.STALE, Fixtures.raised("EINVAL", 28))));
        DocumentVersion newest = version("newest", "2026-01-01", "3.14", "network.asyncio", both, "network.urllib", both);
        Drift drift = Drift.of(ResultSet.of(null, doc), List.of(newest), Map.of());
        assertThat(drift.edits()).hasSize(2);
        assertThat(drift.editsBySentence()).containsOnlyKeys(both);
        assertThat(DriftMarkdown.of(drift, "d.html", "")).contains("1 sentence(s) are false on pyodide-314.0.7")
                .contains("1. \"" + both + "\" (`network.asyncio`): STALE on [node/pyodide-314.0.7]")
                .contains("; (`network.urllib`): STALE on [node/pyodide-314.0.7]");
    }

    @Test
    void theNativeControlsStaleCellsAreNoDrift() {
        // On the control (CPython without wasm) almost every limitation is STALE by design: not an edit.
        String fork = "System calls like fork fail.";
        ResultDocument doc = new ResultDocument(ResultDocument.SCHEMA, Fixtures.run(Instant.parse("2026-12-01T10:00:00Z"),
                Fixtures.NEW), List.of(
                Fixtures.result("processes.fork", fork, "node", "pyodide-314.0.7", Verdict.HOLDS, Fixtures.raised("ENOSYS", 52)),
                Fixtures.result("processes.fork", fork, "native", "pyodide-314.0.7", Verdict.STALE, Fixtures.raised("ENOSYS", 52))));
        Drift drift = Drift.of(ResultSet.of(null, doc), List.of(version("newest", "2026-01-01", "3.14", "processes.fork", fork)),
                Map.of());
        assertThat(drift.edits()).isEmpty();
        assertThat(drift.versions().get(0).checked()).isEqualTo(1);
    }

    @Test
    void eachVersionIsFalseOnTheRuntimesItFitsAndOnTodays() {
        Drift drift = Drift.of(SET, List.of(SEED), Map.of());
        Drift.VersionDrift seed = drift.versions().get(0);
        assertThat(seed.era()).containsExactly("pyodide-0.27.7");
        assertThat(seed.staleOnEra()).isEmpty();
        assertThat(seed.staleToday()).extracting(Drift.Sentence::claimId).containsExactly("network.accept-crash");
        assertThat(seed.checked()).isEqualTo(3);
        assertThat(DriftMarkdown.of(drift, "dashboard.html", "")).contains("False on its era's runtimes (pyodide-0.27.7): none.");
    }

    @Test
    void aRemovedSentenceThatStillHoldsIsSaidToBeRemovedWhileTrue() {
        DocumentVersion newer = version("newer", "2024-04-29", "3.14", "network.socketpair", SOCKETPAIR,
                "network.accept-crash", ACCEPT);
        Drift drift = Drift.of(SET, List.of(SEED, newer), Map.of());
        assertThat(drift.removals()).singleElement().satisfies(r -> {
            assertThat(r.claimId()).isEqualTo("processes.fork");
            assertThat(r.from()).isEqualTo("seed");
            assertThat(r.in()).isEqualTo("newer");
            assertThat(r.stale()).isEmpty();
            assertThat(r.holds()).contains("node/pyodide-314.0.7", "chromium/pyodide-0.27.7");
            assertThat(r.bisect()).isNull();
        });
        assertThat(DriftMarkdown.of(drift, "dashboard.html", "")).contains("(removed while true there)");
    }

    @Test
    void aRemovedSentenceThatWentFalsePointsAtTheBisectionThatFindsTheReleaseOrSaysWhatOneFound() {
        DocumentVersion newer = version("newer", "2024-04-29", "3.14", "network.socketpair", SOCKETPAIR,
                "processes.fork", FORK);
        Drift.Removal r = Drift.of(SET, List.of(SEED, newer), Map.of()).removals().get(0);
        assertThat(r.claimId()).isEqualTo("network.accept-crash");
        assertThat(r.stale()).extracting(Drift.Evidence::host).containsExactly("chromium");
        assertThat(r.bisect()).isEqualTo("./pywasm-compat bisect --host chromium --from 0.27.7 --to 314.0.7"
                + " --claims network.accept-crash");
        Drift.Removal answered = Drift.of(SET, List.of(SEED, newer), Map.of("network.accept-crash",
                List.of("chromium: changed in 0.28.0 (Emscripten 3.1.58 -> 4.0.9)"))).removals().get(0);
        assertThat(answered.bisect()).isNull();
        assertThat(DriftMarkdown.of(Drift.of(SET, List.of(SEED, newer), Map.of("network.accept-crash",
                List.of("chromium: changed in 0.28.0 (Emscripten 3.1.58 -> 4.0.9)"))), "d.html", ""))
                .contains("Release that changed it: chromium: changed in 0.28.0 (Emscripten 3.1.58 -> 4.0.9).");
    }

    @Test
    void thePrimaryStaysFirstAndLaterVersionsFollowByTheirDates() {
        DocumentVersion a = version("a", "after 2025-08", "3.14", "network.socketpair", SOCKETPAIR);
        DocumentVersion b = version("b", "2024-04-29", "3.13", "network.socketpair", SOCKETPAIR);
        DocumentVersion c = version("c", "2022-09-13", "3.11", "network.socketpair", SOCKETPAIR);
        assertThat(Drift.ordered(List.of(SEED, a, b, c))).extracting(DocumentVersion::id).containsExactly("seed", "c", "b", "a");
    }

    @Test
    void aVersionsVerdictSetCountsItsClaimsPerRuntimeAndHostAndListsTheStaleOnes() {
        DocumentVersion newer = version("newer", "2024-04-29", "3.14", "network.accept-crash", ACCEPT);
        List<DocumentVersion.VersionVerdicts> sets = DocumentVerdicts.of(newer, SET.results());
        assertThat(sets).hasSize(4);
        DocumentVersion.VersionVerdicts chromiumNew = sets.stream()
                .filter(s -> s.host().equals("chromium") && s.runtime().equals("pyodide-314.0.7")).findFirst().orElseThrow();
        assertThat(chromiumNew.counts()).containsExactly(Map.entry(Verdict.STALE, 1));
        assertThat(chromiumNew.stale()).containsExactly("network.accept-crash");
        assertThat(DocumentVerdicts.statuses(newer, SET.results())).singleElement()
                .satisfies(s -> assertThat(s.quote()).isEqualTo(ACCEPT));
    }

    @Test
    void resultsWithoutDocumentVersionsSayThereIsNothingToCompare() {
        ResultDocument doc = Fixtures.matrix(Instant.parse("2026-12-01T10:00:00Z"), false);
        assertThat(DriftMarkdown.of(Drift.of(ResultSet.of(null, doc), List.of(), Map.of()), "d.html", ""))
                .contains("record no document versions");
    }
}
