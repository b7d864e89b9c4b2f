package dev.pywasm.compat.host.chromium;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.google.gson.JsonObject;
import dev.pywasm.compat.exec.LineCap;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.ProbeZone;
import dev.pywasm.compat.exec.TempFile;
import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.host.Timeouts;
import dev.pywasm.compat.host.browser.LanePool;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One browser, one context and one long-lived probe page, used by one thread at a time (Playwright
 * objects are single-threaded, so concurrency comes from several lanes, never from sharing one).
 * Each probe runs in a fresh dedicated Web Worker of the page with a fresh Pyodide: a clean
 * interpreter and a fresh MEMFS, while the page's HTTP and code caches make the load cheaper than a
 * new context. Before each probe the origin's persistent storage (IndexedDB, OPFS, ...) is cleared,
 * so nothing a probe stores reaches the next one. A lane that hit a crash or a hung page is
 * {@linkplain #healthy() unhealthy} and must be closed.
 */
final class BrowserLane implements PageLane {

    /**
     * A probe's start-up, loading (or restoring) Pyodide in its worker before the probe's own timeout
     * starts: on a busy machine a browser load takes several times Node's, and the claims' timeouts
     * are about what the probe's Python does, not about the load; and the grace: extra time the Java
     * side gives the page beyond both, which the page enforces itself.
     */
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(120), Duration.ofSeconds(15));
    /** How long making the page's memory snapshot may take, once per page (before its first probe). */
    static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(120);

    private final Playwright playwright;
    private final Browser browser;
    private final RuntimeServer server;
    private final boolean fast;
    /** The browser server's endpoint when the browser is reached through one ({@code --browser-server}), else null. */
    private final String serverEndpoint;
    private BrowserContext context;
    /** The launched browser's own on-disk context when the lane has one (see {@link #open}), else null. */
    private final BrowserContext persistent;
    /** Its profile directory, deleted when the lane closes; null without one. */
    private final Path profile;
    private Page page;
    /** Set when the on-disk context closed under the lane (its browser died): the lane is unhealthy then. */
    private volatile boolean persistentClosed;
    private CDPSession cdp;
    private boolean healthy = true;
    /** What the page's fast path is, once prepared for the current page; null: not prepared. */
    private volatile Map<String, Object> prepared;
    /** How many workers the page keeps restored ahead, each for one probe. */
    private final int warm;
    /** Lines of the current run: pulled from the page while it runs, kept when the page crashes. */
    private volatile Collected current = new Collected();

    private BrowserLane(Playwright playwright, Browser browser, RuntimeServer server, boolean fast, int warm,
            String serverEndpoint, BrowserContext persistent, Path profile) {
        this.playwright = playwright;
        this.persistent = persistent;
        this.profile = profile;
        this.serverEndpoint = serverEndpoint;
        this.browser = browser;
        this.server = server;
        this.fast = fast;
        this.warm = warm;
    }

    /**
     * Starts a Playwright driver and a browser, and opens the probe page.
     *
     * @param fast probes restore a memory snapshot in a pre-started worker (see probe-page.js);
     *             false: every probe's worker loads Pyodide from scratch
     */
    static BrowserLane open(BrowserTarget target, RuntimeServer server, boolean fast) {
        return open(target, server, fast, 1);
    }

    /**
     * As {@link #open(BrowserTarget, RuntimeServer, boolean)}, with the page keeping {@code warm} workers restored
     * ahead (each for one probe) instead of one.
     */
    static BrowserLane open(BrowserTarget target, RuntimeServer server, boolean fast, int warm) {
        Playwright playwright = BrowserTarget.playwright();
        Path profile = null;
        try {
            if (fast && target.persistable() && CODE_CACHE) {
                profile = Files.createTempDirectory("pywasm-chromium-profile-");
                BrowserContext own = target.openPersistent(playwright, profile, ProbeZone.ID);
                // Playwright gives a persistent context no Browser: the lane tells health by the context's close.
                BrowserLane lane = new BrowserLane(playwright, null, server, fast, warm, null, own, profile);
                own.onClose(c -> lane.persistentClosed = true);
                lane.attach(own, own.pages().isEmpty() ? own.newPage() : own.pages().get(0));
                return lane;
            }
            BrowserLane lane = new BrowserLane(playwright, target.open(playwright), server, fast, warm,
                    target.wsEndpoint(), null, null);
            lane.newContext();
            return lane;
        } catch (IOException e) {
            playwright.close();
            throw new SetupException("cannot make a Chromium profile directory in " + System.getProperty("java.io.tmpdir")
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            playwright.close();
            if (profile != null) {
                TempFile.deleteTreeQuietly(profile);
            }
            throw e;
        }
    }

    /**
     * Whether fast lanes on a Chromium this JVM launches use an on-disk profile (default; {@code
     * -Dpywasm.chromium.code-cache=false}: an off-the-record context, as before, for comparison). Off the record,
     * Chromium keeps no V8 code cache, so each probe's new worker parses and compiles Pyodide's runtime JavaScript
     * afresh; with the profile, the HTTP disk cache carries the code cache of those scripts (compiled code, no state: the
     * files are the runtime's own, served read-only from 127.0.0.1), while each probe still gets a new worker, realm and
     * interpreter and the origin's storage is cleared before it as before. Measured (bench, 314.0.7, idle): see README.
     */
    static final boolean CODE_CACHE = Boolean.parseBoolean(System.getProperty("pywasm.chromium.code-cache", "true"));

    /**
     * What one run produced: its output as pulled from the page (bounded by the page's output limit) and
     * the page's console (bounded here, as a probe can flood it through the {@code js} module).
     */
    record Collected(List<String> stdout, List<String> stderr, LineCap console) {
        Collected() {
            this(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                    LineCap.console());
        }
    }

    /** How often the harness pulls a running probe's output from the page, and how many lines per stream at most. */
    /** The longest a pull waits in the page for something new before it answers anyway (then the deadline is checked). */
    private static final long PULL_WAIT_MILLIS = 1_000;
    private static final int PULL_LINES = 20_000;
    /**
     * False once a run failed in a way nobody can vouch for, or once the browser is disconnected (a browser server
     * that went away, a browser that died between runs): then the pool closes this lane and the next probe opens a
     * new one, which reconnects or says why it cannot.
     */
    @Override
    public boolean healthy() {
        return healthy && (browser != null ? browser.isConnected() : !persistentClosed);
    }

    /** Replaces the context and page with new ones: a fresh cache, storage and renderer. */
    @Override
    public void newContext() {
        if (browser == null) {
            throw new IllegalStateException("a lane with an on-disk profile keeps its one context (fast lanes only)");
        }
        if (context != null && context != persistent) {
            context.close();
        }
        BrowserContext fresh = browser.newContext(new Browser.NewContextOptions().setTimezoneId(ProbeZone.ID));
        attach(fresh, fresh.newPage());
    }

    /** Makes {@code page} of {@code context} this lane's probe page: its listeners, its CDP session, the probe page loaded. */
    private void attach(BrowserContext context, Page page) {
        this.context = context;
        this.page = page;
        page.onConsoleMessage(m -> current.console().add("[console." + m.type() + "] " + m.text()));
        page.onPageError(e -> current.console().add("[pageerror] " + e));
        page.onCrash(p -> current.console().add("[crash] the page's renderer crashed"));
        page.onResponse(r -> {
            if (r.status() >= 400) {
                current.console().add("[http " + r.status() + "] " + r.url());
            }
        });
        page.onRequestFailed(r -> current.console().add("[request failed] " + r.url() + ": " + r.failure()));
        page.onWorker(w -> w.onClose(x -> current.console().add("[worker] closed " + w.url())));
        // Chromium clears an origin's storage over CDP; other engines (no CDP) by script, see clearStorage.
        cdp = persistent != null || "chromium".equals(browser.browserType().name()) ? context.newCDPSession(page) : null;
        page.navigate(server.pageUrl());
        prepared = null;
    }

    /** Reloads the probe page: what a user's reload does to the runtime (and what it does not do to storage). */
    @Override
    public void reload() {
        page.reload();
        prepared = null;
    }

    /**
     * Makes the page's fast path ready (a memory snapshot and the compiled module), once per page;
     * returns what it is, e.g. {@code {snapshot: true, ms: 5300}} or a note saying why there is none.
     */
    @Override
    public Map<String, Object> prepare() {
        Map<String, Object> p = prepared;
        if (p != null) {
            return p;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> made = (Map<String, Object>) page.evaluate("req => window.pywasmPrepare(req)",
                    Map.of("indexURL", server.runtimeUrl(), "timeoutMs", (int) PREPARE_TIMEOUT.toMillis(), "warm", warm));
            prepared = made;
            return made;
        } catch (PlaywrightException e) {
            healthy = false;
            throw new IllegalStateException("cannot prepare the probe page " + server.pageUrl() + ": "
                    + BrowserTarget.firstLine(e), e);
        }
    }

    /** Why this lane's probes load Pyodide from scratch although it is fast, or null. */
    @Override
    public String fastPathNote() {
        Map<String, Object> p = prepared;
        return fast && p != null && p.get("note") != null ? String.valueOf(p.get("note")) : null;
    }

    @Override
    public Benchmarked.Floor measureFloor(int n) {
        prepare();
        return PageLane.floor(page.evaluate("req => window.pywasmFloor(req)", Map.of("indexURL", server.runtimeUrl(), "n", n)));
    }

    /** Runs one program in a fresh worker restoring the snapshot when this lane is fast; see {@link #run(ProbeProgram, Limits, boolean)}. */
    @Override
    public LaneRun run(ProbeProgram program, Limits limits) {
        return run(program, limits, !fast);
    }

    /** Deletes everything the origin stored persistently, keeping the HTTP cache. */
    @Override
    public void clearStorage() {
        if (cdp == null) {
            page.evaluate(CLEAR_STORAGE);
            return;
        }
        JsonObject params = new JsonObject();
        params.addProperty("origin", server.origin());
        params.addProperty("storageTypes", "all");
        cdp.send("Storage.clearDataForOrigin", params);
    }

    /**
     * Runs one program in a fresh worker; never throws for what the probe or the page does (only when a browser
     * server goes away: {@link #serverGone}).
     *
     * @param plain load Pyodide from scratch in the worker (no snapshot, no pre-started worker)
     */
    @Override
    public LaneRun run(ProbeProgram program, Limits limits, boolean plain) {
        if (!plain) {
            prepare();
        }
        Collected out = new Collected();
        current = out;
        long start = System.nanoTime();
        boolean timedOut = false;
        boolean died = false;
        Map<String, Object> timings = Map.of();
        try {
            page.evaluate("req => window.pywasmRun(req)", PageLane.runRequest(program, limits, server.runtimeUrl(), plain));
        } catch (PlaywrightException e) {
            healthy = false;
            throw new IllegalStateException("cannot start the probe in the page " + server.pageUrl() + ": "
                    + BrowserTarget.firstLine(e), e);
        }
        Long outputLimit = null;
        try {
            Map<String, Object> state = pullUntilDone(out, System.nanoTime() + limits.total().toNanos());
            if (state.get("outputLimit") instanceof Number n) {
                outputLimit = n.longValue();
            }
            if (state.get("note") != null && fast) {
                // The page dropped a snapshot that does not restore; its probes load Pyodide from now on.
                prepared = Map.of("snapshot", false, "note", String.valueOf(state.get("note")));
            }
            timedOut = Boolean.TRUE.equals(state.get("timedOut"));
            died = state.get("fatal") != null;
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) state.get("timings");
            timings = t == null ? Map.of() : t;
        } catch (TimeoutError e) {
            healthy = false;
            timedOut = true;
            out.console().add("[harness] the page did not answer within its limits (" + limits.describe()
                    + "); the browser is closed and the next probe gets a new one");
        } catch (PlaywrightException e) {
            healthy = false;
            if (serverGone(e)) {
                // Infrastructure, not the runtime: the harness's ERROR for this cell (rerun), never a CRASH verdict.
                throw new IllegalStateException("the browser server at " + serverEndpoint + " went away while this probe ran ("
                        + BrowserTarget.firstLine(e) + "); the next probe reconnects to it", e);
            }
            died = true;
            String what = BrowserTarget.firstLine(e);
            out.console().add("[harness] the page died: " + what + "; the browser is closed and the next probe gets a new one");
            out.stdout().add(ProbeOutput.fatalLine("PageCrashed", what));
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return new LaneRun(List.copyOf(out.stdout()), List.copyOf(out.stderr()), out.console().lines(),
                timedOut, died, timings, millis, outputLimit);
    }

    /**
     * Whether {@code e} is the connection to the browser server closing (the server or its browser gone), not the
     * page dying: the browser is disconnected, or Playwright failed the call as its target closed (it may say so
     * before it marks the browser disconnected). A locally launched browser that dies stays the page's death (CRASH).
     */
    private boolean serverGone(PlaywrightException e) {
        return serverEndpoint != null && (!browser.isConnected()
                || e.getClass().getSimpleName().equals("TargetClosedError"));
    }

    /**
     * Pulls the run's lines from the page in batches until the page says it is done, so that what it
     * printed is here when the page dies; one call per batch, never one per line (see probe-page.js). Each call is a
     * long poll: the page answers as soon as there is something new or the run ends (at the latest after
     * {@link #PULL_WAIT_MILLIS}), so the end of a run is seen when it happens, not at the next tick of a timer.
     *
     * @return how the run ended (the page's state without its lines: timedOut, fatal, outputLimit, note, timings)
     * @throws TimeoutError when the page is not done by {@code deadline} ({@link System#nanoTime()})
     */
    private Map<String, Object> pullUntilDone(Collected out, long deadline) {
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            @SuppressWarnings("unchecked")
            Map<String, Object> batch = (Map<String, Object>) page.evaluate("req => window.pywasmPull(req)",
                    Map.of("out", out.stdout().size(), "err", out.stderr().size(), "max", PULL_LINES,
                            "waitMs", (int) Math.min(PULL_WAIT_MILLIS, left)));
            List<String> stdout = strings(batch.get("stdout"));
            List<String> stderr = strings(batch.get("stderr"));
            out.stdout().addAll(stdout);
            out.stderr().addAll(stderr);
            boolean more = stdout.size() == PULL_LINES || stderr.size() == PULL_LINES;
            if (Boolean.TRUE.equals(batch.get("done")) && !more) {
                @SuppressWarnings("unchecked")
                Map<String, Object> state = batch.get("state") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutError("the probe page was not done in time");
            }
        }
    }

    /** A screenshot of the probe page (it shows the last run's output); false when none could be taken. */
    @Override
    public boolean screenshot(Path file) {
        if (!healthy || page == null || page.isClosed()) {
            return false;
        }
        try {
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true).setTimeout(5_000));
            return true;
        } catch (PlaywrightException e) {
            return false;
        }
    }

    /**
     * What {@code Storage.clearDataForOrigin} does, by script, where there is no CDP: the origin's IndexedDB
     * databases, OPFS entries, Cache Storage and Web Storage.
     */
    static final String CLEAR_STORAGE = """
            async () => {
              try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}
              try {
                if (indexedDB.databases) {
                  for (const d of await indexedDB.databases()) {
                    await new Promise((r) => { const q = indexedDB.deleteDatabase(d.name); q.onsuccess = q.onerror = q.onblocked = r; });
                  }
                }
              } catch (e) {}
              try {
                if (navigator.storage && navigator.storage.getDirectory) {
                  const root = await navigator.storage.getDirectory();
                  for await (const name of root.keys()) await root.removeEntry(name, { recursive: true });
                }
              } catch (e) {}
              try { if (self.caches) for (const k of await caches.keys()) await caches.delete(k); } catch (e) {}
            }
            """;

    private static List<String> strings(Object list) {
        if (!(list instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().map(String::valueOf).toList();
    }

    /** Closes the browser (or disconnects from a remote one) and stops the driver, which kills what it started. */
    @Override
    public void close() {
        try {
            if (context != null && healthy) {
                context.close();
            }
            if (persistent != null && persistent != context) {
                persistent.close();
            }
            if (browser != null) {
                browser.close();
            }
        } catch (PlaywrightException ignored) {
            // the driver's exit below takes the browser down anyway
        } finally {
            if (browser != null) {
                BrowserTarget.release(browser);
            }
            playwright.close();
            if (profile != null) {
                TempFile.deleteTreeQuietly(profile); // the browser is gone with the driver
            }
        }
    }
}
