package dev.pywasm.compat.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pywasm.compat.model.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

    /** The host ids this catalog may name: the registry\'s, in the harness; the catalog knows none itself. */
    static final Set<String> HOSTS = Set.of("node", "chromium");

    @TempDir
    Path dir;
    Path claims;
    Path probes;

    @BeforeEach
    void setUp() throws IOException {
        claims = Files.createDirectories(dir.resolve("claims"));
        probes = Files.createDirectories(dir.resolve("probes").resolve("net"));
        Files.writeString(probes.resolve("pair.py"), "pass\n");
        probes = dir.resolve("probes");
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(claims.resolve(name), yaml);
    }

    private static final String GOOD = """
            section: "limitations / Network stack"
            claims:
              - id: network.socketpair
                quote: "``socketpair``   does not
                  work."
                hosts: [node, chromium]
                probe: net/pair.py
                timeout: 15s
                predicts:
                  - outcome: raised
                    errno: [ENOSYS]
                  - outcome: crashed
                refuted_by: [{outcome: returned, value: {roundtrip: true}}]
            """;

    @Test
    void loadsAWellFormedFile() throws IOException {
        write("10-net.yaml", GOOD);
        Catalog catalog = Catalog.load(claims, probes, HOSTS);
        Claim c = catalog.claim("network.socketpair");
        assertThat(c.quote()).isEqualTo("``socketpair`` does not work.");
        assertThat(c.hosts()).containsExactlyInAnyOrder("node", "chromium");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.predicts()).extracting(Matcher::outcome).containsExactly(Outcome.RAISED, Outcome.CRASHED);
        assertThat(c.predicts().get(0).errno()).containsExactly("ENOSYS");
        assertThat(c.section()).isEqualTo("limitations / Network stack");
    }

    @Test
    void notCheckableSentencesAndAClaimsReasonAreLoadedInFileOrder() throws IOException {
        write("10-net.yaml", GOOD.replace("    timeout: 15s\n", "    timeout: 15s\n    not_checkable: \"no runtime   here\"\n")
                + "not_checkable:\n  - {quote: \"IPv6 is\n    not available.\", reason: \"no IPv6 here\"}\n");
        Catalog catalog = Catalog.load(claims, probes, HOSTS);
        assertThat(catalog.claim("network.socketpair").notCheckable()).isEqualTo("no runtime here");
        assertThat(catalog.notCheckable()).extracting(NotCheckable::quote, NotCheckable::reason, NotCheckable::claimId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("IPv6 is not available.", "no IPv6 here", null),
                        org.assertj.core.groups.Tuple.tuple("``socketpair`` does not work.", "no runtime here",
                                "network.socketpair"));
    }

    @Test
    void aNotCheckableEntryWithoutAReasonNamesTheFileAndTheEntry() throws IOException {
        Path f = write("10-net.yaml", GOOD + "not_checkable:\n  - {quote: \"IPv6 is not available.\"}\n");
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).isInstanceOf(CatalogException.class)
                .hasMessage(f + ": not_checkable[1] \"IPv6 is not available.\": missing 'reason' (why no probe can check "
                        + "the sentence, and what would make it checkable)");
        write("10-net.yaml", GOOD + "not_checkable:\n  - {reason: \"why\"}\n");
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("not_checkable[1]: missing 'quote'");
        write("10-net.yaml", GOOD.replace("    timeout: 15s\n", "    timeout: 15s\n    not_checkable: \" \"\n"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining("entry 1 'network.socketpair': 'not_checkable' is empty");
    }

    @Test
    void unknownFieldNamesFileAndLine() throws IOException {
        Path f = write("10-net.yaml", GOOD.replace("timeout: 15s", "timout: 15s"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("unknown field 'timout'");
    }

    @Test
    void unknownHostNamesTheEntry() throws IOException {
        write("10-net.yaml", GOOD.replace("[node, chromium]", "[node, firefox]"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining("entry 1 'network.socketpair'")
                .hasMessageContaining("unknown host 'firefox'");
    }

    @Test
    void aFilesEnginesMapExtendsEveryClaimNamingTheHostToTheEnginesItStandsFor() throws IOException {
        write("10-net.yaml", GOOD.replace("claims:\n", "engines: {node: [deno, bun]}\nclaims:\n"));
        Claim c = Catalog.load(claims, probes, Set.of("node", "chromium", "deno", "bun")).claim("network.socketpair");
        assertThat(c.hosts()).containsExactlyInAnyOrder("node", "chromium", "deno", "bun");
    }

    @Test
    void anUnknownHostInTheEnginesMapNamesTheFile() throws IOException {
        Path f = write("10-net.yaml", GOOD.replace("claims:\n", "engines: {node: [deno, safari]}\nclaims:\n"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, Set.of("node", "chromium", "deno")))
                .isInstanceOf(CatalogException.class)
                .hasMessage(f + ": 'engines': unknown host 'safari' (known: " + Set.of("node", "chromium", "deno") + ")");
    }

    @Test
    void unknownOutcomeListsTheKnownOnes() throws IOException {
        write("10-net.yaml", GOOD.replace("outcome: crashed", "outcome: crash"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining("'network.socketpair': predicts[2]")
                .hasMessageContaining("unknown outcome 'crash'")
                .hasMessageContaining("crashed");
    }

    @Test
    void missingProbeFileIsNamed() throws IOException {
        write("10-net.yaml", GOOD.replace("net/pair.py", "net/nope.py"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("probe file 'net/nope.py' not found");
    }

    @Test
    void probePathsCannotLeaveTheProbesDirectory() throws IOException {
        Files.writeString(dir.resolve("outside.py"), "pass\n");
        write("10-net.yaml", GOOD.replace("net/pair.py", "../outside.py"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("not found under");
    }

    @Test
    void duplicateIdsNameBothFiles() throws IOException {
        write("10-net.yaml", GOOD);
        Path second = write("20-more.yaml", GOOD);
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining(second.toString())
                .hasMessageContaining("already used in")
                .hasMessageContaining("10-net.yaml");
    }

    @Test
    void malformedIdIsRejected() throws IOException {
        write("10-net.yaml", GOOD.replace("id: network.socketpair", "id: Network Socketpair"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("'id' must be lower case");
    }

    @Test
    void valueOnlyGoesWithReturned() throws IOException {
        write("10-net.yaml", GOOD.replace("errno: [ENOSYS]", "value: 3"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("only go with outcome 'returned'");
    }

    @Test
    void aBareRaisedPredictionIsRejectedNamingFileAndClaim() throws IOException {
        Path f = write("10-net.yaml", GOOD.replace("        errno: [ENOSYS]\n", ""));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("'network.socketpair': predicts[1]")
                .hasMessageContaining("must name the exception type");
    }

    @Test
    void aRaisedPredictionNamingOnlyTheExceptionIsPrecise() throws IOException {
        write("10-net.yaml", GOOD.replace("errno: [ENOSYS]", "exception: RuntimeError"));
        assertThat(Catalog.load(claims, probes, HOSTS).claim("network.socketpair").predicts().get(0).exception())
                .isEqualTo("RuntimeError");
    }

    @Test
    void timedOutNeedsAWhy() throws IOException {
        write("10-net.yaml", GOOD.replace("  - outcome: crashed", "  - outcome: timed-out"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining("'network.socketpair': predicts[2]")
                .hasMessageContaining("only with a 'why'");
        write("10-net.yaml", GOOD.replace("  - outcome: crashed", "  - outcome: timed-out\n        why: the README says it hangs"));
        assertThat(Catalog.load(claims, probes, HOSTS).claim("network.socketpair").predicts().get(1).outcome())
                .isEqualTo(Outcome.TIMED_OUT);
    }

    @Test
    void aProbeErrorIsNeverAPrediction() throws IOException {
        write("10-net.yaml", GOOD.replace("outcome: crashed", "outcome: probe-error"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("cannot be predicted");
    }

    @Test
    void aClaimWithoutACounterexampleIsRejected() throws IOException {
        Path f = write("10-net.yaml", GOOD.replace("    refuted_by: [{outcome: returned, value: {roundtrip: true}}]\n", ""));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("'network.socketpair'")
                .hasMessageContaining("missing 'refuted_by'");
    }

    @Test
    void aCounterexampleThePredictionsMatchRefutesNothing() throws IOException {
        write("10-net.yaml", GOOD.replace("refuted_by: [{outcome: returned, value: {roundtrip: true}}]",
                "refuted_by: [{outcome: raised, errno: [ENOSYS]}]"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining("refuted_by[1]")
                .hasMessageContaining("refutes nothing");
    }

    @Test
    void aCounterexampleIsAnObservationAProbeReports() throws IOException {
        write("10-net.yaml", GOOD.replace("refuted_by: [{outcome: returned, value: {roundtrip: true}}]",
                "refuted_by: [{outcome: timed-out}]"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("returned, raised or missing");
    }

    @Test
    void badTimeoutIsNamed() throws IOException {
        write("10-net.yaml", GOOD.replace("timeout: 15s", "timeout: soon"));
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("'timeout' must look like");
    }

    @Test
    void brokenYamlGivesTheLine() throws IOException {
        Path f = write("10-net.yaml", "section: x\nclaims: [\n");
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("not a valid catalog file");
    }

    @Test
    void emptyDirectoryIsAnError() {
        assertThatThrownBy(() -> Catalog.load(claims, probes, HOSTS)).hasMessageContaining("no *.yaml catalog files");
    }
}
