package dev.pywasm.compat.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadmeCoverageTest {

    private static final String README = """
            # Python WebAssembly (WASM) build
            Intro that is not checked.
            # wasm32-emscripten limitations and issues
            Emscripten before 3.1.8 has known bugs. 3.1.8 contains
            fixes.
            ## Network stack
            - ``socketpair`` does not
            work. Blocking sockets are not available, e.g. ``socket.accept`` crashes.
            - The ``select`` module is limited. ``select.select()`` crashes.
            - ``mmap`` module is unstable. flush (``msync``) can crash, etc. and more.
            ```
            - a code line
            # a comment line
            ```
            # Hosting Python WASM builds
            The webserver must send
            cross-origin headers. Otherwise it fails.
            # Detect WebAssembly builds
            - not checked
            """;

    private static List<String> texts(ReadmeCoverage coverage) {
        return coverage.sentences().stream().map(ReadmeCoverage.Sentence::text).toList();
    }

    @Test
    void cutsBulletsAndParagraphsOfCheckedSectionsIntoSentencesAndCodeBlocksIntoLines() {
        ReadmeCoverage coverage = ReadmeCoverage.parse(README, Set.of("wasm32-emscripten limitations and issues",
                "Hosting Python WASM builds"));
        assertThat(texts(coverage)).containsExactly(
                "Emscripten before 3.1.8 has known bugs.",
                "3.1.8 contains fixes.",
                "``socketpair`` does not work.",
                "Blocking sockets are not available, e.g. ``socket.accept`` crashes.",
                "The ``select`` module is limited.",
                "``select.select()`` crashes.",
                "``mmap`` module is unstable. flush (``msync``) can crash, etc. and more.",
                "- a code line",
                "# a comment line",
                "The webserver must send cross-origin headers.",
                "Otherwise it fails.");
        List<ReadmeCoverage.Sentence> sentences = coverage.sentences();
        assertThat(sentences.get(2).heading()).isEqualTo("wasm32-emscripten limitations and issues / Network stack");
        assertThat(sentences.get(2).line()).isEqualTo(7);
        assertThat(sentences.get(3).line()).as("a sentence starting on the bullet's second line").isEqualTo(8);
        assertThat(sentences.get(8).code()).isTrue();
        assertThat(sentences.get(8).line()).isEqualTo(13);
    }

    @Test
    void theDetectSectionIsCheckedWhenTheCoverageNamesIt() {
        assertThat(texts(ReadmeCoverage.parse(README))).contains("not checked");
    }

    @Test
    void aSentenceIsCoveredByAQuoteInItOrAQuoteAroundItAndOtherwiseReportedWithItsLine() {
        ReadmeCoverage coverage = ReadmeCoverage.parse(README, Set.of("Hosting Python WASM builds"));
        Claim claim = claim("The webserver must send cross-origin headers");
        assertThat(coverage.uncovered(List.of(claim), List.of())).singleElement()
                .hasToString("line 17 (Hosting Python WASM builds): \"Otherwise it fails.\"");
        NotCheckable entry = new NotCheckable("Otherwise it fails.", "no page to fail", "s", Path.of("c.yaml"), null);
        assertThat(coverage.uncovered(List.of(claim), List.of(entry))).isEmpty();
        Claim spanning = claim("The webserver must send cross-origin headers. Otherwise it fails.");
        assertThat(coverage.uncovered(List.of(spanning), List.of())).isEmpty();
    }

    @Test
    void aNotCheckableEntryMustStandInTheReadmeAndNotHideASentenceAClaimCovers() {
        ReadmeCoverage coverage = ReadmeCoverage.parse(README, Set.of("Hosting Python WASM builds"));
        Claim claim = claim("The webserver must send cross-origin headers");
        assertThat(coverage.problems(List.of(claim), List.of(
                entry("Otherwise it fails."),
                entry("Otherwise it works."),
                entry("The webserver must send cross-origin headers."),
                entry("Intro that is not checked."),
                new NotCheckable(claim.quote(), "its own reason", "s", Path.of("c.yaml"), claim.id()))))
                .containsExactly(
                        "c.yaml: not_checkable entry \"Otherwise it works.\": not in the README word for word: "
                                + "\"Otherwise it works.\"",
                        "c.yaml: not_checkable entry \"The webserver must send cross-origin headers.\": line 16 "
                                + "(Hosting Python WASM builds): \"The webserver must send cross-origin headers.\" is "
                                + "covered by claim 'x.y' already; remove the entry",
                        "c.yaml: not_checkable entry \"Intro that is not checked.\": no sentence of the checked sections "
                                + "(the suite's coverage) has these words; remove the entry");
    }

    private static NotCheckable entry(String quote) {
        return new NotCheckable(quote, "a reason", "s", Path.of("c.yaml"), null);
    }

    private static Claim claim(String quote) {
        return new Claim("x.y", "s", quote, Set.of("node"), "p.py", List.of(), Duration.ofSeconds(1), null, false,
                Path.of("c.yaml"), List.of(), null, null);
    }
}
