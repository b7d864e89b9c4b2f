package dev.pywasm.compat.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Pyodide releases the npm registry has, asked through npm itself ({@code npm view pyodide dist-tags
 * versions --json}, so npm's configured registry, proxy and credentials apply): which release is
 * {@code latest}, and which releases lie between two. Every answer is kept in
 * {@code <cache>/pyodide/.releases.json} with the time it was asked; when the registry cannot be reached
 * the kept answer (for the release list) or the newest release in the cache (for {@code latest}) is used
 * instead, with a warning.
 */
public final class PyodideReleases {

    /** The runtime name that means "the release npm's {@code latest} dist-tag names, asked at run time". */
    public static final String LATEST = "latest";

    /** Versions in semver order: {@code 0.27.8 < 0.28.0 < 314.0.0-alpha.1 < 314.0.0 < 314.0.8}. */
    public static final Comparator<String> ORDER = PyodideReleases::compare;

    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?");
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);
    private static final String CACHE_FILE = ".releases.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What the registry said.
     *
     * @param latest    the {@code latest} dist-tag
     * @param versions  every published version, oldest first (pre-releases included)
     * @param askedAt   when the registry said so
     * @param offline   why the registry was not asked successfully now (the answer is the kept one), or null
     */
    public record Listing(String latest, List<String> versions, Instant askedAt, String offline) {
        public Listing {
            versions = versions.stream().sorted(ORDER).toList();
        }
    }

    /**
     * A runtime name resolved to a release.
     *
     * @param version the concrete release
     * @param how     how it was found, for the results (e.g. {@code latest on npm at 2026-...}); null when it was named
     */
    public record Resolved(String version, String how) {
    }

    private final Path cache;
    private final String npm;

    /**
     * @param cache the harness's cache directory (the answer is kept in {@code pyodide/.releases.json})
     * @param npm   the npm binary; null: {@code npm} on PATH
     */
    public PyodideReleases(Path cache, String npm) {
        this.cache = cache;
        this.npm = npm == null ? "npm" : npm;
    }

    /** The file the registry's last answer is kept in. */
    public Path cacheFile() {
        return cache.resolve("pyodide").resolve(CACHE_FILE);
    }

    /**
     * Asks the registry; when it cannot be reached, the kept answer with {@link Listing#offline()} saying why
     * (and a warning on {@code progress}); when there is none either, a {@link SetupException}.
     */
    public Listing listing(Runtime.Progress progress) {
        String problem;
        try {
            Listing fresh = ask();
            keep(fresh);
            return fresh;
        } catch (SetupException e) {
            problem = e.getMessage();
        }
        Optional<Listing> kept = kept();
        if (kept.isEmpty()) {
            throw new SetupException("cannot list the Pyodide releases: " + problem + ". Check the network and npm's "
                    + "registry (npm config get registry), or name a cached release with --pyodide VERSION.");
        }
        Listing old = kept.get();
        progress.say("WARNING: the npm registry did not answer (" + firstLine(problem) + "); using the release list it "
                + "gave at " + old.askedAt() + " (" + cacheFile() + ")");
        return new Listing(old.latest(), old.versions(), old.askedAt(), problem);
    }

    /**
     * {@code latest} resolved now, from the registry's dist-tags; offline, the newest release installed in
     * the cache, with a warning. Any other name is returned as it is.
     */
    public Resolved resolve(String requested, Runtime.Progress progress) {
        if (!LATEST.equalsIgnoreCase(requested.strip())) {
            return new Resolved(requested.strip(), null);
        }
        try {
            Listing fresh = ask();
            keep(fresh);
            progress.say("latest Pyodide on npm: " + fresh.latest() + " (the registry's latest dist-tag)");
            return new Resolved(fresh.latest(), "latest: npm's latest dist-tag at " + fresh.askedAt());
        } catch (SetupException e) {
            Optional<String> newest = newestCached();
            if (newest.isEmpty()) {
                throw new SetupException("cannot resolve --pyodide latest: " + firstLine(e.getMessage()) + ", and no "
                        + "Pyodide release is in the cache " + cache.resolve("pyodide") + ". Check the network and npm's "
                        + "registry (npm config get registry), or name a release with --pyodide VERSION.");
            }
            String lastKnown = kept().map(k -> "; at " + k.askedAt() + " the registry said latest was " + k.latest())
                    .orElse("");
            progress.say("WARNING: cannot ask the npm registry for the latest Pyodide (" + firstLine(e.getMessage())
                    + "); using the newest release in the cache, " + newest.get() + lastKnown);
            return new Resolved(newest.get(), "latest: the registry was unreachable, so the newest cached release"
                    + lastKnown);
        }
    }

    /**
     * The releases from {@code from} to {@code to}, both included, oldest first; pre-releases (alpha, rc)
     * only when asked for, or when they are an end. Throws {@link IllegalArgumentException} naming the
     * flag when an end is not a release or the ends are the wrong way round.
     */
    public static List<String> between(Listing listing, String from, String to, boolean preReleases) {
        requireRelease(listing, from, "--from");
        requireRelease(listing, to, "--to");
        if (compare(from, to) >= 0) {
            throw new IllegalArgumentException("--from " + from + " must be an older release than --to " + to);
        }
        List<String> range = new ArrayList<>();
        for (String v : listing.versions()) {
            boolean inside = compare(v, from) >= 0 && compare(v, to) <= 0;
            if (inside && (preReleases || !preRelease(v) || v.equals(from) || v.equals(to))) {
                range.add(v);
            }
        }
        return List.copyOf(range);
    }

    private static void requireRelease(Listing listing, String version, String flag) {
        if (!listing.versions().contains(version)) {
            List<String> releases = listing.versions().stream().filter(v -> !preRelease(v)).toList();
            throw new IllegalArgumentException(flag + " " + version + ": no such Pyodide release on npm (releases: "
                    + String.join(", ", releases.subList(Math.max(0, releases.size() - 30), releases.size()))
                    + "). Give one of them.");
        }
    }

    /** True for pre-release versions ({@code 314.0.0-alpha.1}). */
    public static boolean preRelease(String version) {
        Matcher m = SEMVER.matcher(version);
        return m.matches() && m.group(4) != null;
    }

    /** The newest release installed in the cache (a finished install has its manifest), if any. */
    public Optional<String> newestCached() {
        Path dir = cache.resolve("pyodide");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> SEMVER.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(PyodideNpm.MANIFEST)))
                    .map(p -> p.getFileName().toString())
                    .filter(v -> !preRelease(v))
                    .max(ORDER);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Listing ask() {
        RawRun run;
        try {
            run = ProcessRunner.run(List.of(npm, "view", "pyodide", "dist-tags", "versions", "--json",
                    "--fetch-retries=1", "--fetch-timeout=20000"), ASK_TIMEOUT, null, null);
        } catch (UncheckedIOException e) {
            throw new SetupException("cannot run '" + npm + "': " + e.getCause().getMessage()
                    + " (install Node.js and npm, e.g. apt-get install -y nodejs npm)", e);
        }
        if (run.timedOut() || run.exitCode() == null || run.exitCode() != 0) {
            throw new SetupException("'npm view pyodide' " + (run.timedOut() ? "timed out after " + ASK_TIMEOUT.toSeconds()
                    + " s" : "failed (exit " + run.exitCode() + ")") + ": "
                    + TailBuffer.lastLines(run.stderr() + run.stdout(), 3, 200));
        }
        try {
            JsonNode answer = JSON.readTree(run.stdout());
            String latest = answer.path("dist-tags").path(LATEST).asText(null);
            List<String> versions = new ArrayList<>();
            answer.path("versions").forEach(v -> versions.add(v.asText()));
            if (latest == null || versions.isEmpty()) {
                throw new SetupException("'npm view pyodide' answered without a latest dist-tag or versions: "
                        + TailBuffer.lastLines(run.stdout(), 3, 200));
            }
            return new Listing(latest, versions, Instant.now(), null);
        } catch (IOException e) {
            throw new SetupException("'npm view pyodide' did not answer JSON: " + TailBuffer.lastLines(run.stdout(), 3, 200), e);
        }
    }

    private void keep(Listing listing) {
        Path file = cacheFile();
        try {
            Files.createDirectories(file.getParent());
            ObjectNode doc = JSON.createObjectNode();
            doc.put("askedAt", listing.askedAt().toString());
            doc.put("latest", listing.latest());
            listing.versions().forEach(doc.putArray("versions")::add);
            Path tmp = Files.createTempFile(file.getParent(), CACHE_FILE, ".tmp");
            JSON.writeValue(tmp.toFile(), doc);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Optional<Listing> kept() {
        Path file = cacheFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            List<String> versions = new ArrayList<>();
            doc.path("versions").forEach(v -> versions.add(v.asText()));
            if (versions.isEmpty() || !doc.path("latest").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Listing(doc.get("latest").asText(), versions, Instant.parse(doc.path("askedAt").asText()),
                    null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable copy is as good as none; the next answer replaces it
        }
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    static int compare(String a, String b) {
        Matcher x = SEMVER.matcher(a);
        Matcher y = SEMVER.matcher(b);
        if (!x.matches() || !y.matches()) {
            return a.compareTo(b);
        }
        for (int i = 1; i <= 3; i++) {
            int c = Long.compare(Long.parseLong(x.group(i)), Long.parseLong(y.group(i)));
            if (c != 0) {
                return c;
            }
        }
        String pa = x.group(4);
        String pb = y.group(4);
        if (pa == null || pb == null) {
            return pa == null ? (pb == null ? 0 : 1) : -1; // a release comes after its pre-releases
        }
        String[] ia = pa.split("\\.");
        String[] ib = pb.split("\\.");
        for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
            boolean na = ia[i].matches("\\d+");
            boolean nb = ib[i].matches("\\d+");
            int c = na && nb ? Long.compare(Long.parseLong(ia[i]), Long.parseLong(ib[i]))
                    : na != nb ? (na ? -1 : 1) : ia[i].compareTo(ib[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ia.length, ib.length);
    }
}
