package dev.pywasm.compat.host.chromium;

import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.exec.FreshRuntime;
import dev.pywasm.compat.exec.Limits;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs probes on one runtime image in Chromium: a loopback server for the image and a
 * {@link LanePool} of {@link BrowserLane}s, one per concurrently running caller (so two worker
 * threads get two browsers). A lane that crashed or hung is closed and replaced; everything else
 * about a probe's isolation is the lane's fresh worker per run.
 */
final class ChromiumSession implements HostSession {

    private final String hostId;
    private final RuntimeServer server;
    private final boolean freshContextPerProbe;
    private final Attachments attachments;
    private final LanePool<PageLane> lanes;
    private final AtomicInteger fromSnapshot = new AtomicInteger();
    private final AtomicInteger plainLoads = new AtomicInteger();
    /** Why a fast lane's probes loaded Pyodide from scratch (the first reason a lane gave), or null. */
    private volatile String fastPathNote;

    ChromiumSession(BrowserTarget target, RuntimeServer server, boolean freshContextPerProbe, Attachments attachments) {
        this(target, server, freshContextPerProbe, attachments, 1);
    }

    /** @param warm how many workers each page keeps restored ahead, each for one probe */
    ChromiumSession(BrowserTarget target, RuntimeServer server, boolean freshContextPerProbe, Attachments attachments,
            int warm) {
        this(server.mode().hostId(), server, freshContextPerProbe, attachments,
                () -> BrowserLane.open(target, server, !freshContextPerProbe, warm));
    }

    /** A session whose lanes come from {@code lanes} (another driver than Playwright: WebKit's WebDriver). */
    ChromiumSession(String hostId, RuntimeServer server, boolean freshContextPerProbe, Attachments attachments,
            java.util.function.Supplier<PageLane> lanes) {
        this.hostId = hostId;
        this.server = server;
        this.freshContextPerProbe = freshContextPerProbe;
        this.attachments = attachments;
        this.lanes = new LanePool<>("the browser session", lanes);
    }

    RuntimeServer server() {
        return server;
    }

    @Override
    public RawRun run(ProbeProgram program, Limits limits) {
        return lanes.use(lane -> {
            prepare(lane);
            return raw(program, lane, lane.run(program, limits), null);
        });
    }

    /** A probe's start-up in a worker (loading or restoring Pyodide), and the grace the page gets past it. */
    @Override
    public Timeouts timeouts() {
        return BrowserLane.TIMEOUTS;
    }

    /** Both runs in the same lane, with a reload of the same page (same context, same storage) between. */
    @Override
    public RawRun runTwice(ProbeProgram program, Limits limits) {
        return lanes.use(lane -> {
            prepare(lane);
            PageLane.LaneRun first = lane.run(program, limits);
            if (first.timedOut() || first.died() || !lane.healthy()) {
                return raw(program, lane, first, "first of two runs (no reload: the first run failed)");
            }
            lane.reload();
            // After a reload the page loads Pyodide as a user's page would: from scratch.
            return raw(program, lane, lane.run(program, limits, true), "second of two runs, after a page reload");
        });
    }

    /**
     * The lower bounds of the fast path, for the benchmark: {@code n} snapshot restores in a row in one
     * page, then the instantiate-and-copy floor in a worker; fails when the runtime cannot be snapshotted here.
     */
    Benchmarked.Floor measureFloor(int n) {
        return lanes.use(lane -> lane.measureFloor(n));
    }

    private void prepare(PageLane lane) {
        if (freshContextPerProbe) {
            lane.newContext();
        } else {
            lane.clearStorage();
        }
    }

