package dev.pywasm.compat.bisect;

import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.NodeHost;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.AtomicFile;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.bisect.BisectMarkdown;
import dev.pywasm.compat.report.bisect.Bisection;
import dev.pywasm.compat.run.Check;
import dev.pywasm.compat.run.CheckOptions;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.run.RunOptions;
import dev.pywasm.compat.run.Runner;
import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.runtime.PyodideReleases;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code pywasm-compat bisect}: lists the npm releases between two, runs the {@link Search} over them with
 * every cell run by the ordinary {@link Runner} on a real runtime and host (or read from the {@link CellCache}),
 * reads each release's identity from the runtime itself, and writes {@code bisect.json} and {@code bisect.md}.
 */
public final class Bisect implements AutoCloseable {

    /** The tool named in the step results and in bisect.json. */
    public static final String TOOL = "pywasm-compat 0.1.0 (bisect)";
    public static final String JSON_FILE = "bisect.json";
    public static final String MARKDOWN_FILE = "bisect.md";

    /** What a bisection wrote. */
    public record Written(Bisection bisection, Path json, Path markdown) {
    }

    private final Layout layout;
    private final BisectOptions options;
    private final PrintStream progress;
    private final long start = System.nanoTime();
    private Check check;
    private CellCache cache;
    private Host host;
    private Path out;
    private String claimsSource = "";
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    private final Map<String, Result> known = new HashMap<>();
    private final Map<String, RuntimeIdentity> identities = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pywasm-bisect-prefetch");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Map<String, Bisection.Sample>> samples = new HashMap<>();
    private final Set<String> sampled = new LinkedHashSet<>();
    private int cellsRun;
    private int cellsCached;
    private int steps;

    public Bisect(Layout layout, BisectOptions options, PrintStream progress) {
        this.layout = layout;
        this.options = options;
        this.progress = progress;
    }

    /** Runs the bisection and writes its files. */
    public Written run() {
        Instant startedAt = Instant.now();
        PyodideReleases.Listing listing = new PyodideReleases(layout.cache(), options.npm()).listing(progress::println);
        String from = version(options.from(), listing, "--from");
        String to = version(options.to(), listing, "--to");
        List<String> range = PyodideReleases.between(listing, from, to, options.preReleases());
        out = options.out() != null ? options.out() : layout.home().resolve("target/pywasm-compat/bisect")
                .resolve(options.host() + "-" + from + "-" + to);
        open(from);
        prefetch(range);
        say(range.size() + " Pyodide releases on npm from " + from + " to " + to
                + (options.preReleases() ? "" : " (pre-releases left out)") + "; " + claims.size() + " claim(s) on "
                + host.id() + ", compared by " + compare() + (options.exhaustive() ? ", every release" : ", binary search"));
        Search search = new Search(range.size(), claims.keySet());
        search.run((release, ids) -> values(range.get(release), ids), options.exhaustive(), new Search.Listener() {
            @Override
            public void checking(int round, int release, Set<String> ids) {
                say((round == 0 ? "end " : "round " + round + ": ") + "Pyodide " + range.get(release) + " (#" + (release + 1)
                        + " of " + range.size() + "), " + ids.size() + " claim(s)"
                        + (ids.size() <= 4 ? ": " + String.join(", ", ids) : ""));
            }

            @Override
            public void endsDiffer(List<String> ids) {
                say(ids.isEmpty() ? "no claim differs between " + from + " and " + to
                        : ids.size() + " claim(s) differ between " + from + " and " + to + ": " + String.join(", ",
                        ids.stream().map(id -> id + " (" + search.value(id, 0) + " -> "
                                + search.value(id, range.size() - 1) + ")").toList()));
            }
        });
        toolchains(range);
        Bisection b = report(search, range, from, to, startedAt);
        b.claims().forEach(c -> say(c.claimId() + ": " + b.changedIn(c)));
        Path json = out.resolve(JSON_FILE);
        Path md = out.resolve(MARKDOWN_FILE);
        AtomicFile.write(json, stream -> Json.mapper().writeValue(stream, b));
        AtomicFile.write(md, BisectMarkdown.of(b));
        return new Written(b, json, md);
    }

