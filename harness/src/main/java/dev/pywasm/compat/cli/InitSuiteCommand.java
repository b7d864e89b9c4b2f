package dev.pywasm.compat.cli;

import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.suite.SuiteInit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pywasm-compat init-suite DIR}: a small working suite to start one's own from. */
@Command(name = "init-suite", mixinStandardHelpOptions = true,
        description = "Write a minimal working suite into a new directory: suite.yaml, a one-statement claims "
                + "source, one claim, its probe and its recorded verdict; then run it with run --suite DIR.")
public final class InitSuiteCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A new or empty directory.")
    Path dir;

    @Override
    public Integer call() {
        List<Path> files = SuiteInit.write(dir, "pyodide-" + PyodideNpm.DEFAULT_VERSION);
        System.out.println("Wrote an example suite with one claim in " + dir + ":");
        files.forEach(f -> System.out.println("  " + dir.relativize(f)));
        System.out.println("Check it (its claim on node, compared with the recorded verdict; exit 0 when they match):");
        System.out.println("  ./pywasm-compat run --suite " + dir);
        System.out.println("  ./pywasm-compat check-catalog --suite " + dir + "   # quotes word for word, statements covered");
        System.out.println("Then add your own claims as the README's \"Adding a claim\" says, in " + dir.resolve("claims"));
        return 0;
    }
}
