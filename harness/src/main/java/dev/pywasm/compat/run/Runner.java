package dev.pywasm.compat.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.exec.Daemons;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.judge.Judge;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Plan;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.report.ResultFile;
import dev.pywasm.compat.runtime.Runtime;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Runs the matrix: every claim on every host with every runtime. Prepares the runtimes, reads each
 * runtime's identity from inside it, then runs the probes on a pool of workers, judging each
 * observation and appending each result to the result file as soon as it is known.
 */
public final class Runner implements AutoCloseable {

    private static final Duration IDENTIFY_TIMEOUT = Duration.ofSeconds(90);
    /**
     * How long past its limits a probe's host call may take before its thread is interrupted: a host
     * enforces the limits itself, and a call still blocked long after them (a browser driver waiting for
     * an answer from a browser that died under it) would otherwise hold its cell, and the run, forever.
     */
    static final Duration WATCHDOG_SLACK = Duration.ofSeconds(60);
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Daemons.named("pywasm-watchdog"));

    private final Catalog catalog;
    private final Expectations expectations;
    private final RunOptions options;
    private final PrintStream progress;
    private final ExecutorService workers;
    private final Reruns reruns;
    private final List<HostSession> sessions = new ArrayList<>();
    /** The directory of the result file, which evidence attachments are named relative to. */
    private volatile Path outDir;
    /** Set when the run is interrupted: no result is written from then on (see {@link Run#interrupt}). */
    private volatile boolean cancelled;

    public Runner(Catalog catalog, Expectations expectations, RunOptions options, PrintStream progress) {
        this.catalog = catalog;
        this.expectations = expectations;
        this.options = options;
        this.progress = progress;
        this.reruns = new Reruns(options.reruns());
        this.workers = Executors.newFixedThreadPool(options.jobs(), Daemons.named("pywasm-probe"));
    }

    /**
     * A started run: one future per cell, completing as each result is written.
     *
     * @param finishing what the header learns at the end (how each host ran each runtime)
     * @param cancel    stops the run: no more results are written, running probes are ended
     */
    public record Run(ResultFile file, Map<Cell, CompletableFuture<Result>> cells, UnaryOperator<RunInfo> finishing,
                      Runnable cancel) {

        /**
         * Stops the run (a signal): the cells still running are cancelled (their processes, workers and
         * pages ended by the sessions' handles) and not written; the result file says the run was
         * interrupted by {@code signal}, with what was planned and what was done. Returns the document
         * of the finished cells.
         */
        public ResultDocument interrupt(String signal) {
            cancel.run();
            synchronized (file) {
                int done = file.document().results().size();
                file.updateRun(run -> finishing.apply(run).interrupted(signal, Instant.now(), done));
            }
            return file.document();
        }

        public ResultDocument await() {
            // Every cell's future completes normally (a failure is the cell's ERROR), so this never throws for one.
            CompletableFuture.allOf(cells.values().stream().map(f -> f.handle((r, e) -> r))
                    .toArray(CompletableFuture[]::new)).join();
            file.updateRun(finishing);
            file.close();
            return file.document();
        }
    }

    /** Prepares everything and starts the probes; returns at once with the futures. */
    public Run start(List<Runtime> runtimes, List<Host> hosts, Path resultsJson) {
        return start(runtimes, hosts, resultsJson, Map.of());
    }

    /**
     * As {@link #start(List, List, Path)}, keeping the results of {@code finished} cells (an interrupted
     * run's, for {@code run --resume}) instead of running them again; cells outside the plan are dropped.
     */
    public Run start(List<Runtime> runtimes, List<Host> hosts, Path resultsJson, Map<Cell, Result> finished) {
        List<Claim> claims = catalog.claims().stream().filter(options.claimFilter()).toList();
        if (claims.isEmpty()) {
            throw new SetupException("no claim matches --only " + options.only());
        }
        Map<RuntimeImage, RuntimeIdentity> images = new LinkedHashMap<>();
        Map<String, HostSession> sessionByKey = new LinkedHashMap<>();
        Map<String, String> cannotRun = new LinkedHashMap<>();
        for (Runtime runtime : runtimes) {
            RuntimeImage image = runtime.prepare(progress::println);
            RuntimeIdentity identity = null;
            SetupException firstFailure = null;
            for (Host host : hosts) {
                java.util.Optional<String> why = host.cannotRun(image);
                if (why.isPresent()) {
                    progress.println("  " + host.id() + " cannot run " + image.id() + ": " + why.get()
                            + "; that pair is left out of the plan");
                    cannotRun.put(image.id() + "|" + host.id(), why.get());
                    continue;
                }
                HostSession session = host.open(image);
                sessions.add(session);
                sessionByKey.put(image.id() + "|" + host.id(), session);
                if (identity == null && host.readsRuntimeIdentity()) {
                    // Some hosts exist to make loading fail (wrong MIME types): read the identity where it loads.
                    try {
                        identity = identify(image, host, session, progress);
                    } catch (SetupException e) {
                        progress.println("  " + e.getMessage().lines().findFirst().orElse(""));
                        firstFailure = firstFailure == null ? e : firstFailure;
                    }
                }
            }
            if (identity == null && firstFailure != null) {
                throw firstFailure;
            }
            if (identity == null) {
                identity = new RuntimeIdentity(image.id(), image.kind().wireName(), image.version(), null, image.emscripten(), null);
            }
            images.put(image, identity.withResolvedFrom(runtime.resolution()));
        }
        List<HostIdentity> hostIds = hosts.stream().map(Host::identity).toList();
        int pairs = hosts.size() * images.size() - cannotRun.size();
        Shard shard = options.shard();
        Plan plan = plan(claims, images.keySet(), hosts, sessionByKey, shard, options.catalogDigest());
        int planned = (int) claims.stream().flatMap(c -> plan.pairs().stream()
                .map(p -> new Cell(c.id(), p.host(), p.runtime()))).filter(shard::owns).count();
        RunInfo info = new RunInfo(options.tool(), Instant.now(), null, options.claimsSource(),
                List.copyOf(images.values()), hostIds, planned).withPlan(plan);
        outDir = resultsJson.toAbsolutePath().getParent();
        ResultFile file = ResultFile.create(resultsJson, info);
        progress.println("Checking " + claims.size() + " claims x " + pairs + " (runtime, host) pair(s) = " + plan.size()
                + " results" + (shard.count() > 1 ? ", of which shard " + shard + " runs " + planned
                + " (a stable hash of claim, host and runtime)" : "") + ", " + options.jobs()
                + " at a time; results: " + resultsJson);
        AtomicInteger done = new AtomicInteger();
        Map<Cell, CompletableFuture<Result>> cells = new LinkedHashMap<>();
        if (!finished.isEmpty()) {
            progress.println("Resuming: the results of finished cells in " + resultsJson + " are kept, the rest run");
        }
        for (RuntimeImage image : images.keySet()) {
            for (Host host : hosts) {
                HostSession session = sessionByKey.get(image.id() + "|" + host.id());
                if (session == null) {
                    continue; // the host cannot run this runtime: no cells (the run's notes say why)
                }
                for (Claim claim : claims) {
                    Cell cell = new Cell(claim.id(), host.id(), image.id());
                    if (!shard.owns(cell)) {
                        continue; // another shard's cell
                    }
                    Result kept = finished.get(cell);
                    CompletableFuture<Result> future = kept != null ? CompletableFuture.completedFuture(expected(kept))
                            : claim.appliesTo(host.id()) || host.control()
                            ? CompletableFuture.supplyAsync(() -> probeSettled(claim, cell, image, session), workers)
                            : CompletableFuture.completedFuture(expected(notForHost(claim, host.id(), image)));
                    // Whatever went wrong around the probe is that cell's ERROR, never the run's end.
                    future = future.exceptionally(e -> expected(CellFailure.result(claim, host.id(), image.id(), e)));
                    cells.put(cell, future.thenApply(r -> {
                        synchronized (file) {
                            if (cancelled) {
                                return r; // interrupted: a cancelled cell is not done, and is not written
                            }
                            CellFailure.write(file, r, progress);
                        }
                        progress.printf("[%3d/%d] %-8s %s (%.1f s)%s%s%s%n", done.incrementAndGet(), planned,
                                r.verdict(), cell, r.evidence().durationMillis() / 1000.0,
                                r.attempts().isEmpty() ? "" : "  attempts: " + r.attempts().stream()
                                        .map(a -> a.verdict().name()).collect(Collectors.joining(", ")),
                                r.unexpected() ? "  <- recorded " + r.expected() : "", kept != null ? "  (kept)" : "");
                        return r;
                    }));
                }
            }
        }
        return new Run(file, cells, run -> run.withRuntimes(run.runtimes().stream()
                .map(id -> id.withNotes(notes(id.id(), hosts, sessionByKey, cannotRun))).toList()), () -> cancel(file));
    }

    /**
     * The whole plan (every shard's cells): every claim on every (runtime, host) pair that has a session, with
     * its digest; the same in every shard of a run with the same catalog, options and runtimes.
     */
    static Plan plan(List<Claim> claims, java.util.Collection<RuntimeImage> images, List<Host> hosts,
            Map<String, HostSession> sessions, Shard shard, String catalog) {
        List<Plan.Pair> pairs = new ArrayList<>();
        for (RuntimeImage image : images) {
            for (Host host : hosts) {
                if (sessions.containsKey(image.id() + "|" + host.id())) {
                    pairs.add(new Plan.Pair(image.id(), host.id()));
                }
            }
        }
        Plan draft = new Plan(shard.toString(), claims.size() * pairs.size(), "", catalog,
                claims.stream().map(Claim::id).toList(), pairs, List.of());
        return new Plan(draft.shard(), draft.size(), digest(draft), catalog, draft.claims(), pairs, List.of());
    }

    /** SHA-256 of the plan's cells, one {@code claim host runtime} line each (see {@link Plan#digest}). */
    public static String digest(Plan plan) {
        return dev.pywasm.compat.exec.Sha256.of(String.join("\n", plan.cellLines()) + "\n");
    }

    /** Per host, how it ran the runtime: the session's own account, or why it could not. */
    private static Map<String, String> notes(String runtime, List<Host> hosts, Map<String, HostSession> sessions,
            Map<String, String> cannotRun) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Host host : hosts) {
            String key = runtime + "|" + host.id();
            if (cannotRun.containsKey(key)) {
                notes.put(host.id(), "not run: " + cannotRun.get(key));
            } else if (sessions.containsKey(key)) {
                sessions.get(key).note().ifPresent(n -> notes.put(host.id(), n));
            }
        }
        return notes;
    }

    private Result expected(Result r) {
        return expectations == null ? r
                : r.withExpected(expectations.expected(r.runtime(), r.host(), r.claimId()).orElse(null));
    }

    /** Runs a cell's probe, then reruns it while its verdict is surprising (see {@link Reruns}). */
    private Result probeSettled(Claim claim, Cell cell, RuntimeImage image, HostSession session) {
        Result first = expected(probe(claim, cell.host(), image, session));
        AtomicInteger attempt = new AtomicInteger(1);
        return reruns.settle(first, () -> {
            Result again = expected(probe(claim, cell.host(), image, session));
            progress.printf("          %s: attempt %d gives %s (first: %s%s)%n", cell, attempt.incrementAndGet(),
                    again.verdict(), first.verdict(), first.expected() == null ? "" : ", recorded " + first.expected());
            return again;
        });
    }

    /**
     * Reads a runtime's identity (Python, Emscripten and Pyodide versions, platform) by running the built-in
     * {@code identify.py} in a session; throws {@link SetupException} with the runtime's output when it does
     * not start.
     */
    public static RuntimeIdentity identify(RuntimeImage image, Host host, HostSession session, PrintStream progress) {
        progress.println("Starting " + image.id() + " on " + host.id() + " " + host.identity().version()
                + " to read its identity ...");
        ProbeProgram identify = ProbeProgram.builtin("identify.py");
        RawRun run = session.run(identify, session.timeouts().limits(IDENTIFY_TIMEOUT));
        Observation o = ProbeOutput.parse(run, identify);
        if (o.outcome() != Outcome.RETURNED || o.value() == null) {
            throw new SetupException(image.id() + " did not start on " + host.id() + ": " + o.summary() + "\n"
                    + "  command: " + run.command() + "\n"
                    + TailBuffer.lastLines(run.stdout() + "\n" + run.stderr(), 15, 300));
        }
        JsonNode v = o.value();
        RuntimeIdentity id = new RuntimeIdentity(image.id(), image.kind().wireName(),
                v.path("pyodide").isTextual() ? v.get("pyodide").asText() : image.version(),
                v.path("python").asText(null),
                v.path("emscripten").isTextual() ? v.get("emscripten").asText() : image.emscripten(),
                v.path("platform").asText(null));
        progress.println("  " + id.id() + ": Python " + id.python() + ", Emscripten " + id.emscripten()
                + " (" + id.platform() + "), " + run.durationMillis() + " ms to start and answer");
        return id;
    }

    private Result probe(Claim claim, String host, RuntimeImage image, HostSession session) {
        ProbeProgram program = ProbeProgram.of(catalog.probeFile(claim), claim.probe());
        // The one place a run's limits are resolved: the claim's timeout, the session's start-up and grace.
        Limits limits = session.timeouts().limits(claim.timeout()).withOutputBytes(options.outputBytes());
        RawRun run;
        Observation observed;
        Thread caller = Thread.currentThread();
        Duration budget = limits.total().multipliedBy(claim.reload() ? 2 : 1).plus(WATCHDOG_SLACK);
        java.util.concurrent.ScheduledFuture<?> watchdog = WATCHDOG.schedule(caller::interrupt, budget.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            run = claim.reload() ? session.runTwice(program, limits) : session.run(program, limits);
            observed = ProbeOutput.parse(run, program);
        } catch (RuntimeException | Error e) {
            // Any failure of the harness (host session, browser driver, parsing) costs this cell only.
            run = CellFailure.run(e);
            observed = CellFailure.observation(watchdog.isDone() && !watchdog.isCancelled()
                    ? new IllegalStateException("the host did not return within " + budget.toSeconds()
                            + " s, its limits and " + WATCHDOG_SLACK.toSeconds() + " s more; interrupted", e) : e);
        } finally {
            watchdog.cancel(false);
            if (!cancelled) {
                Thread.interrupted(); // a watchdog that fired as the call returned
            }
        }
        Judge.Judgement j = Judge.judge(claim, observed);
        Evidence evidence = new Evidence(run.command(), run.exitCode(), run.durationMillis(),
                TailBuffer.lastLines(run.stdout(), 20, 300), TailBuffer.lastLines(run.stderr(), 20, 300),
                run.attachments().stream().map(this::relative).toList(),
                run.fresh() == null ? null : run.fresh().wireName(), run.startupMillis(),
                new Evidence.Limits(limits.startup().toMillis(), limits.probe().toMillis(), limits.grace().toMillis()));
        return new Result(claim.id(), claim.section(), claim.quote(), host, image.id(), j.verdict(), j.reason(),
                observed, evidence, null);
    }

    /** An attachment's path relative to the result file's directory when it lies below it, else absolute. */
    private String relative(Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = outDir;
        return dir != null && abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
    }

    private static Result notForHost(Claim claim, String host, RuntimeImage image) {
        Judge.Judgement j = Judge.notForHost(claim, host);
        return new Result(claim.id(), claim.section(), claim.quote(), host, image.id(), j.verdict(), j.reason(),
                Observation.of(Outcome.INAPPLICABLE, j.reason()), Evidence.none(), null);
    }

    /** No result is written from now on; the running probes are ended with their sessions. */
    private void cancel(ResultFile file) {
        synchronized (file) {
            cancelled = true;
        }
        close();
    }

    @Override
    public synchronized void close() {
        workers.shutdownNow();
        List<HostSession> all = new ArrayList<>(sessions);
        sessions.clear();
        for (HostSession s : all) {
            try {
                s.close();
            } catch (RuntimeException e) {
                progress.println("  closing a host session failed: " + CellFailure.describe(e));
            }
        }
    }
}