    /** The catalog and the host, through the ordinary check set-up (same validation, same host detection). */
    private void open(String from) {
        CheckOptions co = new CheckOptions().setPyodideVersions(List.of(from)).setHosts(List.of(options.host()))
                .setOut(out).setNpm(options.npm());
        co.host().setNode(options.node()).setChromium(options.chromium());
        check = new Check(layout, co, progress);
        claimsSource = co.run().claimsSource();
        host = check.hosts().get(0);
        RunOptions filter = new RunOptions().setOnly(options.claims());
        check.catalog().claims().stream().filter(filter.claimFilter()).filter(c -> c.appliesTo(host.id()))
                .forEach(c -> claims.put(c.id(), c));
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("--claims " + String.join(",", options.claims()) + ": no claim about host "
                    + host.id() + " matches (see ./pywasm-compat list)");
        }
        String isolation = host.id().equals("node") ? co.host().nodeIsolation().name()
                : String.valueOf(co.host().chromiumIsolation());
        cache = new CellCache(layout.cache().resolve("bisect"), check.catalog(), host.identity(), isolation);
        options.known().stream().filter(r -> r.host().equals(host.id())).forEach(r -> known.put(r.runtime() + "|" + r.claimId(), r));
        options.knownRuntimes().forEach(id -> identities.put(id.version(), id));
    }

    /** The value of each claim on one release: from the asking run, the cache, or run now. */
    private Map<String, String> values(String version, Set<String> ids) {
        String runtime = "pyodide-" + version;
        Map<String, Result> got = new LinkedHashMap<>();
        List<Claim> missing = new ArrayList<>();
        for (String id : ids) {
            Claim claim = claims.get(id);
            Result r = known.get(runtime + "|" + id);
            if (r != null) {
                cache.put(claim, r);
            } else {
                r = cache.get(claim, runtime).orElse(null);
            }
            if (r == null) {
                missing.add(claim);
            } else {
                got.put(id, r);
                cellsCached++;
            }
        }
        if (!missing.isEmpty()) {
            got.putAll(runCells(version, missing));
        }
        if (!identities.containsKey(version)) {
            cache.identity(runtime).ifPresent(id -> identities.put(version, id));
        }
        sampled.add(version);
        Map<String, String> values = new HashMap<>(); // FLAKY: no entry
        got.forEach((id, r) -> {
            boolean fresh = missing.stream().anyMatch(c -> c.id().equals(id));
            samples.computeIfAbsent(id, k -> new HashMap<>()).put(version, new Bisection.Sample(version, r.verdict(),
                    r.observation() == null ? "" : r.observation().summary(), r.reason(), !fresh));
            if (value(r) != null) {
                values.put(id, value(r));
            }
        });
        return values;
    }

    private Map<String, Result> runCells(String version, List<Claim> cells) {
        Map<String, Result> got = new LinkedHashMap<>();
        PyodideNpm runtime = new PyodideNpm(version, layout.cache(), options.npm());
        runtime.prepare(progress::println); // an install that fails stops the bisection: it is not the runtime's doing
        RunOptions run = new RunOptions().setOnly(cells.stream().map(Claim::id).toList()).setTool(TOOL)
                .setClaimsSource(claimsSource);
        if (options.jobs() != null) {
            run.setJobs(options.jobs());
        }
        Path results = out.resolve("runs").resolve(String.format(Locale.ROOT, "step-%02d-pyodide-%s.json", ++steps, version));
        try (Runner runner = new Runner(check.catalog(), null, run, progress)) {
            ResultDocument doc = runner.start(List.of(runtime), List.of(host), results).await();
            doc.run().runtimes().forEach(id -> {
                identities.put(version, id);
                cache.putIdentity(id);
            });
            for (Result r : doc.results()) {
                got.put(r.claimId(), r);
                cache.put(claims.get(r.claimId()), r);
                cellsRun++;
            }
        } catch (SetupException e) {
            String why = e.getMessage().lines().findFirst().orElse("");
            say("Pyodide " + version + " did not start on " + host.id() + ": " + why + "; its cells are ERROR");
            for (Claim c : cells) {
                got.put(c.id(), new Result(c.id(), c.section(), c.quote(), host.id(), "pyodide-" + version, Verdict.ERROR,
                        "the runtime did not start on " + host.id() + ": " + why, Observation.of(Outcome.MALFORMED, why),
                        Evidence.none(), null));
                cellsRun++;
            }
        }
        return got;
    }

    /**
     * A claim's value: its verdict, or with {@code --observation} what was observed (messages left out); null
     * for FLAKY (no stable value: its attempts disagreed).
     */
    private String value(Result r) {
        if (r.verdict() == Verdict.FLAKY) {
            return null;
        }
        if (!options.observation() || r.observation() == null) {
            return r.verdict().name();
        }
        Observation o = r.observation();
        return CellCache.canonical(Json.mapper().valueToTree(new Observation(o.outcome(), o.value(), o.exception(),
                o.errno(), o.errnoName(), null, o.what())));
    }

    /**
     * Installs, in the background while the search runs, the releases it will need: installs wait on the
     * network, the search on the CPU. The ends come first, then the midpoints a search visits first.
     */
    private void prefetch(List<String> range) {
        List<String> order = new ArrayList<>(List.of(range.get(0), range.get(range.size() - 1)));
        for (int parts = 2; parts < 2 * range.size(); parts *= 2) {
            for (int k = 1; k < parts; k += 2) {
                String v = range.get((int) ((long) k * (range.size() - 1) / parts));
                if (!order.contains(v)) {
                    order.add(v);
                }
            }
        }
        range.stream().filter(v -> !order.contains(v)).forEach(order::add);
        background.submit(() -> {
            for (String v : order) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    PyodideNpm release = new PyodideNpm(v, layout.cache(), options.npm());
                    if (!release.installed()) {
                        release.prepare(m -> progress.println("  (prefetch) " + m));
                    }
                } catch (RuntimeException e) {
                    return; // the search installs it itself and says what went wrong
                }
            }
        });
    }

    /** Reads the identity of the releases not sampled (installing them), unless told not to; {@code jobs} at once. */
    private void toolchains(List<String> range) {
        List<String> unknown = new ArrayList<>();
        for (String v : range) {
            if (!identities.containsKey(v)) {
                cache.identity("pyodide-" + v).ifPresentOrElse(id -> identities.put(v, id), () -> unknown.add(v));
            }
        }
        if (unknown.isEmpty() || !options.toolchains()) {
            return;
        }
        say("reading the toolchain of " + unknown.size() + " release(s) the search did not run (--no-toolchains skips this)");
        int jobs = options.jobs() != null ? options.jobs() : Math.max(1, java.lang.Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs);
        try {
            List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
            for (String v : unknown) {
                reads.add(pool.submit(() -> identify(v)));
            }
            for (java.util.concurrent.Future<?> f : reads) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One release's identity; on node from a fresh {@code node} process, the cheapest start (no pool, no snapshot). */
    private void identify(String version) {
        try {
            RuntimeImage image = new PyodideNpm(version, layout.cache(), options.npm()).prepare(progress::println);
            try (HostSession session = host instanceof NodeHost node ? node.naiveSession(image) : host.open(image)) {
                RuntimeIdentity id = Runner.identify(image, host, session, progress);
                identities.put(version, id);
                cache.putIdentity(id);
            }
        } catch (SetupException e) {
            say("could not read the identity of Pyodide " + version + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private Bisection report(Search search, List<String> range, String from, String to, Instant startedAt) {
        List<Bisection.Release> releases = range.stream()
                .map(v -> new Bisection.Release(v, identities.get(v), sampled.contains(v))).toList();
        List<Bisection.ClaimBisection> changed = search.changed().stream().map(id -> claim(search, range, id)).toList();
        List<Bisection.ClaimBisection> unsettled = search.unsettled().stream().map(id -> claim(search, range, id)).toList();
        List<String> unchanged = claims.keySet().stream()
                .filter(id -> !search.changed().contains(id) && !search.unsettled().contains(id)).toList();
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new Bisection(from, to, host.id(), compare(), options.exhaustive(), releases, changed, unsettled,
                unchanged, new Bisection.Cost(sampled.size(), cellsRun, cellsCached, elapsed), startedAt, Instant.now(), TOOL);
    }

    private Bisection.ClaimBisection claim(Search search, List<String> range, String id) {
        Claim c = claims.get(id);
        Map<String, Bisection.Sample> byRelease = samples.get(id);
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>(search.samples(id).keySet());
        all.addAll(search.unstable(id));
        List<Bisection.Sample> seen = all.stream().map(i -> byRelease.get(range.get(i))).toList();
        List<Bisection.Flip> flips = search.flips(id).stream().map(f -> new Bisection.Flip(
                byRelease.get(range.get(f.before())), byRelease.get(range.get(f.after())),
                search.unstable(id).stream().filter(i -> i > f.before() && i < f.after())
                        .map(i -> byRelease.get(range.get(i))).toList())).toList();
        return new Bisection.ClaimBisection(id, c.section(), c.quote(), byRelease.get(range.get(0)),
                byRelease.get(range.get(range.size() - 1)), flips, seen, search.unsampled(id));
    }

    private String compare() {
        return options.observation() ? "observation" : "verdict";
    }

    /** A release as given ({@code 0.26.4}, {@code pyodide-0.26.4}, {@code latest}). */
    static String version(String given, PyodideReleases.Listing listing, String flag) {
        if (given == null || given.isBlank()) {
            throw new IllegalArgumentException(flag + " is required: a Pyodide release, e.g. 0.26.4, or latest");
        }
        String v = given.strip().replaceFirst("^pyodide-", "");
        return v.equalsIgnoreCase(PyodideReleases.LATEST) ? listing.latest() : v;
    }

    private void say(String message) {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        progress.printf(Locale.ROOT, "[%d:%02d] bisect: %s%n", s / 60, s % 60, message);
    }

    @Override
    public void close() {
        background.shutdownNow();
        if (check != null) {
            check.close();
        }
    }
}
