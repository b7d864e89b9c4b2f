package dev.pywasm.compat.host.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pywasm.compat.exec.FreshRuntime;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.Timeouts;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs probes in {@link NodePool}s: each probe on a fresh interpreter in a fresh worker thread,
 * the pools started on demand. With {@code probesPerPool = 1} (the default) every probe running at
 * once has a pool process of its own, so even a probe that kills its whole process (memory
 * exhaustion) costs only that probe; a dead pool is replaced by a new one for the next probe.
 * When no pool starts (a Node without worker threads, a broken install), every probe runs on the
 * fallback session instead (fresh processes) and a warning says so once. Safe to call from several
 * threads.
 */
public final class NodePoolSession implements HostSession {

    private final Supplier<NodePool> starter;
    private final int probesPerPool;
    private final Path snapshotFile;
    private final HostSession fallback;
    private volatile String fallbackReason;
    private final Map<NodePool, Integer> pools = new IdentityHashMap<>();
    private int started;
    private boolean closed;
    private final AtomicInteger fromSnapshot = new AtomicInteger();
    private final AtomicInteger plainLoads = new AtomicInteger();
    /** What the first pool said about its snapshot when it was ready, when it had something to say. */
    private volatile String readyNote;

    /**
     * @param starter       starts one pool (and waits until it is ready)
     * @param probesPerPool how many probes one pool process runs at once
     * @param snapshotFile  the memory snapshot the pools share (deleted on close), or null
     * @param fallback      where probes run when no pool starts, or null to fail instead
     */
    public NodePoolSession(Supplier<NodePool> starter, int probesPerPool, Path snapshotFile, HostSession fallback) {
        if (probesPerPool < 1) {
            throw new IllegalArgumentException("probesPerPool must be 1 or more");
        }
        this.starter = starter;
        this.probesPerPool = probesPerPool;
        this.snapshotFile = snapshotFile;
        this.fallback = fallback;
    }

    @Override
    public RawRun run(ProbeProgram program, Limits limits) {
        if (fallbackReason != null) {
            return fallback.run(program, limits);
        }
        NodePool pool;
        try {
            pool = borrow();
        } catch (SetupException e) {
            if (fallback == null) {
                throw e;
            }
            synchronized (this) {
                if (fallbackReason == null) {
                    fallbackReason = e.getMessage();
                    System.err.println("pywasm-compat: the node pool did not start, running every probe in a fresh"
                            + " node process instead: " + e.getMessage());
                }
            }
            return fallback.run(program, limits);
        }
        try {
            RawRun run = pool.run(program.program(), limits);
            if (run.fresh() == FreshRuntime.SNAPSHOT_RESTORED) {
                fromSnapshot.incrementAndGet();
            } else if (run.fresh() == FreshRuntime.LOADED_FROM_SCRATCH) {
                plainLoads.incrementAndGet();
            }
            return run;
        } finally {
            release(pool);
        }
    }

    /** A probe's start-up and grace in a pool (the fallback's processes need no grace, but get it). */
    @Override
    public Timeouts timeouts() {
        return NodePool.TIMEOUTS;
    }

    /** Whether the probes restored the memory snapshot or loaded Pyodide from scratch, and why. */
    @Override
    public Optional<String> note() {
        if (fallbackReason != null) {
            return Optional.of("no node pool started, so each probe ran in a fresh node process loading "
                    + "Pyodide from scratch: " + fallbackReason.lines().findFirst().orElse(""));
        }
        int snap = fromSnapshot.get();
        int plain = plainLoads.get();
        String why = readyNote == null ? "" : "; the pool said: " + readyNote;
        if (snap == 0 && plain == 0) {
            return Optional.empty();
        }
        if (plain == 0) {
            return Optional.of("each probe ran in a fresh worker thread (main-thread stack size) restoring a memory "
                    + "snapshot of a freshly started Pyodide (" + snap + " probe(s))");
        }
        if (snap == 0) {
            return Optional.of("each probe ran in a fresh worker thread (main-thread stack size) that loaded Pyodide "
                    + "from scratch (" + plain + " probe(s))" + why);
        }
        return Optional.of(snap + " probe(s) restored a memory snapshot in a fresh worker thread, " + plain
                + " loaded Pyodide from scratch" + why);
    }

    /** How many pool processes this session started so far (restarts included). */
    public synchronized int poolsStarted() {
        return started;
    }

    /** Why probes run on the fallback session, or null while they run in pools. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /** The pools alive now. */
    public synchronized List<NodePool> pools() {
        return new ArrayList<>(pools.keySet());
    }

    private NodePool borrow() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the node pool session is closed");
            }
            pools.keySet().removeIf(p -> {
                boolean gone = !p.alive() && pools.get(p) == 0;
                if (gone) {
                    p.close();
                }
                return gone;
            });
            NodePool best = null;
            for (Map.Entry<NodePool, Integer> e : pools.entrySet()) {
                if (e.getKey().alive() && e.getValue() < probesPerPool && (best == null || e.getValue() < pools.get(best))) {
                    best = e.getKey();
                }
            }
            if (best != null) {
                pools.merge(best, 1, Integer::sum);
                return best;
            }
        }
        // Start a pool outside the lock: it takes seconds, and other threads may use the others meanwhile.
        NodePool fresh = starter.get();
        JsonNode info = fresh.readyInfo();
        if (readyNote == null && info != null && info.path("note").isTextual()) {
            readyNote = info.get("note").asText();
        }
        synchronized (this) {
            started++;
            if (closed) {
                fresh.close();
                throw new IllegalStateException("the node pool session is closed");
            }
            pools.put(fresh, 1);
        }
        return fresh;
    }

    private synchronized void release(NodePool pool) {
        Integer n = pools.get(pool);
        if (n == null) {
            return;
        }
        if (n <= 1 && !pool.alive()) {
            pools.remove(pool);
            pool.close();
        } else {
            pools.put(pool, n - 1);
        }
    }

    /** Kills every pool process. */
    @Override
    public void close() {
        List<NodePool> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(pools.keySet());
            pools.clear();
        }
        all.forEach(NodePool::close);
        if (fallback != null) {
            fallback.close();
        }
        if (snapshotFile != null) {
            try {
                Files.deleteIfExists(snapshotFile);
            } catch (IOException ignored) {
                // a temporary file in the host's work directory
            }
        }
    }
}
