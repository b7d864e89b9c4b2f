package dev.pywasm.compat.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pywasm.compat.exec.ProbeZone;
import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.exec.TempFile;
import dev.pywasm.compat.host.node.NodePool;
import dev.pywasm.compat.host.node.NodePoolSession;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node.js as a host, with the flags the README's command line asks for where this Node accepts them.
 * How each probe gets its fresh runtime is a choice ({@link Isolation}): a fresh {@code node}
 * process per probe (the baseline, and the fallback), or a fresh worker thread restoring a memory
 * snapshot of a just-started Pyodide inside a long-lived pool process (the default: the same
 * isolation for a fraction of the cost).
 */
public final class NodeHost implements Host, Benchmarked {

    /** How each probe gets a fresh runtime. */
    public enum Isolation {
        /** A fresh {@code node pyodide-driver.js} process per probe that loads Pyodide from scratch. */
        PROCESS,
        /**
         * A fresh worker thread per probe in a {@code node pyodide-pool.js} process (one per probe running
         * at once) that restores a snapshot of a freshly loaded Pyodide: fresh interpreter, file system
         * and JavaScript globals; a probe that exits, crashes or hangs costs only its worker, and one that
         * kills the whole pool process costs only itself (the pool is replaced).
         */
        WORKER;

        /** The default: {@code PYWASM_COMPAT_NODE_ISOLATION} ({@code process} or {@code worker}) when set, else WORKER. */
        public static Isolation fromEnvironment() {
            return HostOptions.fromEnvironment(Isolation.class, "pywasm.node-isolation", "PYWASM_COMPAT_NODE_ISOLATION",
                    WORKER, "node isolation");
        }

        public static Isolation parse(String name) {
            return HostOptions.parse(Isolation.class, name, "node isolation");
        }
    }

    /** The flags of the README's {@code node --experimental-wasm-threads --experimental-wasm-bulk-memory python.js}. */
    public static final List<String> README_FLAGS = List.of("--experimental-wasm-threads", "--experimental-wasm-bulk-memory");
    /** Pyodide's own minimum. */
    public static final int MIN_MAJOR = 18;

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Duration PROBE_FLAG_TIMEOUT = Duration.ofSeconds(30);
    /** Loading Pyodide and making its snapshot takes seconds; on a loaded machine, many. */
    private static final Duration POOL_START_TIMEOUT = Duration.ofSeconds(180);
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final HostIdentity identity;
    private final Path workDir;
    private final Path driver;
    private final Path poolScript;
    private final Isolation isolation;
    private final int probesPerPool;
    private final int warmWorkers;

    private NodeHost(String node, HostIdentity identity, Path workDir, Isolation isolation, int probesPerPool,
            int warmWorkers) {
        this.node = node;
        this.identity = identity;
        this.workDir = workDir;
        this.driver = extract("node/pyodide-driver.js", workDir);
        this.poolScript = extract("node/pyodide-pool.js", workDir);
        POOL_REQUIRES.forEach(r -> extract(r, workDir));
        this.isolation = isolation;
        this.probesPerPool = probesPerPool;
        this.warmWorkers = warmWorkers;
    }

    /**
     * Finds {@code node} ({@link HostOptions#node()}, or on PATH), checks its version and which README
     * flags it accepts. {@code workDir} holds the driver scripts and the probe programs. The isolation
     * and the pool settings are the options'.
     */
    public static NodeHost detect(Path workDir, HostOptions options) {
        String binary = options.node() == null ? "node" : options.node();
        RawRun version;
        try {
            version = ProcessRunner.run(List.of(binary, "--version"), PROBE_FLAG_TIMEOUT, null, null);
        } catch (UncheckedIOException e) {
            throw new SetupException("Node.js not found ('" + binary + "'): install Node " + MIN_MAJOR
                    + " or newer (apt-get install -y nodejs) or pass --node /path/to/node", e);
        }
        Matcher m = VERSION.matcher(version.stdout().strip());
        if (version.exitCode() == null || version.exitCode() != 0 || !m.find()) {
            throw new SetupException("'" + binary + " --version' did not print a Node version: "
                    + TailBuffer.lastLines(version.stdout() + version.stderr(), 3, 200));
        }
        if (Integer.parseInt(m.group(1)) < MIN_MAJOR) {
            throw new SetupException("Node " + m.group() + " at '" + binary + "' is too old: Pyodide needs Node "
                    + MIN_MAJOR + " or newer");
        }
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (String flag : README_FLAGS) {
            RawRun r = ProcessRunner.run(List.of(binary, flag, "-e", "0"), PROBE_FLAG_TIMEOUT, null, null);
            if (r.exitCode() != null && r.exitCode() == 0) {
                accepted.add(flag);
            } else {
                rejected.add(flag);
                why.add(TailBuffer.lastLines(r.stderr(), 1, 120));
            }
        }
        String notes = rejected.isEmpty() ? null : "node says: " + String.join("; ", why);
        return new NodeHost(binary, new HostIdentity("node", m.group(), accepted, rejected, notes), workDir,
                options.nodeIsolation(), options.probesPerPool(), options.warmWorkers());
    }

