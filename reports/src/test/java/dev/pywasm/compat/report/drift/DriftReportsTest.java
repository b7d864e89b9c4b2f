package dev.pywasm.compat.report.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.DocumentVersion;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.report.Fixtures;
import dev.pywasm.compat.report.ReportsTestAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results that record document versions get, from {@code report} and {@code run} alike, one annotated text per version, drift.md and the dashboard's section. */
class DriftReportsTest {

    @TempDir
    Path dir;

    @Test
    void everyLaterVersionGetsItsAnnotatedTextAndTheRunGetsDriftMdAndADashboardSection() throws IOException {
        Path seed = Files.writeString(dir.resolve("README.md"), Fixtures.README);
        Path newerText = Files.writeString(dir.resolve("NEWER.md"), "# Limits\n\n- ``socketpair`` does not\n  work.\n"
                + "- ``socket.accept`` crashes the runtime.\n");
        DocumentVersion primary = withPath(DriftTest.SEED, seed);
        DocumentVersion newer = withPath(DriftTest.version("newer", "after 2025-08", "3.14",
                "network.socketpair", DriftTest.SOCKETPAIR, "network.accept-crash", DriftTest.ACCEPT), newerText);
        ResultDocument plain = Fixtures.matrix(Instant.parse("2026-12-01T10:00:00Z"), true);
        ResultDocument doc = new ResultDocument(ResultDocument.SCHEMA, plain.run().withDocuments(
                DocumentVerdicts.fill(List.of(primary, newer), plain.results())), plain.results());
        Path out = dir.resolve("out");

        List<String> warnings = ReportsTestAccess.write(out, doc, seed);

        // The primary's annotated README marks only the claims it makes: processes.gone is nobody's, so no warning.
        assertThat(warnings).isEmpty();
        assertThat(Files.readString(out.resolve("annotated-README.newer.md")))
                .contains("**``socketpair`` does not\n  work.** [✔ holds · network.socketpair](dashboard.html#claim-network.socketpair)")
                .contains("[≠ differs by host and runtime · network.accept-crash]");
        assertThat(Files.readString(out.resolve("drift.md"))).contains("# Documentation drift")
                .contains("`newer` (the newer text; https://github.com/python/cpython/blob/0123456789abcdef/Tools/wasm/README.md, after 2025-08)")
                .contains("- \"" + DriftTest.FORK + "\" (`processes.fork`): last in `seed`, gone in `newer`.");
        String html = Files.readString(out.resolve("dashboard.html"));
        assertThat(html).contains("<section id=\"versions\">").contains("id=\"doc-newer\"").contains("id=\"q-newer-network.accept-crash\"")
                .contains("href=\"#cell-network.accept-crash~chromium~pyodide-314.0.7\"");
    }

    @Test
    void theVersionsAndTheirVerdictSetsSurviveTheResultFile() {
        ResultDocument plain = Fixtures.matrix(Instant.parse("2026-12-01T10:00:00Z"), true);
        List<DocumentVersion> versions = DocumentVerdicts.fill(List.of(DriftTest.SEED), plain.results());
        ResultDocument doc = new ResultDocument(ResultDocument.SCHEMA, plain.run().withDocuments(versions), plain.results());
        Path file = dir.resolve("results.json");
        dev.pywasm.compat.report.ResultFile.writeAtomically(file, doc);
        ResultDocument read = dev.pywasm.compat.report.ResultFile.read(file);
        assertThat(read.run().documents()).isEqualTo(versions);
        assertThat(read.run().documents().get(0).verdicts()).hasSize(4);
        assertThat(read.run().documents().get(0).quotes().keySet()).containsExactly("network.socketpair",
                "network.accept-crash", "processes.fork");
        // A result file from before issue 18 has no documents.
        dev.pywasm.compat.report.ResultFile.writeAtomically(file, plain);
        assertThat(dev.pywasm.compat.report.ResultFile.read(file).run().documents()).isEmpty();
    }

    @Test
    void theSummaryHasAShortSectionPerDocumentVersion() {
        ResultDocument plain = Fixtures.matrix(Instant.parse("2026-12-01T10:00:00Z"), true);
        ResultDocument doc = new ResultDocument(ResultDocument.SCHEMA, plain.run().withDocuments(List.of(DriftTest.SEED,
                DriftTest.version("newer", "2025-01-01", "3.14", "network.accept-crash", DriftTest.ACCEPT))), plain.results());
        assertThat(dev.pywasm.compat.report.Summary.markdown(doc)).contains("## Document versions")
                .contains("| `seed` | before 2022 | 3.12 | 3 | 0 on pyodide-0.27.7 | 1 |")
                .contains("| `newer` | 2025-01-01 | 3.14 | 1 | 1 on pyodide-314.0.7 | 1 |");
        assertThat(dev.pywasm.compat.report.Summary.console(doc))
                .contains("Document versions (sentences false on their era's runtimes / on pyodide-314.0.7; see drift.md):")
                .containsPattern("  seed +0 / 1 of 3\n").containsPattern("  newer +1 / 1 of 1\n");
    }

    static DocumentVersion withPath(DocumentVersion v, Path path) {
        return new DocumentVersion(v.id(), v.title(), path.toString(), null, v.repository(), v.sourcePath(), v.commit(),
                v.date(), v.note(), v.fits(), v.fitsNote(), v.quotes(), v.verdicts(), v.notCheckable());
    }
}
