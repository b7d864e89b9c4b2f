package dev.pywasm.compat.host.chromium;

import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.host.browser.LanePool;
import dev.pywasm.compat.probe.ProbeProgram;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One browser with the probe page (probe-page.js) open, used by one thread at a time, whatever drives
 * it: Playwright ({@link BrowserLane}: Chromium, Firefox) or WebDriver ({@link WebKitLane}). The session
 * ({@link ChromiumSession}) asks it for fresh runs and turns what it returns into raw runs.
 */
interface PageLane extends LanePool.Lane {

    /** How one run ended. */
    record LaneRun(List<String> stdout, List<String> stderr, List<String> console, boolean timedOut,
                   boolean died, Map<String, Object> timings, long millis, Long outputLimit) {
    }

    /** What probe-page.js's {@code window.pywasmRun(req)} takes: the program, the runtime's URL and the limits. */
    static Map<String, Object> runRequest(ProbeProgram program, Limits limits, String runtimeUrl, boolean plain) {
        return Map.of(
                "name", program.name(),
                "program", program.program(),
                "indexURL", runtimeUrl,
                "loadTimeoutMs", (int) Math.min(Integer.MAX_VALUE, limits.startup().toMillis()),
                "plain", plain,
                "outputLimit", (double) limits.outputBytes(),
                "timeoutMs", (int) Math.min(Integer.MAX_VALUE, limits.probe().toMillis()));
    }

    /** A fresh context (cache, storage, renderer) and probe page. */
    void newContext();

    /** Reloads the probe page (a user's reload: storage stays). */
    void reload();

    /** Makes the page's fast path ready (snapshot, compiled module), once per page; says what it is. */
    Map<String, Object> prepare();

    /** Why this lane's probes load Pyodide from scratch although it is fast, or null. */
    String fastPathNote();

    /**
     * The benchmark's lower bounds: {@code n} snapshot restores in a row, milliseconds each, then as many
     * instantiations of the compiled module with the snapshot heap copied in, in a worker (probe-page.js's
     * {@code window.pywasmFloor}).
     */
    Benchmarked.Floor measureFloor(int n);

    /**
     * What {@code window.pywasmFloor} answered ({restore, phases, floor, floorNote}), as the bench's floor, with where
     * each restore's time went (the worker's phases, see probe-worker.js): the import of pyodide.mjs, Pyodide's
     * JavaScript up to the instantiation (loading and running pyodide.asm.js, the lock file), the instantiation, and
     * what follows (the heap copy, linking, Python's start; also the worker's own start, which the restore includes).
     */
    static Benchmarked.Floor floor(Object answer) {
        Map<?, ?> m = (Map<?, ?>) answer;
        Object note = m.get("floorNote");
        List<Double> restore = millis(m.get("restore"));
        List<?> phases = m.get("phases") instanceof List<?> l && l.size() == restore.size() ? l : List.of();
        Map<String, List<Double>> named = new LinkedHashMap<>();
        if (!phases.isEmpty()) {
            List<Double> imports = phase(phases, "import");
            List<Double> instantiate = phase(phases, "instantiate");
            List<Double> before = phase(phases, "beforeInstantiate");
            List<Double> total = phase(phases, "total");
            named.put("worker start to the load message", phase(phases, "started"));
            named.put("import of pyodide.mjs", imports);
            named.put("runtime JavaScript to instantiate", before);
            named.put("instantiate", instantiate);
            named.put("after it (heap copy, linking, Python)", IntStream.range(0, restore.size())
                    .mapToObj(i -> total.get(i) - imports.get(i) - before.get(i) - instantiate.get(i)).toList());
            named.put("fetches (overlapping)", phase(phases, "fetch"));
            named.put("files fetched", phase(phases, "fetched"));
            named.put("files served from the page", phase(phases, "served"));
        }
        return new Benchmarked.Floor(restore, true, millis(m.get("floor")), note == null ? null : String.valueOf(note), named);
    }

    private static List<Double> phase(List<?> phases, String name) {
        return phases.stream().map(p -> ((Map<?, ?>) p).get(name))
                .map(x -> x instanceof Number n ? n.doubleValue() : 0.0).toList();
    }

    private static List<Double> millis(Object samples) {
        return samples == null ? List.of() : ((List<?>) samples).stream().map(x -> ((Number) x).doubleValue()).toList();
    }

    /** Runs one program in a fresh worker (restoring the snapshot when the lane is fast). */
    LaneRun run(ProbeProgram program, Limits limits);

    /** Runs one program in a fresh worker; {@code plain}: loading Pyodide from scratch. Never throws for what the probe does. */
    LaneRun run(ProbeProgram program, Limits limits, boolean plain);

    /** Deletes what the origin stored persistently. */
    void clearStorage();

    /** A screenshot of the probe page; false when none could be taken. */
    boolean screenshot(Path file);
}
