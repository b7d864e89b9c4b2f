package dev.pywasm.compat.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Emscripten a source build (and the {@code emcc} host) uses: an emsdk given with {@code --emsdk PATH}
 * or {@code $EMSDK} (its {@code upstream/emscripten/emcc}, as {@code emsdk_env.sh} would put on PATH), else
 * {@code emcc} on PATH, else Debian's {@code emscripten} package, which the build installs. The build's
 * cache key is the version this {@code emcc} reports, so two toolchains give two builds, side by side.
 *
 * @param emsdk the emsdk (or emscripten) directory, or null for PATH
 */
public record Toolchain(Path emsdk) {

    /** {@code emcc} from PATH (or Debian's). */
    public static final Toolchain PATH = new Toolchain(null);

    /** {@code $EMSDK} when it is set, else {@link #PATH}. */
    public static Toolchain fromEnvironment() {
        String env = System.getenv("EMSDK");
        return env == null || env.isBlank() ? PATH : of(Path.of(env), "$EMSDK");
    }

    /**
     * An emsdk checkout ({@code upstream/emscripten/emcc} in it) or an emscripten directory ({@code emcc} in
     * it); {@code flag} names where it came from in the error when neither is there.
     */
    public static Toolchain of(Path dir, String flag) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isExecutable(abs.resolve("upstream/emscripten/emcc")) && !Files.isExecutable(abs.resolve("emcc"))) {
            throw new SetupException(flag + " " + dir + ": no emcc in " + abs.resolve("upstream/emscripten")
                    + " or " + abs + ". Give an emsdk checkout after './emsdk install X && ./emsdk activate X', "
                    + "or leave it out to use emcc from PATH (else Debian's emscripten).");
        }
        return new Toolchain(abs);
    }

    /** The directory holding {@code emcc}, or null for PATH. */
    public Path emccDir() {
        if (emsdk == null) {
            return null;
        }
        Path upstream = emsdk.resolve("upstream/emscripten");
        return Files.isExecutable(upstream.resolve("emcc")) ? upstream : emsdk;
    }

    /** The {@code emcc} to run. */
    public String emcc() {
        return emsdk == null ? "emcc" : emccDir().resolve("emcc").toString();
    }

    /** What a process running this toolchain needs in its environment (nothing for PATH). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (emsdk == null) {
            return env;
        }
        String path = System.getenv("PATH");
        env.put("PATH", emccDir() + java.io.File.pathSeparator + emsdk + (path == null ? "" : java.io.File.pathSeparator + path));
        env.put("EMSDK", emsdk.toString());
        if (Files.isRegularFile(emsdk.resolve(".emscripten"))) {
            env.put("EM_CONFIG", emsdk.resolve(".emscripten").toString());
        }
        return env;
    }

    @Override
    public String toString() {
        return emsdk == null ? "emcc on PATH" : "emsdk " + emsdk;
    }
}
