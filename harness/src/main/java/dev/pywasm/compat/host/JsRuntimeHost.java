package dev.pywasm.compat.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deno or Bun ({@link JsEngine}) as a host: Pyodide's npm package loaded through the engine's Node
 * compatibility layer by the node host's own scripts (pyodide-pool.js, pyodide-driver.js), so a probe
 * sees the same harness on every engine and what differs is the engine. Each probe runs in a fresh
 * worker thread restoring a memory snapshot in a pool process, as on Node; when no pool starts, in a
 * fresh engine process loading Pyodide. The engine binary comes from the npm registry into the cache
 * ({@link NpmBinary}) unless one is named.
 */
public final class JsRuntimeHost implements Host {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POOL_START_TIMEOUT = Duration.ofSeconds(180);
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsEngine engine;
    private final Path binary;
    private final HostIdentity identity;
    private final Path workDir;
    private final Path driver;
    private final Path poolScript;
    private final int probesPerPool;
    private final int warmWorkers;

    private JsRuntimeHost(JsEngine engine, Path binary, HostIdentity identity, Path workDir, HostOptions options) {
        this.engine = engine;
        this.binary = binary;
        this.identity = identity;
        this.workDir = workDir;
        this.driver = extract("node/pyodide-driver.js", workDir, engine.scriptSuffix());
        this.poolScript = extract("node/pyodide-pool.js", workDir, engine.scriptSuffix());
        NodeHost.POOL_REQUIRES.forEach(r -> extract(r, workDir, engine.scriptSuffix()));
        this.probesPerPool = options.probesPerPool();
        this.warmWorkers = options.warmWorkers();
    }

    /**
     * Finds (or installs) the engine's binary and reads its identity from the engine itself; launches
     * nothing that outlives the call.
     */
    public static JsRuntimeHost detect(JsEngine engine, Path workDir, HostOptions options, PrintStream progress) {
        Path binary = NpmBinary.locate(engine, options.engineBinary(engine.id()), options.cache(), options.npm(), progress);
        return new JsRuntimeHost(engine, binary, identify(engine, binary, workDir), workDir, options);
    }

    /** The engine's own account of itself: {@code {name: "Deno 2.9.6", engine: "V8 15.0"}}, read by running a script. */
    static HostIdentity identify(JsEngine engine, Path binary, Path workDir) {
        Path script = workDir.resolve("identity" + engine.scriptSuffix());
        RawRun r;
        try {
            Files.createDirectories(workDir);
            Files.writeString(script, engine.identityScript() + "\n");
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(engine.runPrefix());
            command.add(script.toString());
            r = ProcessRunner.run(command, VERSION_TIMEOUT, workDir, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        } catch (UncheckedIOException e) {
            throw new SetupException("cannot run " + engine.id() + " at " + binary + ": " + e.getMessage()
                    + "; pass --" + engine.id() + " /path/to/" + engine.id() + " (or set " + engine.env() + ")", e);
        }
        try {
            JsonNode id = JSON.readTree(TailBuffer.lastLines(r.stdout(), 1, Integer.MAX_VALUE));
            String name = id.path("name").asText("");
            String version = name.substring(name.indexOf(' ') + 1);
            if (version.isBlank()) {
                throw new IOException("no name");
            }
            String notes = name + ", JavaScript engine " + id.path("engine").asText("?") + ", at " + binary
                    + "; Pyodide's npm package through its Node compatibility layer; a fresh worker thread per probe "
                    + "restoring a memory snapshot of a freshly started Pyodide (a fresh " + engine.id()
                    + " process loading it when no pool starts)";
            return new HostIdentity(engine.id(), version, List.of(), List.of(), notes);
        } catch (IOException | RuntimeException e) {
            throw new SetupException(engine.id() + " at " + binary + " did not say who it is (" + r.command() + "): "
                    + TailBuffer.lastLines(r.stdout() + "\n" + r.stderr(), 5, 300), e);
        }
    }

    @Override
    public String id() {
        return engine.id();
    }

    @Override
    public HostIdentity identity() {
        return identity;
    }

    @Override
    public Optional<String> cannotRun(RuntimeImage image) {
        return image.kind() == RuntimeKind.PYODIDE ? Optional.empty()
                : Optional.of(engine.id() + " runs Pyodide's npm package only");
    }

    @Override
    public HostSession open(RuntimeImage image) {
        cannotRun(image).ifPresent(why -> {
            throw new SetupException(why);
        });
        Path snapshot = workDir.resolve("snapshot-" + image.id().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + SESSIONS.incrementAndGet() + ".bin");
        List<String> command = poolCommand(image, snapshot);
        return new NodePoolSession(() -> NodePool.start(command, workDir, POOL_START_TIMEOUT), probesPerPool, snapshot,
                processSession(image));
    }

    /** A fresh engine process per probe that loads Pyodide from scratch: the fallback. */
    HostSession processSession(RuntimeImage image) {
        return (program, limits) -> TempFile.withProbe(workDir, program.program(), file -> {
            List<String> command = base();
            command.add(driver.toString());
            command.add(image.root().toString());
            command.add(file.toString());
            return ProcessRunner.run(command, limits, ProbeOutput.STARTED, workDir, null);
        });
    }

    List<String> poolCommand(RuntimeImage image, Path snapshot) {
        List<String> command = base();
        command.add(poolScript.toString());
        command.add(image.root().toString());
        command.add("--snapshot-file");
        command.add(snapshot.toString());
        command.add("--warm");
        command.add(Integer.toString(warmWorkers));
        command.addAll(engine.poolArgs());
        return command;
    }

    private List<String> base() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(engine.runPrefix());
        return command;
    }

    private static Path extract(String resource, Path dir, String suffix) {
        Path plain = NodeHost.extract(resource, dir);
        if (plain.toString().endsWith(suffix)) {
            return plain;
        }
        Path renamed = dir.resolve(plain.getFileName().toString().replaceFirst("\\.js$", suffix));
        try {
            return Files.move(plain, renamed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + plain + " to " + renamed, e);
        }
    }
}
