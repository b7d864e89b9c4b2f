package dev.pywasm.compat.report;

import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small result documents for report tests: a README excerpt and claims quoting it. */
public final class Fixtures {

    public static final String README = """
            # wasm32-emscripten limitations and issues
            ## Network stack
            - ``socketpair`` does not work.
            - Blocking sockets are not available and non-blocking sockets don't work
            correctly, e.g. ``socket.accept`` crashes the runtime.
            ## processes, threads, signals
            - Processes are not supported. System calls like fork, popen, and subprocess
            fail with ``ENOSYS`` or ``ENOSUP``.
            ```
            node --experimental-wasm-threads builddir/python.js
            ```
            """;

    public static final RuntimeIdentity OLD = new RuntimeIdentity("pyodide-0.27.7", "pyodide", "0.27.7", "3.12.7", "3.1.58",
            "Emscripten-3.1.58-wasm32-32bit");
    public static final RuntimeIdentity NEW = new RuntimeIdentity("pyodide-314.0.7", "pyodide", "314.0.7", "3.14.2", "5.0.3",
            "Emscripten-5.0.3-wasm32-32bit");

    private Fixtures() {
    }

    public static RunInfo run(Instant start, RuntimeIdentity... runtimes) {
        return new RunInfo("pywasm-compat test", start, start.plusSeconds(60), "README.md sha256:00", List.of(runtimes),
                List.of(new HostIdentity("node", "v20.20.2", List.of(), List.of(), null),
                        new HostIdentity("chromium", "140.0.0.1", List.of(), List.of(), "isolated")), 0);
    }

    public static Result result(String claim, String quote, String host, String runtime, Verdict v, Observation o) {
        return new Result(claim, section(claim), quote, host, runtime, v, "because " + v, o,
                new Evidence("node probe.py", 0, 420, "out of " + claim, "", List.of()), null);
    }

    static String section(String claim) {
        return claim.startsWith("network.") ? "wasm32-emscripten limitations and issues / Network stack"
                : "wasm32-emscripten limitations and issues / processes, threads, signals";
    }

    public static Observation raised(String errnoName, int errno) {
        return new Observation(Outcome.RAISED, null, "OSError", errno, errnoName, "nope", null);
    }

    public static Observation crashed() {
        return Observation.of(Outcome.CRASHED, "Aborted()");
    }

    /**
     * Three claims on node and chromium: socketpair holds everywhere, accept-crash went stale on chromium
     * with the new runtime, fork holds; plus a claim whose quote the README does not have.
     */
    public static ResultDocument matrix(Instant start, boolean withNew) {
        List<Result> results = new ArrayList<>();
        for (RuntimeIdentity rt : withNew ? List.of(OLD, NEW) : List.of(OLD)) {
            for (String host : List.of("node", "chromium")) {
                results.add(result("network.socketpair", "``socketpair`` does not work.", host, rt.id(), Verdict.HOLDS,
                        raised("ENOSYS", 52)));
                boolean stale = rt == NEW && host.equals("chromium");
                results.add(result("network.accept-crash", "``socket.accept`` crashes the runtime.", host, rt.id(),
                        stale ? Verdict.STALE : Verdict.HOLDS, stale ? raised("EINVAL", 28) : crashed()));
                results.add(result("processes.fork",
                        "System calls like fork, popen, and subprocess fail with ``ENOSYS`` or ``ENOSUP``.", host, rt.id(),
                        Verdict.HOLDS, raised("ENOSYS", 52)));
                results.add(result("processes.gone", "This sentence is not in the README.", host, rt.id(),
                        Verdict.SKIPPED, Observation.of(Outcome.INAPPLICABLE, null)));
            }
        }
        return new ResultDocument(ResultDocument.SCHEMA, withNew ? run(start, OLD, NEW) : run(start, OLD), results);
    }
}
