package dev.pywasm.compat.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.model.DocumentVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suite's document versions: the primary from suite.yaml, the later ones from sources/*&#47;source.yaml. */
class DocumentVersionsTest {

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void example() {
        dir = tmp.resolve("suite");
        SuiteInit.write(dir, "pyodide-1.2.3");
    }

    private Path version(String id, String document, String quotes) throws IOException {
        Path v = Files.createDirectories(dir.resolve("sources").resolve(id));
        Files.writeString(v.resolve("README.md"), document);
        Files.writeString(v.resolve("source.yaml"), "id: " + id + "\ntitle: a later text\ndocument: README.md\n"
                + "provenance: {repository: https://example.org/repo, path: LIMITATIONS.md, commit: abc123, date: \"2026-02-01\"}\n"
                + "fits: {python: [\"3.14\"], note: the newest}\nquotes:\n" + quotes);
        return v.resolve("source.yaml");
    }

    private DocumentVersions load() {
        Suite suite = Suite.load(dir, "--suite", null);
        return DocumentVersions.load(suite, Catalog.load(suite.claims(), suite.probes(), HostKind.ids()));
    }

    @Test
    void withoutLaterVersionsThePrimaryMakesEveryClaimInTheCatalogsWords() {
        DocumentVersions versions = load();
        assertThat(versions.versions()).hasSize(1);
        assertThat(versions.primary().quotes()).containsEntry("processes.getpid", "`os.getpid()` always returns 42.");
    }

    @Test
    void aLaterVersionMapsEachClaimToItsOwnWordsAcrossLineBreaksAndIsRecordedWithProvenance() throws IOException {
        version("later-text", "# Limitations\n\n- `os.getpid()` always\n  returns 42.\n",
                "  processes.getpid: \"`os.getpid()` always returns 42.\"\n");
        DocumentVersions versions = load();
        assertThat(versions.versions()).extracting(DocumentVersions.Version::id)
                .containsExactly("example-limitations", "later-text");
        DocumentVersion recorded = versions.toModel().get(1);
        assertThat(recorded.commit()).isEqualTo("abc123");
        assertThat(recorded.fits()).containsExactly("3.14");
        assertThat(recorded.sha256()).hasSize(64);
        assertThat(Path.of(recorded.path())).isAbsolute().isRegularFile();
        assertThat(recorded.quotes()).containsOnlyKeys("processes.getpid");
    }

    @Test
    void aQuoteThatIsNotInItsVersionWordForWordIsAnErrorNamingTheFileAndTheClaim() throws IOException {
        Path file = version("later-text", "# Limitations\n\n- `os.getpid()` returns 7.\n",
                "  processes.getpid: \"`os.getpid()` always returns 42.\"\n");
        assertThatThrownBy(this::load).isInstanceOf(SuiteException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'processes.getpid': not in README.md word for word");
    }

    @Test
    void aQuoteForAClaimTheCatalogDoesNotHaveIsAnError() throws IOException {
        version("later-text", "# Limitations\n\n- Nothing.\n", "  processes.nothing: \"Nothing.\"\n");
        assertThatThrownBy(this::load).isInstanceOf(SuiteException.class)
                .hasMessageContaining("'processes.nothing': no such claim in the catalog");
    }

    @Test
    void aClaimTheprimaryListsAsAbsentMustBeMadeBySomeLaterVersion() throws IOException {
        Path yaml = dir.resolve("suite.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("    coverage: [Limitations]",
                "    coverage: [Limitations]\n    absent: [\"processes.*\"]"));
        assertThatThrownBy(this::load).isInstanceOf(SuiteException.class)
                .hasMessageContaining("'processes.getpid': no version of the claims source makes it");
        version("later-text", "- `os.getpid()` always returns 42.\n", "  processes.getpid: \"`os.getpid()` always returns 42.\"\n");
        DocumentVersions versions = load();
        assertThat(versions.primary().quotes()).isEmpty();
        assertThat(versions.versions().get(1).quotes()).containsOnlyKeys("processes.getpid");
    }

    @Test
    void notCheckableEntriesStandInThePrimaryCoverNoClaimedSentenceAndAreRecordedWithTheirReasons() throws IOException {
        Path doc = dir.resolve("LIMITATIONS.md");
        Files.writeString(doc, Files.readString(doc) + "- Threads are limited. Signals are odd.\n");
        Path claims = dir.resolve("claims/10-limitations.yaml");
        String good = Files.readString(claims) + "not_checkable:\n  - {quote: \"Threads are limited.\", reason: \"a summary\"}\n";
        Files.writeString(claims, good + "  - {quote: \"Signals are odd.\", reason: \"says nothing precise\"}\n");
        DocumentVersion primary = load().toModel().get(0);
        assertThat(primary.notCheckable()).extracting(dev.pywasm.compat.model.NotCheckable::quote)
                .containsExactly("Threads are limited.", "Signals are odd.");

        Files.writeString(claims, good + "  - {quote: \"Signals are even.\", reason: \"r\"}\n"
                + "  - {quote: \"`os.getpid()` always returns 42.\", reason: \"r\"}\n");
        assertThatThrownBy(this::load).isInstanceOf(SuiteException.class)
                .hasMessageContaining(claims + ": not_checkable entry \"Signals are even.\": not in the README word for word")
                .hasMessageContaining(claims + ": not_checkable entry \"`os.getpid()` always returns 42.\": line 8 "
                        + "(Limitations): \"There are no processes: `os.getpid()` always returns 42.\" is covered by claim "
                        + "'processes.getpid' already; remove the entry");
    }

    @Test
    void anUnknownFieldInSourceYamlIsAnErrorWithItsLine() throws IOException {
        Path file = version("later-text", "- `os.getpid()` always returns 42.\n",
                "  processes.getpid: \"`os.getpid()` always returns 42.\"\nfitz: {}\n");
        assertThatThrownBy(this::load).isInstanceOf(SuiteException.class)
                .hasMessageContaining(file + ": line").hasMessageContaining("unknown field 'fitz'");
    }
}
