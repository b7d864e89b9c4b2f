package dev.pywasm.compat.cli;

import dev.pywasm.compat.run.Layout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --suite DIR}, for every command that reads a suite: which suite, resolved once into a {@link Layout}. */
final class SuiteOption {

    @Option(names = "--suite", paramLabel = "DIR",
            description = "Another suite: a directory laid out like suites/ (suite.yaml, claims/, probes/, "
                    + "expectations/); write an example with init-suite (default: the project's suites/, or -D"
                    + Layout.SUITE_PROPERTY + ").")
    Path dir;

    /** The layout of the chosen suite; checks the suite before anything runs. */
    Layout layout() {
        return dir != null ? Layout.forSuite(dir) : Layout.defaults();
    }
}