    private RawRun raw(ProbeProgram program, PageLane lane, PageLane.LaneRun r, String note) {
        List<String> err = new ArrayList<>(r.stderr());
        err.addAll(r.console());
        if (note != null) {
            err.add("pywasm-chromium: " + note);
        }
        if (lane.fastPathNote() != null) {
            err.add("pywasm-chromium: " + lane.fastPathNote());
            if (fastPathNote == null) {
                fastPathNote = lane.fastPathNote();
            }
        }
        if (r.timings().containsKey("snapshot")) {
            (isOne(r.timings().get("snapshot")) ? fromSnapshot : plainLoads).incrementAndGet();
        }
        err.add("pywasm-chromium: " + hostId + ", " + describe(r.timings()) + ", " + r.millis()
                + " ms in all");
        boolean failed = r.timedOut() || r.died() || r.outputLimit() != null
                || r.stdout().stream().noneMatch(l -> l.startsWith(ProbeOutput.OBSERVATION));
        List<Path> kept = failed ? attachments.keep(program.name(), hostId + " (" + server.pageUrl() + ")",
                r.stdout(), err, lane::screenshot) : List.of();
        FreshRuntime fresh = !r.timings().containsKey("snapshot") ? null : freshContextPerProbe ? FreshRuntime.NEW_PAGE
                : isOne(r.timings().get("snapshot")) ? FreshRuntime.SNAPSHOT_RESTORED : FreshRuntime.LOADED_FROM_SCRATCH;
        Object waited = r.timings().get("waited");
        RawRun run = RawRun.ofLines(server.pageUrl() + " (" + program.name() + ")", null, r.stdout(), err,
                r.timedOut(), r.millis(), kept).withStart(fresh, waited instanceof Number n ? n.longValue() : null);
        return r.outputLimit() == null ? run : run.withOutputLimit(r.outputLimit());
    }

    /** Whether the probes restored the memory snapshot or loaded Pyodide from scratch, and why. */
    @Override
    public Optional<String> note() {
        int snap = fromSnapshot.get();
        int plain = plainLoads.get();
        if (snap == 0 && plain == 0) {
            return Optional.empty();
        }
        if (freshContextPerProbe) {
            return Optional.of("each probe ran in a new browser context and page whose worker loaded Pyodide from "
                    + "scratch (page isolation, " + plain + " probe(s))");
        }
        String why = fastPathNote == null ? "" : "; the page said: " + fastPathNote;
        if (plain == 0) {
            return Optional.of("each probe ran in a fresh Web Worker restoring a memory snapshot of a freshly started "
                    + "Pyodide (" + snap + " probe(s))");
        }
        if (snap == 0) {
            return Optional.of("each probe ran in a fresh Web Worker that loaded Pyodide from scratch (" + plain
                    + " probe(s))" + why);
        }
        return Optional.of(snap + " probe(s) restored a memory snapshot in a fresh Web Worker, " + plain
                + " loaded Pyodide from scratch (after a page reload"
                + (fastPathNote == null ? ")" : ", or because the page said: " + fastPathNote + ")"));
    }

    private static String describe(Map<String, Object> timings) {
        Object load = timings.get("load");
        Object run = timings.get("run");
        String how = isOne(timings.get("snapshot")) ? "restored from the memory snapshot"
                : isOne(timings.get("sharedModule")) ? "loaded from scratch into the page's compiled module" : "loaded from scratch";
        String warm = isOne(timings.get("warm")) ? " in a worker started before the probe" : "";
        String phases = timings.containsKey("load.import") ? " (import of pyodide.mjs " + timings.get("load.import")
                + " ms, instantiate " + timings.getOrDefault("load.instantiate", "-") + " ms, " + timings.get("load.fetched")
                + " files fetched in " + timings.get("load.fetch") + " ms, " + timings.getOrDefault("load.served", 0)
                + " served by the page" + (isOne(timings.get("sharedBytes")) ? " from its shared memory" : "")
                + (timings.containsKey("load.bytecodeHits")
                        ? ", " + timings.get("load.bytecodeHits") + " compilations from the page's bytecode cache" : "")
                + (timings.get("load.wrapperHits") instanceof Number n && n.intValue() > 0
                        ? ", " + n + " wrapper modules compiled before" : "")
                + ")" : "";
        return "Pyodide " + how + warm + " in " + (load == null ? "?" : load) + " ms" + phases + ", probe ran in "
                + (run == null ? "?" : run) + " ms";
    }

    private static boolean isOne(Object n) {
        return n instanceof Number x && x.intValue() == 1;
    }

    /** Closes every browser and the server; a run still in progress loses its browser. */
    @Override
    public void close() {
        if (lanes.closeAll()) {
            server.close();
        }
    }
}
