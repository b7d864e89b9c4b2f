package dev.pywasm.compat.host.chromium;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.impl.driver.Driver;
import dev.pywasm.compat.exec.Daemons;
import dev.pywasm.compat.exec.ProbeZone;
import dev.pywasm.compat.exec.ProcessTree;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.runtime.SetupException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * Debian's Firefox behind Playwright's own browser server, spoken to over WebDriver BiDi: the Playwright
 * driver bundled in the playwright-java jar, run as {@code launch-server --browser _bidiFirefox} with a
 * config naming the binary, prints the WebSocket endpoint that {@code playwright.firefox().connect()}
 * takes. Client and server come from the same jar, so their versions always match; Playwright's own
 * patched Firefox is never downloaded ({@code run-server} would ignore the binary). The server and the
 * browser it starts are one process tree, killed by handle on {@link #close()}.
 */
final class FirefoxServer implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String wsEndpoint;

    private FirefoxServer(Process process, String wsEndpoint) {
        this.process = process;
        this.wsEndpoint = wsEndpoint;
    }

    /** Starts the server for {@code firefox} (headless, on 127.0.0.1) and waits for its endpoint. */
    static FirefoxServer start(Path firefox, Path workDir) {
        Process process;
        StringBuilder said = new StringBuilder();
        try {
            Files.createDirectories(workDir);
            Path config = Files.createTempFile(workDir, "firefox-server-", ".json");
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("executablePath", firefox.toString());
            options.put("headless", true);
            options.put("host", "127.0.0.1");
            options.put("timeout", START_TIMEOUT.toMillis());
            JSON.writeValue(config.toFile(), options);
            ProcessBuilder pb = Driver.ensureDriverInstalled(BrowserTarget.DRIVER_ENV, false).createProcessBuilder();
            pb.command().addAll(List.of("launch-server", "--browser", "_bidiFirefox", "--config", config.toString()));
            pb.environment().putAll(BrowserTarget.DRIVER_ENV);
            // The probes' time zone: Firefox over BiDi does not apply a context's timezoneId, but the
            // browser the server starts inherits its environment (see ProbeZone).
            pb.environment().putAll(ProbeZone.ENV);
            pb.redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            throw new SetupException("cannot start Playwright's browser server for Firefox (" + firefox + "): " + e.getMessage(), e);
        }
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Process p = process;
        Daemons.start("pywasm-firefox-server", () -> {
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
                throw new SetupException("Playwright's browser server did not start Firefox (" + firefox + "); it said:\n"
                        + TailBuffer.lastLines(said.toString(), 10, 300));
            }
            return new FirefoxServer(process, ws);
        } catch (TimeoutException e) {
            ProcessTree.kill(process);
            throw new SetupException("Firefox (" + firefox + ") did not start within " + START_TIMEOUT.toSeconds()
                    + " s; Playwright's browser server said:\n" + TailBuffer.lastLines(said.toString(), 10, 300), e);
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while Firefox started", e);
        } catch (ExecutionException | SetupException e) {
            ProcessTree.kill(process);
            throw e instanceof SetupException s ? s : new SetupException("cannot start Firefox: " + e.getCause(), e);
        }
    }

    String wsEndpoint() {
        return wsEndpoint;
    }

    @Override
    public void close() {
        ProcessTree.kill(process);
    }
}
