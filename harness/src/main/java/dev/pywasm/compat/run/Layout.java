package dev.pywasm.compat.run;

import dev.pywasm.compat.report.history.HistoryStore;
import dev.pywasm.compat.suite.ClaimsSource;
import dev.pywasm.compat.suite.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where things are by default: the suite's data (catalog, probes, expectations), the claims
 * source, the runtime cache and the output directory. One place resolves them, from system
 * properties (set by the launcher and by Maven) or sensible defaults.
 *
 * @param home         the project checkout ({@code -Dpywasm.home}, else found upwards from the working directory)
 * @param claims       the catalog directory
 * @param probes       the probes directory
 * @param expectations the expectations directory
 * @param claimsSource the README the claims quote
 * @param cache        where runtimes are cached ({@code PYWASM_COMPAT_CACHE}, else {@code ~/.cache/pywasm-compat})
 * @param suite        the suite all of the above except the cache comes from: the project's {@code suites/},
 *                     {@code -Dpywasm.suite=DIR} or {@code --suite DIR}
 */
public record Layout(Path home, Path claims, Path probes, Path expectations, Path claimsSource, Path cache, Suite suite) {

    /** The system property naming another suite directory (absolute, or relative to the checkout). */
    public static final String SUITE_PROPERTY = "pywasm.suite";

    /** A layout of loose directories (tests): a suite in {@code claims}' parent with {@code claimsSource} as its source. */
    public Layout(Path home, Path claims, Path probes, Path expectations, Path claimsSource, Path cache) {
        this(home, claims, probes, expectations, claimsSource, cache, new Suite(claims.toAbsolutePath().getParent(),
                "loose", List.of(new ClaimsSource("claims-source", claimsSource, null, List.of())), List.of()));
    }

    /** The project's own suite ({@code suites/}), or the one {@code -Dpywasm.suite} names. */
    public static Layout defaults() {
        Path home = findHome();
        java.util.Optional<String> other = property(SUITE_PROPERTY);
        return other.isPresent() ? of(home, home.resolve(other.get()), "-D" + SUITE_PROPERTY)
                : of(home, home.resolve("suites"), "the project's suite");
    }

    /** The suite in {@code dir} ({@code --suite DIR}). */
    public static Layout forSuite(Path dir) {
        return of(findHome(), dir, "--suite");
    }

    private static Layout of(Path home, Path dir, String flag) {
        Suite suite = Suite.load(dir, flag, property("pywasm.claims-source").map(Path::of).map(Path::normalize).orElse(null));
        return new Layout(home, suite.claims(), suite.probes(), suite.expectations(), suite.primary().path(),
                defaultCache(), suite);
    }

    /** True for the project's own {@code suites/}. */
    public boolean ownSuite() {
        return suite.dir().toAbsolutePath().normalize().equals(home.resolve("suites").toAbsolutePath().normalize());
    }

    /**
     * The history store's directory: {@link HistoryStore#defaultDir} for the project's suite, and
     * {@code suites/<name>} below it for another suite, so that its runs are compared only with its own.
     */
    public Path history() {
        Path base = HistoryStore.defaultDir(cache);
        return ownSuite() ? base : base.resolve("suites").resolve(suite.name());
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