    public Isolation isolation() {
        return isolation;
    }

    @Override
    public String id() {
        return "node";
    }

    @Override
    public HostIdentity identity() {
        return identity;
    }

    @Override
    public Optional<String> cannotRun(RuntimeImage image) {
        if (image.kind() == RuntimeKind.CPYTHON_SOURCE && !Files.isRegularFile(image.root().resolve("python.js"))) {
            return Optional.of("no python.js in " + image.root());
        }
        if (image.kind() == RuntimeKind.CPYTHON_SOURCE && Files.isRegularFile(image.root().resolve("python.html"))) {
            return Optional.of("this is CPython's browser target (python.html); the node target runs on node");
        }
        return Optional.empty();
    }

    @Override
    public HostSession open(RuntimeImage image) {
        cannotRun(image).ifPresent(why -> {
            throw new SetupException(why);
        });
        if (image.kind() == RuntimeKind.CPYTHON_SOURCE) {
            return sourceBuildSession(image);
        }
        return isolation == Isolation.PROCESS ? processSession(image) : poolSession(image);
    }

    /**
     * CPython's own node build, run the README's way: {@code node [flags] python.js probe.py} in a
     * fresh process per probe (it starts in about a second), from its build directory so that
     * (with NODERAWFS) it finds its standard library in the source tree. Emscripten 3.1.x output
     * fails on Node 18+'s built-in fetch ("Failed to parse URL"); whether this Node needs
     * {@code --no-experimental-fetch} is found out by trying, once per session.
     */
    public HostSession sourceBuildSession(RuntimeImage image) {
        List<String> base = new ArrayList<>();
        base.add(node);
        base.addAll(identity.acceptedFlags());
        List<String> extra = sourceBuildFlags(image, base);
        // With NODERAWFS the probe sees this machine's file system: its tempfile calls go to a directory of its own
        // (TMPDIR, set inside the runtime: python.js passes no environment on), deleted afterwards.
        return (program, limits) -> TempFile.withDirectory(workDir, "tmp-", tmp ->
                TempFile.withProbe(workDir, program.programAnnouncingStart(tmp), file -> {
                    List<String> command = new ArrayList<>(base);
                    command.addAll(extra);
                    command.add("python.js");
                    command.add(file.toString());
                    return ProcessRunner.run(command, limits, ProbeOutput.STARTED, image.root(), ProbeZone.ENV);
                }));
    }

    /** The extra flags this Node needs to start the build: none, or {@code --no-experimental-fetch}. */
    private List<String> sourceBuildFlags(RuntimeImage image, List<String> base) {
        String hello = "print('pywasm-started')";
        List<List<String>> candidates = List.of(List.of(), List.of("--no-experimental-fetch"));
        String last = "";
        for (List<String> flags : candidates) {
            List<String> command = new ArrayList<>(base);
            command.addAll(flags);
            command.addAll(List.of("python.js", "-c", hello));
            RawRun r = ProcessRunner.run(command, POOL_START_TIMEOUT, image.root(), null);
            if (r.stdout().contains("pywasm-started")) {
                return flags;
            }
            last = String.join(" ", command) + "\n" + TailBuffer.lastLines(r.stdout() + "\n" + r.stderr(), 8, 300);
        }
        throw new SetupException("CPython's node build in " + image.root() + " does not start, with or without "
                + "--no-experimental-fetch:\n" + last);
    }

    /** A fresh {@code node} process per probe that loads Pyodide from scratch. */
    private HostSession processSession(RuntimeImage image) {
        return (program, limits) -> TempFile.withProbe(workDir, program.program(), file -> {
            List<String> command = new ArrayList<>();
            command.add(node);
            command.addAll(identity.acceptedFlags());
            command.add(driver.toString());
            command.add(image.root().toString());
            command.add(file.toString());
            return ProcessRunner.run(command, limits, ProbeOutput.STARTED, workDir, ProbeZone.ENV);
        });
    }

