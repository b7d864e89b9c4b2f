package dev.pywasm.compat.cli;

import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SourceBuild;
import dev.pywasm.compat.runtime.Toolchain;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pywasm-compat build}: CPython for wasm32-emscripten from source, by the README's recipe, for
 * the node and browser targets; reuses the cache when the same build exists.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build CPython for wasm32-emscripten from source by the README's recipe (Debian's emscripten "
                + "and CPython source packages; cached), then print where the build is.")
public final class BuildCommand implements Callable<Integer> {

    @Option(names = "--target", split = ",", paramLabel = "TARGET", defaultValue = "node,browser",
            description = "Targets to build: node, browser (default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--cpython-source", paramLabel = "PATH",
            description = "A CPython source tree or tarball (default: Debian's python3.11 source package).")
    Path source;

    @Option(names = "--force", description = "Run the target steps (configure, make) again even when cached.")
    boolean force;

    @Option(names = "--emsdk", paramLabel = "PATH", description = "Build with this emsdk's emcc (default: $EMSDK, else "
            + "emcc on PATH, else Debian's emscripten); builds are cached per emcc version.")
    Path emsdk;

    @Override
    public Integer call() {
        Layout layout = Layout.defaults();
        for (String target : targets) {
            long start = System.nanoTime();
            SourceBuild build = new SourceBuild(target, layout.cache(), source, force,
                    emsdk != null ? Toolchain.of(emsdk, "--emsdk") : Toolchain.fromEnvironment());
            RuntimeImage image = build.prepare(System.err::println);
            System.out.printf("%s: CPython %s, Emscripten %s, %s (%d s)%n", image.id(), image.version(),
                    image.emscripten(), image.root(), (System.nanoTime() - start) / 1_000_000_000L);
        }
        return 0;
    }
}
