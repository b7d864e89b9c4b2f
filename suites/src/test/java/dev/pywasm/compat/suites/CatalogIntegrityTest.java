package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.claim.ReadmeCoverage;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.claim.Matcher;
import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.judge.Judge;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.suite.DocumentVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog is data, so it gets data checks: it loads, it quotes the claims source word for word,
 * it covers every limitation statement there, every probe is used, every claim can fail (the judge
 * refutes it with each of its counterexamples and upholds it with each prediction), and every expectation
 * file is well formed and names only known claims.
 */
class CatalogIntegrityTest {

    private static Layout layout;
    private static Catalog catalog;

    @BeforeAll
    static void load() {
        layout = Layout.defaults();
        catalog = Catalog.load(layout.claims(), layout.probes(), HostKind.ids());
    }

    @Test
    void claimsSourceIsThere() {
        assertThat(layout.claimsSource())
                .withFailMessage("the claims source %s is missing: the catalog quotes it (check out ../shared beside "
                        + "this repository, or pass -Dpywasm.claims-source=PATH)", layout.claimsSource())
                .isRegularFile();
    }

    @Test
    void everyQuoteStandsInTheReadmeWordForWord() {
        List<Claim> misquoted = coverage().misquoted(catalog.claims().stream()
                .filter(c -> layout.suite().primary().makes(c.id())).toList());
        assertThat(misquoted)
                .withFailMessage(() -> "quotes not found in " + layout.claimsSource() + ":\n" + misquoted.stream()
                        .map(c -> "  " + c.source().getFileName() + " '" + c.id() + "': \"" + c.quote() + "\"")
                        .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void everyReadmeSentenceHasAClaimOrANotCheckableReason() {
        ReadmeCoverage coverage = coverage();
        List<Claim> made = catalog.claims().stream().filter(c -> layout.suite().primary().makes(c.id())).toList();
        List<ReadmeCoverage.Sentence> uncovered = coverage.uncovered(made, catalog.notCheckable());
        // The project's README has 93 sentences under its three headings; any other suite's at least one.
        int least = layout.ownSuite() ? 90 : layout.suite().primary().coverage().isEmpty() ? 0 : 1;
        assertThat(coverage.sentences())
                .withFailMessage("%d sentence(s) under the headings %s of %s (the coverage %s names), expected %d or more",
                        coverage.sentences().size(), layout.suite().primary().coverage(), layout.claimsSource(),
                        layout.suite().file(), least)
                .hasSizeGreaterThanOrEqualTo(least);
        assertThat(uncovered)
                .withFailMessage(() -> "README sentences no claim quotes and no not_checkable entry answers for (add a claim, "
                        + "or a not_checkable entry {quote, reason} to the section's file in " + layout.claims() + "):\n"
                        + uncovered.stream().map(s -> "  " + s).collect(Collectors.joining("\n")))
                .isEmpty();
        List<String> problems = coverage.problems(made, catalog.notCheckable());
        assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
    }

    @Test
    void aClaimSkippedOnEveryRecordedRuntimeAndHostSaysWhyItIsNotCheckable() {
        // The control (native) answers for the probe, not for the README: it does not make a claim checked.
        Expectations expectations = new Expectations(layout.expectations());
        List<String> wrong = new java.util.ArrayList<>();
        for (Claim c : catalog.claims()) {
            List<Verdict> recorded = expectations.recordedRuntimes().stream()
                    .flatMap(runtime -> HostKind.ids().stream().filter(h -> !h.equals("native"))
                            .flatMap(host -> expectations.expected(runtime, host, c.id()).stream()))
                    .toList();
            boolean neverChecked = !recorded.isEmpty() && recorded.stream().allMatch(v -> v == Verdict.SKIPPED);
            if (neverChecked && c.notCheckable() == null) {
                wrong.add(c.source().getFileName() + " '" + c.id() + "': SKIPPED on every recorded runtime and host ("
                        + recorded.size() + " cells): give it a runtime it applies on, or 'not_checkable: \"why\"'");
            } else if (!neverChecked && c.notCheckable() != null && !recorded.isEmpty()) {
                wrong.add(c.source().getFileName() + " '" + c.id() + "': 'not_checkable' is out of date: some recorded cell "
                        + "checks it (remove the reason)");
            }
        }
        assertThat(wrong).withFailMessage(() -> String.join("\n", wrong)).isEmpty();
    }

    @Test
    void everyDocumentVersionQuotesItsOwnTextWordForWordAndEveryClaimIsInOne() {
        // DocumentVersions.load throws, naming each file and entry, when a quote is not in its version's text.
        DocumentVersions versions = DocumentVersions.load(layout.suite(), catalog);
        if (layout.ownSuite()) {
            assertThat(versions.versions()).extracting(DocumentVersions.Version::id).containsExactly(
                    "cpython-3.11-tools-wasm", "cpython-3.11-tip-2022-09-13", "cpython-3.13-2024-04-29",
                    "cpython-main-platforms-emscripten-2026", "cpython-main-tools-wasm-2025");
            assertThat(versions.versions().get(1).quotes()).doesNotContainKey("misc.sqlite3").containsKey("misc.ctypes");
        }
    }

    @Test
    void everyLaterVersionIsTheRepositorysTextByteForByte() throws IOException {
        Path shared = layout.claimsSource().getParent().resolve("versions");
        if (!layout.ownSuite() || !Files.isDirectory(shared)) {
            return; // the copies under suites/sources are what runs use; ../shared is only where they were taken from
        }
        for (DocumentVersions.Version v : DocumentVersions.load(layout.suite(), catalog).versions().subList(1, 5)) {
            String commit = v.provenance().commit().substring(0, 7);
            try (Stream<Path> originals = Files.list(shared)) {
                Path original = originals.filter(p -> p.getFileName().toString().contains("-" + commit + "-")).findFirst()
                        .orElseThrow(() -> new AssertionError("no file of commit " + commit + " in " + shared));
                assertThat(Files.readAllBytes(v.document())).as(v.document() + " vs " + original)
                        .isEqualTo(Files.readAllBytes(original));
            }
        }
    }

    /** The claims source's statements under the headings the suite's {@code coverage} names. */
    private static ReadmeCoverage coverage() {
        return ReadmeCoverage.of(layout.claimsSource(), layout.suite().primary().coverage());
    }

    @Test
    void everyProbeFileIsUsed() throws IOException {
        Set<Path> used = catalog.claims().stream().map(catalog::probeFile).map(Path::normalize).collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(layout.probes())) {
            List<Path> unused = files.filter(p -> p.toString().endsWith(".py")).map(Path::normalize)
                    .filter(p -> !used.contains(p)).toList();
            assertThat(unused).withFailMessage("probe files no claim uses: %s", unused).isEmpty();
        }
    }

    /** time.sleep never returns on Emscripten before 3.1.8 (emscripten#16453): probes wait with pywasm_probe.pause. */
    @Test
    void noProbeWaitsWithTimeSleep() throws IOException {
        try (Stream<Path> files = Files.walk(layout.probes())) {
            List<String> sleeping = files.filter(p -> p.toString().endsWith(".py")).filter(p -> {
                try {
                    return Files.readString(p).matches("(?s).*\\bsleep\\s*\\(.*");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> layout.probes().relativize(p).toString()).sorted().toList();
            assertThat(sleeping).withFailMessage("probes that call sleep(): %s; wait with pywasm_probe.pause(seconds) "
                    + "(time.sleep hangs on Emscripten before 3.1.8, emscripten#16453)", sleeping).isEmpty();
        }
    }

    @Test
    void everyClaimHoldsForEachPredictionAndIsStaleForEachCounterexample() {
        List<String> wrong = new java.util.ArrayList<>();
        for (Claim c : catalog.claims()) {
            assertThat(c.refutedBy()).as("%s: refuted_by", c.id()).isNotEmpty();
            for (Matcher p : c.predicts()) {
                Verdict v = Judge.judge(c, p.example()).verdict();
                if (v != Verdict.HOLDS) {
                    wrong.add(c.id() + ": prediction " + p.describe() + " judged " + v);
                }
            }
            for (Matcher r : c.refutedBy()) {
                Verdict v = Judge.judge(c, r.example()).verdict();
                if (v != Verdict.STALE) {
                    wrong.add(c.id() + ": counterexample " + r.describe() + " judged " + v);
                }
            }
        }
        assertThat(wrong).withFailMessage(() -> String.join("\n", wrong)).isEmpty();
    }

    /**
     * The native control: every claim has a recorded verdict on it for each runtime recorded there, and a
     * claim that is not STALE there (so its probe did not see the limitation absent) says why in
     * {@code control:}; a {@code control:} on a claim that is STALE there is out of date.
     */
    @Test
    void everyClaimIsStaleOnTheNativeControlOrSaysWhyNot() throws IOException {
        Expectations expectations = new Expectations(layout.expectations());
        List<String> recorded = expectations.recordedRuntimes().stream()
                .filter(rt -> expectations.recorded(rt, HostKind.NATIVE.id())).toList();
        if (!layout.ownSuite()) {
            return; // another suite records its own control, if any
        }
        assertThat(recorded).as("runtimes with a recorded native control column").isNotEmpty();
        List<String> wrong = new java.util.ArrayList<>();
        for (String runtime : recorded) {
            for (Claim c : catalog.claims()) {
                java.util.Optional<Verdict> v = expectations.expected(runtime, HostKind.NATIVE.id(), c.id());
                if (v.isEmpty()) {
                    wrong.add(runtime + " " + c.id() + ": no native control verdict recorded");
                } else if (v.get() != Verdict.STALE && c.control() == null) {
                    wrong.add(runtime + " " + c.id() + ": " + v.get() + " on native, but no 'control:' says why ("
                            + c.source().getFileName() + ")");
                } else if (v.get() == Verdict.STALE && c.control() != null) {
                    wrong.add(runtime + " " + c.id() + ": STALE on native, so its 'control:' reason is out of date ("
                            + c.source().getFileName() + ")");
                }
            }
        }
        assertThat(wrong).withFailMessage(() -> String.join("\n", wrong)).isEmpty();
    }

    @Test
    void everyExpectationFileIsWellFormedAndNamesKnownClaims() throws IOException {
        Expectations expectations = new Expectations(layout.expectations());
        try (Stream<Path> files = Files.walk(layout.expectations())) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(yaml).isNotEmpty();
            for (Path file : yaml) {
                String runtime = file.getParent().getFileName().toString();
                String host = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                expectations.validate(runtime, host, catalog);
            }
        }
    }
}