    /**
     * A fresh worker thread per probe in pool processes, started on demand; the pools share one
     * memory snapshot file in the work directory. Falls back to {@link #processSession} when no pool
     * starts.
     */
    private NodePoolSession poolSession(RuntimeImage image) {
        Path snapshot = workDir.resolve("snapshot-" + image.id().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + SESSIONS.incrementAndGet() + ".bin");
        List<String> command = poolCommand(image, snapshot);
        return new NodePoolSession(() -> NodePool.start(command, workDir, POOL_START_TIMEOUT), probesPerPool, snapshot,
                processSession(image));
    }

    /** The command line of one pool process: the accepted README flags apply to it as to the driver. */
    List<String> poolCommand(RuntimeImage image, Path snapshot) {
        List<String> command = new ArrayList<>();
        command.add(node);
        command.addAll(identity.acceptedFlags());
        command.add(poolScript.toString());
        command.add(image.root().toString());
        command.add("--snapshot-file");
        command.add(snapshot.toString());
        command.add("--warm");
        command.add(Integer.toString(warmWorkers));
        return command;
    }

    @Override
    public Labels benchLabels() {
        return new Labels("node " + identity.version(), "naive  fresh node process + load", "ours   pooled worker + snapshot",
                "restore snapshot restore, 1 thread", "floor  instantiate + copy heap, 1 thread", "pool start + first probe (ms)",
                "process", "worker");
    }

    @Override
    public HostSession naiveSession(RuntimeImage image) {
        return processSession(image);
    }

    @Override
    public HostSession oursSession(RuntimeImage image) {
        return poolSession(image);
    }

    /**
     * Runs pyodide-floor.js, which times {@code samples} snapshot restores of {@code image} in one
     * thread of one process, then as many instantiations of the compiled module with the snapshot heap
     * copied in (the floor of a fresh interpreter), and prints one JSON line (see the script).
     */
    @Override
    public Floor floor(RuntimeImage image, HostSession ours, int samples) {
        Path script = extract("node/pyodide-floor.js", workDir);
        extract("chromium/wasm-floor.js", workDir); // required by the script, shared with the Chromium worker
        List<String> command = new ArrayList<>();
        command.add(node);
        command.addAll(identity.acceptedFlags());
        command.add(script.toString());
        command.add(image.root().toString());
        command.add(Integer.toString(samples));
        RawRun run = ProcessRunner.run(command, Duration.ofSeconds(120).multipliedBy(samples + 1L), workDir, null);
        try {
            JsonNode line = JSON.readTree(TailBuffer.lastLines(run.stdout(), 1, Integer.MAX_VALUE));
            if (line != null && line.path("restore").isArray() && line.path("restore").size() > 0) {
                List<Double> restore = new ArrayList<>();
                line.path("restore").forEach(n -> restore.add(n.asDouble()));
                List<Double> copies = new ArrayList<>();
                line.path("floor").forEach(n -> copies.add(n.asDouble()));
                return new Floor(restore, line.path("snapshot").asBoolean(), copies,
                        line.path("floorNote").isTextual() ? line.get("floorNote").asText() : null);
            }
        } catch (IOException e) {
            // reported below
        }
        throw new SetupException("the floor measure failed: " + run.command() + "\n"
                + TailBuffer.lastLines(run.stdout() + "\n" + run.stderr(), 10, 300));
    }

    @Override
    public List<String> describe(HostSession ours) {
        NodePoolSession pools = (NodePoolSession) ours;
        return List.of("pool: " + (pools.pools().isEmpty() ? "no pool: " + pools.fallbackReason()
                : pools.pools().get(0).readyInfo().toString()));
    }

    @Override
    public void useIsolation(HostOptions options, boolean naive) {
        options.setNodeIsolation(naive ? Isolation.PROCESS : Isolation.WORKER);
    }

    /**
     * The scripts the pool requires from beside itself, shared with the Chromium worker: the bytecode cache for Pyodide
     * without snapshots and the cache of Emscripten's wrapper modules.
     */
    static final List<String> POOL_REQUIRES = List.of("chromium/bytecode-cache.js", "chromium/wrapper-modules.js");

    static Path extract(String resource, Path dir) {
        try (InputStream in = NodeHost.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("harness resource missing: " + resource);
            }
            Files.createDirectories(dir);
            Path target = dir.resolve(Path.of(resource).getFileName().toString());
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + " into " + dir, e);
        }
    }
}
