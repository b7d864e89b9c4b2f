package dev.pywasm.compat.host.chromium;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import dev.pywasm.compat.exec.FreshRuntime;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.ProbeZone;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.Timeouts;
import dev.pywasm.compat.host.browser.Attachments;
import dev.pywasm.compat.host.browser.LanePool;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs probes on CPython's own browser build in Chromium: per probe a new browser context and page
 * from the loopback server ({@link CPythonPage}), which loads the build's {@code python.js} with the
 * probe file as its argument; the run ends when Python exits, the runtime dies, the page crashes or
 * the timeout runs out (then the context is closed, which ends a Python that blocks the page). A
 * browser per concurrently running caller, as Playwright objects are single-threaded.
 */
public final class CPythonSession implements HostSession {

    /**
     * A probe's start-up: loading python.js, python.wasm and python.data and reaching main(), before
     * the probe's own timeout. No grace: the harness itself ends a run at its deadline (it closes
     * the context, which ends a Python that blocks the page).
     */
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(120), Duration.ZERO);
    /** Navigation and the page's own calls; a busy machine is slow. */
    private static final double PAGE_TIMEOUT_MS = 60_000;
    private static final double SCREENSHOT_TIMEOUT_MS = 3_000;

    private final BrowserTarget target;
    private final RuntimeServer server;
    private final Attachments attachments;
    private final LanePool<Lane> lanes = new LanePool<>("the chromium session", Lane::new);

    CPythonSession(BrowserTarget target, RuntimeServer server, Attachments attachments) {
        this.target = target;
        this.server = server;
        this.attachments = attachments;
    }

    /** The page's URL. */
    String pageUrl() {
        return server.origin() + RuntimeServer.HARNESS_PREFIX + CPythonPage.PAGE;
    }

    @Override
    public RawRun run(ProbeProgram program, Limits limits) {
        return lanes.use(lane -> {
            try (Visit visit = lane.visit()) {
                return visit.run(program, limits, null);
            }
        });
    }

    @Override
    public Timeouts timeouts() {
        return TIMEOUTS;
    }

    /** Both runs in one context: the second after a reload of the page, with whatever the origin stored. */
    @Override
    public RawRun runTwice(ProbeProgram program, Limits limits) {
        return lanes.use(lane -> {
            try (Visit visit = lane.visit()) {
                RawRun first = visit.run(program, limits, "first of two runs");
                if (first.timedOut() || visit.last.died()) {
                    return note(first, "first of two runs (no reload: the first run failed)");
                }
                return visit.run(program, limits, "second of two runs, after a page reload in the same context");
            }
        });
    }

    private static RawRun note(RawRun r, String note) {
        return new RawRun(r.command(), r.exitCode(), r.stdout(), r.stderr() + "pywasm-chromium: " + note + "\n",
                r.timedOut(), r.durationMillis(), r.attachments(), r.fresh(), r.startupMillis());
    }

    /** One browser, used by one thread at a time. */
    private final class Lane implements LanePool.Lane {
        final Playwright playwright;
        final Browser browser;
        volatile boolean healthy = true;

        Lane() {
            playwright = BrowserTarget.playwright();
            try {
                browser = target.open(playwright);
            } catch (RuntimeException e) {
                playwright.close();
                throw e;
            }
        }

        Visit visit() {
            return new Visit(this);
        }

        @Override
        public boolean healthy() {
            return healthy && browser.isConnected();
        }

        @Override
        public void close() {
            try {
                browser.close();
            } catch (PlaywrightException ignored) {
                // the driver's exit below takes the browser down anyway
            } finally {
                playwright.close();
            }
        }
    }

    /** A fresh context and page: one probe, or two with a reload between. */
    private final class Visit implements AutoCloseable {
        final Lane lane;
        final BrowserContext context;
        final Page page;
        final AtomicReference<CPythonPage.Events> current = new AtomicReference<>(new CPythonPage.Events());
        CPythonPage.Events last = current.get();
        int runs;

        Visit(Lane lane) {
            this.lane = lane;
            try {
                context = lane.browser.newContext(new Browser.NewContextOptions().setTimezoneId(ProbeZone.ID));
            } catch (PlaywrightException e) {
                lane.healthy = false;
                throw new IllegalStateException("cannot open a browser context in Chromium: " + BrowserTarget.firstLine(e), e);
            }
            try {
                page = context.newPage();
                listen();
            } catch (PlaywrightException e) {
                close();
                lane.healthy = false;
                throw new IllegalStateException("cannot open a page in Chromium: " + BrowserTarget.firstLine(e), e);
            }
        }

        private void listen() {
            page.setDefaultTimeout(PAGE_TIMEOUT_MS);
            page.onConsoleMessage(m -> current.get().onConsole(m.type(), m.text()));
            page.onPageError(e -> current.get().console.add("[pageerror] " + e));
            page.onCrash(p -> current.get().died("PageCrashed", "the page's renderer crashed"));
            page.onResponse(r -> {
                if (r.status() >= 400) {
                    current.get().console.add("[http " + r.status() + "] " + r.url());
                }
            });
            page.onRequestFailed(r -> current.get().console.add("[request failed] " + r.url() + ": " + r.failure()));
        }

        /** Loads the page (the second time: reloads it), starts the probe and waits for its end. */
        RawRun run(ProbeProgram program, Limits limits, String note) {
            CPythonPage.Events ev = new CPythonPage.Events(limits.outputBytes());
            current.set(ev);
            last = ev;
            long start = System.nanoTime();
            Object globals;
            try {
                if (runs++ == 0) {
                    page.navigate(pageUrl());
                } else {
                    page.reload();
                }
                globals = page.evaluate("req => window.pywasmStartCPython(req)",
                        CPythonPage.request(server.runtimeUrl(), program));
            } catch (PlaywrightException e) {
                lane.healthy = lane.browser.isConnected();
                throw new IllegalStateException("cannot start the probe on " + pageUrl() + ": " + BrowserTarget.firstLine(e), e);
            }
            boolean timedOut = false;
            Long startup = null;
            try {
                page.waitForCondition(ev::started, new Page.WaitForConditionOptions().setTimeout(limits.startup().toMillis()));
                startup = ev.startedMillis() == null ? null : Duration.ofNanos(System.nanoTime() - start).toMillis();
            } catch (TimeoutError e) {
                timedOut = true;
                ev.stderr.add("pywasm-chromium: python.js did not start Python's main() within the start-up limit of "
                        + limits.startup().toSeconds() + " s");
            } catch (PlaywrightException e) {
                ev.died("PageCrashed", BrowserTarget.firstLine(e));
            }
            if (!timedOut && !ev.ended()) {
                try {
                    page.waitForCondition(() -> ev.ended() || ev.overLimit(),
                            new Page.WaitForConditionOptions().setTimeout(limits.probe().toMillis()));
                } catch (TimeoutError e) {
                    timedOut = true;
                    ev.stderr.add("pywasm-chromium: Python did not end within " + limits.probe().toMillis() / 1000.0
                            + " s of main() starting; the browser context is closed");
                } catch (PlaywrightException e) {
                    ev.died("PageCrashed", BrowserTarget.firstLine(e));
                }
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            RawRun run = raw(program, ev, timedOut, millis, globals, note).withStart(FreshRuntime.NEW_PAGE, startup);
            // Past the output limit the run ends here; closing the visit's context ends its Python.
            return ev.overLimit() ? run.withOutputLimit(ev.outputLimit()) : run;
        }

        private RawRun raw(ProbeProgram program, CPythonPage.Events ev, boolean timedOut, long millis, Object globals,
                String note) {
            List<String> stdout = ev.protocolStdout();
            List<String> err = new ArrayList<>(List.copyOf(ev.stderr));
            err.addAll(ev.console.lines());
            if (note != null) {
                err.add("pywasm-chromium: " + note);
            }
            err.add("pywasm-chromium: " + server.mode().hostId() + ", CPython's python.js on the main thread of a fresh "
                    + "context's page; " + ev.describe() + "; " + millis + " ms in all; page globals " + globals);
            boolean failed = timedOut || ev.died() || stdout.stream().noneMatch(l -> l.startsWith(ProbeOutput.OBSERVATION));
            List<Path> kept = List.of();
            if (failed) {
                if (timedOut && attachments.enabled()) {
                    // A Python still running blocks the page's main thread, which then paints nothing.
                    err.add("pywasm-chromium: no screenshot: Python still blocks the page");
                }
                kept = attachments.keep(program.name(), server.mode().hostId() + " (" + pageUrl() + ")", stdout, err,
                        timedOut ? file -> false : this::screenshot);
            }
            return RawRun.ofLines(pageUrl() + " (" + program.name() + ")", ev.exitStatus(), stdout, err,
                    timedOut, millis, kept);
        }

        /** A screenshot of the page; a page whose main thread Python still blocks may not give one. */
        private boolean screenshot(Path file) {
            try {
                page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true).setTimeout(SCREENSHOT_TIMEOUT_MS));
                return true;
            } catch (PlaywrightException e) {
                return false;
            }
        }

        /** Closing the context ends whatever still runs in it, a Python blocking the page included. */
        @Override
        public void close() {
            try {
                context.close();
            } catch (PlaywrightException e) {
                lane.healthy = false;
            }
        }
    }

    /** Closes every browser and the server. */
    @Override
    public void close() {
        if (lanes.closeAll()) {
            server.close();
        }
    }
}
