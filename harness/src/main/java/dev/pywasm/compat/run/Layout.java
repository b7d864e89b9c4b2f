package dev.pywasm.compat.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are by default: the project's data (catalog, probes, expectations), the claims
 * source, the runtime cache and the output directory. One place resolves them, from system
 * properties (set by the launcher and by Maven) or sensible defaults.
 *
 * @param home         the project checkout ({@code -Dpywasm.home}, else found upwards from the working directory)
 * @param claims       the catalog directory
 * @param probes       the probes directory
 * @param expectations the expectations directory
 * @param claimsSource the README the claims quote
 * @param cache        where runtimes are cached ({@code PYWASM_COMPAT_CACHE}, else {@code ~/.cache/pywasm-compat})
 */
public record Layout(Path home, Path claims, Path probes, Path expectations, Path claimsSource, Path cache) {

    public static Layout defaults() {
        Path home = findHome();
        Path suites = home.resolve("suites");
        Path source = property("pywasm.claims-source")
                .map(Path::of)
                .orElse(home.resolve("..").resolve("shared").resolve("claims-source").resolve("cpython-wasm-README.md"))
                .normalize();
        return new Layout(home, suites.resolve("claims"), suites.resolve("probes"), suites.resolve("expectations"),
                source, defaultCache());
    }

    private static Path findHome() {
        java.util.Optional<String> configured = property("pywasm.home");
        if (configured.isPresent()) {
            return Path.of(configured.get()).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("suites").resolve("claims"))) {
                return d;
            }
        }
        return dir;
    }

    private static Path defaultCache() {
        java.util.Optional<String> explicit = property("pywasm.cache")
                .or(() -> java.util.Optional.ofNullable(System.getenv("PYWASM_COMPAT_CACHE")).filter(s -> !s.isBlank()));
        if (explicit.isPresent()) {
            return Path.of(explicit.get()).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pywasm-compat").toAbsolutePath();
    }

    static java.util.Optional<String> property(String name) {
        return java.util.Optional.ofNullable(System.getProperty(name)).filter(s -> !s.isBlank());
    }
}
