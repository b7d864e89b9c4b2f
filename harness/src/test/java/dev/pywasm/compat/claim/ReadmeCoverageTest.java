package dev.pywasm.compat.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeCoverageTest {

    private static final String README = """
            # Python WebAssembly (WASM) build
            Intro that is not checked.
            # wasm32-emscripten limitations and issues
            Emscripten before 3.1.8 has known bugs.
            ## Network stack
            - ``socketpair`` does not
            work.
            - The ``select`` module is limited.
            ```
            - not a bullet, code
            ```
            # Hosting Python WASM builds
            The webserver must send
            cross-origin headers.
            # Detect WebAssembly builds
            - not checked
            """;

    @Test
    void findsBulletsAndParagraphsOfCheckedSectionsOnly() {
        List<ReadmeCoverage.Statement> statements = ReadmeCoverage.parse(README).statements();
        assertThat(statements).extracting(ReadmeCoverage.Statement::text).containsExactly(
                "Emscripten before 3.1.8 has known bugs.",
                "``socketpair`` does not work.",
                "The ``select`` module is limited.",
                "The webserver must send cross-origin headers.");
        assertThat(statements.get(1).heading()).isEqualTo("wasm32-emscripten limitations and issues / Network stack");
        assertThat(statements.get(1).line()).isEqualTo(6);
    }
}
