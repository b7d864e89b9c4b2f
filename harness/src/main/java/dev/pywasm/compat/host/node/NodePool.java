package dev.pywasm.compat.host.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pywasm.compat.exec.Daemons;
import dev.pywasm.compat.exec.FreshRuntime;
import dev.pywasm.compat.exec.HeadTail;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.ProbeZone;
import dev.pywasm.compat.exec.ProcessTree;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.host.Timeouts;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.runtime.SetupException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One long-lived {@code node pyodide-pool.js} process and the Java side of its line protocol (see
 * the script's header): a request per probe on its stdin, output lines and a {@code done} event per
 * probe on its stdout. Each probe runs in a fresh worker thread of the pool on a fresh interpreter.
 *
 * <p>When the pool process itself dies (a probe exhausted the process's memory, a V8 fatal error),
 * the probes it was running are reported as crashed, with what they printed until then and a
 * {@code PYWASM-FATAL} line saying so; the pool is then dead for good ({@link #alive()} is false) and
 * its owner starts another. The pool enforces a probe's start-up and probe limits itself (see the
 * script); when it does not answer within both plus the grace ({@link #TIMEOUTS}), the whole process
 * tree is killed by handle and the probe is reported as timed out.
 */
public final class NodePool implements AutoCloseable {

    /**
     * A probe's start-up (waiting for a worker that restored the snapshot, or loaded Pyodide when there
     * is none) and the grace past its timeout that the pool may take to report it before it is killed.
     */
    public static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(120), Duration.ofSeconds(15));
    private static final int KEEP_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String commandLine;
    private final Process process;
    private final Writer requests;
    private final TailBuffer poolStderr = new TailBuffer(16 * 1024);
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger prepared = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean dead;
    private volatile String deathReason;

    private NodePool(List<String> command, Path workDir) {
        this.commandLine = String.join(" ", command);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(ProbeZone.ENV); // the probes' time zone (see ProbeZone)
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start: " + commandLine, e);
        }
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Daemons.start("pywasm-node-pool-out-" + process.pid(), this::readEvents);
        Daemons.start("pywasm-node-pool-err-" + process.pid(), () -> pump(process.getErrorStream(), poolStderr));
    }

    /**
     * Starts {@code command} (a {@code node ... pyodide-pool.js ...} command line) and waits until the
     * pool says it is ready; throws {@link SetupException} when it does not start.
     */
    public static NodePool start(List<String> command, Path workDir, Duration startTimeout) {
        NodePool pool = new NodePool(command, workDir);
        try {
            pool.ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return pool;
        } catch (TimeoutException e) {
            pool.close();
            throw new SetupException("the node pool did not start within " + startTimeout.toSeconds() + " s: "
                    + pool.commandLine + "\n" + TailBuffer.lastLines(pool.poolStderr.text(), 10, 300));
        } catch (ExecutionException e) {
            pool.close();
            throw new SetupException("the node pool did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            pool.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the node pool", e);
        }
    }

    /** What the pool said when it was ready: {@code snapshot}, {@code sharedModule}, {@code millis}, {@code note}. */
    public JsonNode readyInfo() {
        return ready.getNow(null);
    }

    public long pid() {
        return process.pid();
    }

    /** False once the pool process has died or was killed; a dead pool runs nothing more. */
    public boolean alive() {
        return !dead && process.isAlive();
    }

    /**
     * How many workers have restored a fresh runtime (or loaded Pyodide) so far, ahead of their probe or for it;
     * each runs one probe at most.
     */
    public int preparedSoFar() {
        return prepared.get();
    }

    /** How many probes the pool is running now. */
    public int running() {
        return pending.size();
    }

    /** Runs one program on a fresh interpreter within {@code limits}; never throws for what the program does. */
    public RawRun run(String program, Limits limits) {
        String id = Long.toString(ids.incrementAndGet());
        Pending p = new Pending();
        long start = System.nanoTime();
        pending.put(id, p);
        try {
            if (dead) {
                return died(p, start);
            }
            ObjectNode request = JSON.createObjectNode();
            request.put("id", id);
            request.put("program", program);
            request.put("startupMillis", Math.max(1, limits.startup().toMillis()));
            request.put("timeoutMillis", Math.max(1, limits.probe().toMillis()));
            request.put("outputLimit", limits.outputBytes());
            try {
                synchronized (requests) {
                    requests.write(JSON.writeValueAsString(request));
                    requests.write('\n');
                    requests.flush();
                }
            } catch (IOException e) {
                markDead("cannot send the probe to the pool: " + e.getMessage());
                return died(p, start);
            }
            try {
                JsonNode done = p.done.get(limits.total().toMillis(), TimeUnit.MILLISECONDS);
                if (done == null) {
                    return died(p, start);
                }
                Integer exit = done.path("exitCode").isInt() ? done.get("exitCode").asInt() : null;
                boolean worker = done.path("worker").isNumber();
                FreshRuntime fresh = !worker ? null
                        : done.path("snapshot").asBoolean(false) ? FreshRuntime.SNAPSHOT_RESTORED : FreshRuntime.LOADED_FROM_SCRATCH;
                Long startup = done.path("startupMillis").isNumber() ? done.get("startupMillis").asLong() : null;
                RawRun run = new RawRun(describe(id, done), exit, p.out.text(), p.err.text(),
                        done.path("timedOut").asBoolean(false), millis(start), List.of(), fresh, startup);
                return done.path("outputLimit").isNumber() ? run.withOutputLimit(done.get("outputLimit").asLong()) : run;
            } catch (TimeoutException e) {
                // The pool did not stop the probe itself: the pool is stuck; kill it with the probe.
                markDead("the pool did not answer within the probe's limits (" + limits.describe() + "); killed");
                killTree();
                return new RawRun(commandLine + " [probe " + id + ", pool unresponsive, killed]", null, p.out.text(),
                        p.err.text(), true, millis(start));
            } catch (ExecutionException e) {
                return died(p, start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running a probe in the node pool", e);
            }
        } finally {
            pending.remove(id);
        }
    }

    private RawRun died(Pending p, long start) {
        Integer status = exitStatus();
        String why = "the node pool process (pid " + process.pid() + ") died while this probe ran"
                + (status != null ? " (exit status " + status + (status > 128 ? ", signal " + (status - 128) : "") + ")"
                : "")
                + (deathReason != null ? ": " + deathReason : "") + "; the next probe gets a new pool";
        String lastErr = TailBuffer.lastLines(poolStderr.text(), 1, 300);
        String stdout = p.out.text();
        if (!stdout.isEmpty() && !stdout.endsWith("\n")) {
            stdout += "\n";
        }
        stdout += ProbeOutput.fatalLine("NodePoolDied", why + (lastErr.isEmpty() ? "" : "; last pool stderr: " + lastErr))
                + "\n";
        String stderr = p.err.text() + poolStderr.text();
        return new RawRun(commandLine + " [pool died]", status, stdout, stderr, false, millis(start));
    }

    private Integer exitStatus() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private String describe(String id, JsonNode done) {
        if (!done.path("worker").isNumber()) {
            return commandLine + " [probe " + id + ", no fresh worker in time, of pool pid " + process.pid() + "]";
        }
        return commandLine + " [probe " + id + " in worker " + done.path("worker").asText("?") + " of pool pid "
                + process.pid() + (done.path("snapshot").asBoolean(false) ? ", from snapshot" : ", plain load")
                + (done.path("codeCache").asBoolean(false) ? ", code cache" : "")
                + (done.path("bytecodeHits").isNumber()
                        ? ", " + done.path("bytecodeHits").asInt() + " compilations from the bytecode cache" : "")
                + (done.path("wrapperHits").isNumber() && done.path("wrapperHits").asInt() > 0
                        ? ", " + done.path("wrapperHits").asInt() + " wrapper modules compiled before" : "")
                + (done.path("ahead").asBoolean(false) ? ", restored ahead" : "") + "]";
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private void readEvents() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (IOException e) {
                    // Not protocol: something wrote to the pool's stdout directly. Keep it as pool output.
                    append(poolStderr, line);
                    continue;
                }
                handle(event);
            }
        } catch (IOException e) {
            deathReason = "reading the pool's output failed: " + e.getMessage();
        } finally {
            markDead(deathReason != null ? deathReason : "its output ended");
        }
    }

    private void handle(JsonNode event) {
        String kind = event.path("event").asText("");
        switch (kind) {
            case "ready" -> ready.complete(event);
            case "prepared" -> prepared.incrementAndGet();
            case "out" -> {
                Pending p = pending.get(event.path("id").asText());
                if (p != null) {
                    HeadTail target = "stderr".equals(event.path("stream").asText()) ? p.err : p.out;
                    String text = event.path("line").asText("");
                    if (event.path("more").asBoolean(false)) {
                        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                        target.write(bytes, 0, bytes.length);
                    } else {
                        append(target, text);
                    }
                }
            }
            case "done" -> {
                Pending p = pending.get(event.path("id").asText());
                if (p != null) {
                    p.done.complete(event);
                }
            }
            default -> {
                // unknown events are ignored: newer scripts may say more
            }
        }
    }

    private void markDead(String reason) {
        if (deathReason == null) {
            deathReason = reason;
        }
        dead = true;
        ready.completeExceptionally(new SetupException("the node pool ended before it was ready ("
                + reason + "): " + commandLine + "\n" + TailBuffer.lastLines(poolStderr.text(), 10, 300)));
        pending.values().forEach(p -> p.done.complete(null));
    }

    private static void append(java.io.OutputStream to, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            to.write(bytes, 0, bytes.length);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static void pump(InputStream in, TailBuffer to) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                to.write(buf, 0, n);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private void killTree() {
        ProcessTree.kill(process);
    }

    /** Kills the pool process and everything it started, by handle. */
    @Override
    public void close() {
        dead = true;
        try {
            requests.close();
        } catch (IOException ignored) {
            // the process may be gone already
        }
        killTree();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Pending {
        final HeadTail out = new HeadTail(KEEP_BYTES / 4, KEEP_BYTES, null);
        final HeadTail err = new HeadTail(KEEP_BYTES / 4, KEEP_BYTES, null);
        final CompletableFuture<JsonNode> done = new CompletableFuture<>();
    }
}
