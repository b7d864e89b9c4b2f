package dev.pywasm.compat.host.chromium;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.impl.driver.Driver;
import dev.pywasm.compat.exec.Daemons;
import dev.pywasm.compat.exec.ProbeZone;
import dev.pywasm.compat.exec.ProcessTree;
import dev.pywasm.compat.exec.TempFile;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.runtime.SetupException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A browser behind Playwright's own browser server: the Playwright driver bundled in the playwright-java jar,
 * run as {@code launch-server --browser chromium} (or {@code _bidiFirefox}: Firefox over WebDriver BiDi) with a
 * config naming the binary, prints the WebSocket endpoint that {@code BrowserType.connect()} takes. Client and
 * server come from the same jar, so their versions always match; Playwright's own browsers are never downloaded
 * ({@code run-server} would ignore the binary). The server listens on 127.0.0.1 only. The server and the browser
 * it starts are one process tree, killed by handle on {@link #close()}.
 *
 * <p>The firefox hosts start one per browser lane; {@code pywasm-compat browser-server} starts one that several
 * runs (the shards of one run on one machine, or a Kubernetes pod's shard container) share through {@code
 * --browser-server chromium=ws://...} (see {@link BrowserTarget#server}).
 */
public final class BrowserServer implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String wsEndpoint;
    /** The server's own directory (its config), deleted on close. */
    private final Path own;

    private BrowserServer(Process process, String wsEndpoint, Path own) {
        this.process = process;
        this.wsEndpoint = wsEndpoint;
        this.own = own;
    }

    /**
     * Finds (or installs, as the hosts do) the binary of {@code browser} ({@code chromium} or {@code firefox}, from
     * {@code options}) and starts a server for it, on {@code port} of 127.0.0.1 (0: any free port).
     */
    public static BrowserServer launch(String browser, HostOptions options, int port, String wsPath, Path workDir,
            PrintStream progress) {
        return switch (browser) {
            case "chromium" -> start(BrowserTarget.Engine.CHROMIUM, ChromiumInstall.locate(options.chromium(), progress),
                    port, wsPath, workDir);
            case "firefox" -> start(BrowserTarget.Engine.FIREFOX,
                    FirefoxHost.FIREFOX.locate(options.engineBinary("firefox"), "--firefox", progress), port, wsPath, workDir);
            default -> throw new IllegalArgumentException("--browser " + browser + ": a browser server serves chromium or"
                    + " firefox (webkit runs over WebDriver, without Playwright)");
        };
    }

    /** Starts the server for Firefox (headless, on 127.0.0.1, any port) and waits for its endpoint. */
    static BrowserServer start(Path firefox, Path workDir) {
        return start(BrowserTarget.Engine.FIREFOX, firefox, 0, null, workDir);
    }

    /**
     * Starts the server for {@code engine}'s {@code binary} (headless, on 127.0.0.1; {@code port} 0: any free one;
     * {@code wsPath} null: a random one) and waits for its endpoint.
     */
    static BrowserServer start(BrowserTarget.Engine engine, Path binary, int port, String wsPath, Path workDir) {
        String name = engine == BrowserTarget.Engine.CHROMIUM ? "Chromium" : "Firefox";
        Process process;
        StringBuilder said = new StringBuilder();
        Path own = null;
        try {
            Files.createDirectories(workDir);
            own = Files.createTempDirectory(workDir, "browser-server-");
            Path config = own.resolve("config.json");
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("executablePath", binary.toString());
            options.put("headless", true);
            options.put("host", "127.0.0.1");
            if (port > 0) {
                options.put("port", port);
            }
            if (wsPath != null) {
                options.put("wsPath", wsPath);
            }
            options.put("timeout", START_TIMEOUT.toMillis());
            if (engine == BrowserTarget.Engine.CHROMIUM) {
                // As BrowserTarget launches it: Playwright adds --no-sandbox unless asked for the sandbox.
                options.put("chromiumSandbox", !ChromiumInstall.isRoot());
                options.put("args", ChromiumInstall.args());
            }
            JSON.writeValue(config.toFile(), options);
            ProcessBuilder pb = Driver.ensureDriverInstalled(BrowserTarget.DRIVER_ENV, false).createProcessBuilder();
            pb.command().addAll(List.of("launch-server", "--browser",
                    engine == BrowserTarget.Engine.CHROMIUM ? "chromium" : "_bidiFirefox", "--config", config.toString()));
            pb.environment().putAll(BrowserTarget.DRIVER_ENV);
            // The probes' time zone: Firefox over BiDi does not apply a context's timezoneId, but the
            // browser the server starts inherits its environment (see ProbeZone).
            pb.environment().putAll(ProbeZone.ENV);
            pb.redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            TempFile.deleteTreeQuietly(own);
            throw new SetupException("cannot start Playwright's browser server for " + name + " (" + binary + "): "
                    + e.getMessage(), e);
        }
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Process p = process;
        Daemons.start("pywasm-browser-server", () -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!endpoint.isDone() && line.strip().startsWith("ws://")) {
                        endpoint.complete(line.strip());
                    } else if (said.length() < 8000) {
                        synchronized (said) {
                            said.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            endpoint.complete(null);
        });
        try {
            String ws = endpoint.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (ws == null) {
                throw new SetupException("Playwright's browser server did not start " + name + " (" + binary + "); it said:\n"
                        + TailBuffer.lastLines(said.toString(), 10, 300));
            }
            return new BrowserServer(process, ws, own);
        } catch (TimeoutException e) {
            stop(process, own);
            throw new SetupException(name + " (" + binary + ") did not start within " + START_TIMEOUT.toSeconds()
                    + " s; Playwright's browser server said:\n" + TailBuffer.lastLines(said.toString(), 10, 300), e);
        } catch (InterruptedException e) {
            stop(process, own);
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while " + name + " started", e);
        } catch (ExecutionException | SetupException e) {
            stop(process, own);
            throw e instanceof SetupException s ? s : new SetupException("cannot start " + name + ": " + e.getCause(), e);
        }
    }

    /** The endpoint {@code BrowserType.connect()} takes, {@code ws://127.0.0.1:PORT/ID}. */
    public String wsEndpoint() {
        return wsEndpoint;
    }

    /** Waits until the server's process ends (it was killed, or its browser died); returns its exit status. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Stops the server: SIGTERM to its process first, on which Playwright closes the browser and deletes its
     * temporary directories (its artifacts directory in the machine's TMPDIR: the browser's own TMPDIR cannot be
     * moved into a deep directory, Chromium's singleton socket path must stay short), then, after {@link #GRACE},
     * kills what is left of the tree by handle; then deletes the server's own directory (its config).
     */
    @Override
    public void close() {
        stop(process, own);
    }

    static final Duration GRACE = Duration.ofSeconds(5);

    private static void stop(Process process, Path own) {
        process.destroy();
        try {
            process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // killed below
        }
        ProcessTree.kill(process);
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // deleted below as far as it goes
        }
        TempFile.deleteTreeQuietly(own);
    }

    /** The server's own directory (its config), deleted on close. */
    Path directory() {
        return own;
    }
}
