package dev.pywasm.compat.host;

import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node.js as a host: each probe runs in a fresh {@code node} process (the isolation baseline), with
 * the flags the README's command line asks for where this Node accepts them.
 */
public final class NodeHost implements Host {

    /** The flags of the README's {@code node --experimental-wasm-threads --experimental-wasm-bulk-memory python.js}. */
    public static final List<String> README_FLAGS = List.of("--experimental-wasm-threads", "--experimental-wasm-bulk-memory");
    /** Pyodide's own minimum. */
    public static final int MIN_MAJOR = 18;

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Duration PROBE_FLAG_TIMEOUT = Duration.ofSeconds(30);

    private final String node;
    private final HostIdentity identity;
    private final Path workDir;
    private final Path driver;

    private NodeHost(String node, HostIdentity identity, Path workDir) {
        this.node = node;
        this.identity = identity;
        this.workDir = workDir;
        this.driver = extract("node/pyodide-driver.js", workDir);
    }

    /**
     * Finds {@code node} (the given path, or on PATH), checks its version and which README flags it
     * accepts. {@code workDir} holds the driver script and the probe programs.
     */
    public static NodeHost detect(String node, Path workDir) {
        String binary = node == null ? "node" : node;
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
        return new NodeHost(binary, new HostIdentity("node", m.group(), accepted, rejected, notes), workDir);
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
    public HostSession open(RuntimeImage image) {
        if (!"pyodide".equals(image.kind())) {
            throw new SetupException("the node host cannot run runtime kind '" + image.kind() + "' yet");
        }
        return (program, timeout) -> {
            Path file = write(program);
            try {
                List<String> command = new ArrayList<>();
                command.add(node);
                command.addAll(identity.acceptedFlags());
                command.add(driver.toString());
                command.add(image.root().toString());
                command.add(file.toString());
                return ProcessRunner.run(command, timeout, workDir, null);
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the work directory is temporary anyway
                }
            }
        };
    }

    private Path write(ProbeProgram program) {
        try {
            Path file = Files.createTempFile(workDir, "probe-", ".py");
            Files.writeString(file, program.program());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write probe program into " + workDir, e);
        }
    }

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
