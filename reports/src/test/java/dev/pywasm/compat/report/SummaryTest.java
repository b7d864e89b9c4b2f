package dev.pywasm.compat.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private final ResultDocument doc = new ResultDocument(ResultDocument.SCHEMA, ResultFileTest.info(), List.of(
            ResultFileTest.result("network.socketpair", Verdict.HOLDS),
            ResultFileTest.result("network.accept", Verdict.STALE).withExpected(Verdict.HOLDS)));

    @Test
    void countsPerColumn() {
        assertThat(Summary.counts(doc).get("pyodide-1.0.0 / node"))
                .containsEntry(Verdict.HOLDS, 1).containsEntry(Verdict.STALE, 1);
    }

    @Test
    void consoleListsStaleAndUnexpected() {
        String text = Summary.console(doc);
        assertThat(text).contains("STALE (1):\n  network.accept @ node / pyodide-1.0.0: raised OSError [ENOSYS=52]: nope");
        assertThat(text).contains("expected HOLDS, observed STALE");
    }

    @Test
    void markdownHasIdentitiesCountsAndSections() {
        String md = Summary.markdown(doc);
        assertThat(md).contains("| pyodide-1.0.0 | 3.14.2 | 5.0.3 |");
        assertThat(md).contains("--experimental-wasm-threads");
        assertThat(md).contains("## Network stack");
        assertThat(md).contains("| `network.accept` | node | pyodide-1.0.0 | **STALE** | HOLDS |");
    }
}
