package dev.pywasm.compat.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a suite directory: what it reads, and one message naming the file for each bad input. */
class SuiteTest {

    @TempDir
    Path dir;

    @BeforeEach
    void aSuite() throws IOException {
        Files.createDirectories(dir.resolve("claims"));
        Files.createDirectories(dir.resolve("probes"));
        Files.writeString(dir.resolve("claims/10-a.yaml"), "section: A\nclaims: []\n");
        Files.writeString(dir.resolve("DOC.md"), "# A\n\n- a statement\n");
    }

    private void suiteYaml(String text) throws IOException {
        Files.writeString(dir.resolve("suite.yaml"), text);
    }

    @Test
    void aSuiteNamesItsSourcesWithTheirProvenanceAndItsHosts() throws IOException {
        suiteYaml("name: mine\nhosts: [node]\nsources:\n  - id: doc-v1\n    path: DOC.md\n    provenance:\n"
                + "      repository: https://example.org/r\n      commit: abc123\n      date: 2026-01-01\n"
                + "    coverage: [A]\n  - id: doc-v2\n    path: ./DOC.md\n");
        Suite suite = Suite.load(dir, "--suite", null);
        assertThat(suite.name()).isEqualTo("mine");
        assertThat(suite.hosts()).containsExactly("node");
        assertThat(suite.sources()).extracting(ClaimsSource::id).containsExactly("doc-v1", "doc-v2");
        assertThat(suite.primary().path()).isEqualTo(dir.resolve("DOC.md").toAbsolutePath().normalize());
        assertThat(suite.primary().provenance().commit()).isEqualTo("abc123");
        assertThat(suite.primary().coverage()).containsExactly("A");
        assertThat(suite.sources().get(1).provenance()).isEqualTo(ClaimsSource.Provenance.UNKNOWN);
        assertThat(suite.claims()).isEqualTo(suite.dir().resolve("claims"));
    }

    @Test
    void theNameDefaultsToTheDirectorysAndTheFirstSourceCanBeReadFromElsewhere() throws IOException {
        Path dirNamed = Files.createDirectories(dir.resolve("team-docs"));
        Files.move(dir.resolve("claims"), dirNamed.resolve("claims"));
        Files.move(dir.resolve("probes"), dirNamed.resolve("probes"));
        Files.writeString(dirNamed.resolve("suite.yaml"), "sources:\n  - {id: doc, path: GONE.md}\n");
        Suite suite = Suite.load(dirNamed, "--suite", dir.resolve("DOC.md"));
        assertThat(suite.name()).isEqualTo("team-docs");
        assertThat(suite.primary().path()).isEqualTo(dir.resolve("DOC.md"));
    }

    @Test
    void aMissingDirectoryIsNamedWithTheFlagAndTheFix() {
        assertThatThrownBy(() -> Suite.load(dir.resolve("nope"), "--suite", null)).isInstanceOf(SuiteException.class)
                .hasMessageContaining("--suite").hasMessageContaining("nope").hasMessageContaining("no such directory")
                .hasMessageContaining("init-suite");
    }

    @Test
    void aDirectoryWithoutSuiteYamlIsNamed() {
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).isInstanceOf(SuiteException.class)
                .hasMessageContaining(dir.resolve("suite.yaml").toString()).hasMessageContaining("missing");
    }

    @Test
    void malformedSuiteYamlIsNamedWithItsLine() throws IOException {
        suiteYaml("name: x\nsources: [\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).isInstanceOf(SuiteException.class)
                .hasMessageContaining("suite.yaml").hasMessageContaining("line");
        suiteYaml("name: x\nsorces: []\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null))
                .hasMessageContaining("suite.yaml: line").hasMessageContaining("unknown field 'sorces'").hasMessageContaining("sources");
        suiteYaml("");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).hasMessageContaining("suite.yaml: empty");
        suiteYaml("name: Bad Name\nsources: [{id: doc, path: DOC.md}]\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).hasMessageContaining("'name'")
                .hasMessageContaining("Bad Name");
        suiteYaml("hosts: [nodejs]\nsources: [{id: doc, path: DOC.md}]\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).hasMessageContaining("unknown host 'nodejs'");
    }

    @Test
    void everyClaimsSourceMustBeThereWithAnIdAndAPath() throws IOException {
        suiteYaml("name: x\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).hasMessageContaining("suite.yaml: no 'sources'");
        suiteYaml("sources: [{id: doc, path: MISSING.md}]\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null))
                .hasMessageContaining("suite.yaml: sources[1] 'doc': claims source 'MISSING.md' not found");
        suiteYaml("sources: [{id: doc}]\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).hasMessageContaining("sources[1] 'doc': missing 'path'");
        suiteYaml("sources: [{id: doc, path: DOC.md}, {id: doc, path: DOC.md}]\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).hasMessageContaining("sources[2] 'doc': id already used");
        suiteYaml("sources: [{path: DOC.md}]\n");
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null)).hasMessageContaining("sources[1]: 'id'");
    }

    @Test
    void aSuiteWithoutCatalogOrProbesIsNamed() throws IOException {
        suiteYaml("sources: [{id: doc, path: DOC.md}]\n");
        Files.delete(dir.resolve("claims/10-a.yaml"));
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null))
                .hasMessageContaining(dir.resolve("claims").toAbsolutePath().toString()).hasMessageContaining("no *.yaml");
        Files.delete(dir.resolve("claims"));
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null))
                .hasMessageContaining(dir.resolve("claims").toAbsolutePath().toString()).hasMessageContaining("missing");
        Files.createDirectories(dir.resolve("claims"));
        Files.writeString(dir.resolve("claims/10-a.yaml"), "section: A\nclaims: []\n");
        Files.delete(dir.resolve("probes"));
        assertThatThrownBy(() -> Suite.load(dir, "--suite", null))
                .hasMessageContaining(dir.resolve("probes").toAbsolutePath().toString()).hasMessageContaining("missing");
    }
}
