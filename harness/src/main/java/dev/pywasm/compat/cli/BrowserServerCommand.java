package dev.pywasm.compat.cli;

import dev.pywasm.compat.exec.TempFile;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.chromium.BrowserServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pywasm-compat browser-server --browser chromium}: a headless browser behind Playwright's own browser server,
 * on 127.0.0.1, for several runs to share ({@code run --browser-server chromium=URL}): prints its {@code ws://} URL on
 * stdout, then serves until it is stopped (SIGINT, SIGTERM: the server and its browser killed by handle) or its
 * browser dies (exit status 1).
 */
@Command(name = "browser-server", mixinStandardHelpOptions = true,
        description = {"Start a headless browser behind Playwright's browser server on 127.0.0.1 and print its ws:// URL; "
                + "runs share it with run --browser-server BROWSER=URL. Serves until stopped (Ctrl-C, SIGTERM)."})
public final class BrowserServerCommand implements Callable<Integer> {

    @Option(names = "--browser", paramLabel = "chromium|firefox", defaultValue = "chromium",
            description = "The browser to serve (default: chromium).")
    String browser;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "The port on 127.0.0.1 (default: any free one; the URL says which).")
    int port;

    @Option(names = "--ws-path", paramLabel = "PATH",
            description = "The URL's path, e.g. /pywasm, so that the URL is known before the server starts (a Kubernetes "
                    + "sidecar's); default: a random one, which only the printed URL knows.")
    String wsPath;

    @Option(names = "--chromium", paramLabel = "PATH", description = "The Chromium binary (as for run).")
    String chromium;

    @Option(names = "--firefox", paramLabel = "PATH", description = "The Firefox binary (as for run).")
    String firefox;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + ": not a port (0 for any free one)");
        }
        if (wsPath != null && !wsPath.matches("/[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("--ws-path " + wsPath + ": a path such as /pywasm (letters, digits, . _ ~ -)");
        }
        HostOptions options = new HostOptions().setChromium(chromium).setEngineBinary("firefox", firefox);
        Path work = Files.createTempDirectory("pywasm-browser-server-");
        BrowserServer server = BrowserServer.launch(browser, options, port, wsPath, work, System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            TempFile.deleteTreeQuietly(work);
        }, "pywasm-browser-server-stop"));
        System.out.println(server.wsEndpoint());
        System.out.flush();
        System.err.println("Serving " + browser + " at " + server.wsEndpoint() + " (127.0.0.1 only); use it with "
                + "./pywasm-compat run --browser-server " + browser + "=" + server.wsEndpoint() + "; stop with Ctrl-C");
        int status = server.waitFor();
        System.err.println("pywasm-compat: the browser server ended (exit status " + status + ")");
        return 1;
    }
}
