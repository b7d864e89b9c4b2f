package dev.pywasm.compat.host.chromium;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pywasm.compat.exec.Daemons;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback web server for one runtime image: the runtime's files under {@code /pyodide/} (a Pyodide
 * distribution, or the build directory of CPython's browser target) and the harness's probe pages and
 * worker under {@code /harness/}. It binds to 127.0.0.1 on an ephemeral
 * port (nothing outside this machine can reach it; 127.0.0.1 is a secure context, so only the
 * headers decide cross-origin isolation), serves GET and HEAD only, and refuses any path that could
 * leave its two roots. The {@link ServeMode} decides the isolation headers and MIME types.
 */
public final class RuntimeServer implements AutoCloseable {

    /** The harness files the page needs, served from the class path. */
    static final Set<String> HARNESS_FILES = Set.of("probe.html", "probe-page.js", "probe-worker.js",
            "wasm-floor.js", "bytecode-cache.js", "wrapper-modules.js", CPythonPage.PAGE, "cpython-page.js");
    /** How every file is served: from the browser's HTTP cache once fetched (a day, longer than any run). */
    static final String CACHEABLE = "public, max-age=86400";
    /** Where the runtime's files are served. */
    public static final String RUNTIME_PREFIX = "/pyodide/";
    /** Where the harness's page and worker are served. */
    public static final String HARNESS_PREFIX = "/harness/";

    private final HttpServer server;
    private final ExecutorService threads;
    private final Path root;
    private final ServeMode mode;

    private RuntimeServer(HttpServer server, ExecutorService threads, Path root, ServeMode mode) {
        this.server = server;
        this.threads = threads;
        this.root = root;
        this.mode = mode;
    }

    /** Starts serving {@code runtimeRoot} in {@code mode}. */
    public static RuntimeServer start(Path runtimeRoot, ServeMode mode) {
        Path root;
        try {
            root = runtimeRoot.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("runtime directory not found: " + runtimeRoot, e);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for the runtime server", e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(8, Daemons.named("pywasm-http"));
        server.setExecutor(threads);
        RuntimeServer rs = new RuntimeServer(server, threads, root, mode);
        server.createContext("/", rs::handle);
        server.start();
        return rs;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The URL of the probe page. */
    public String pageUrl() {
        return origin() + HARNESS_PREFIX + "probe.html";
    }

    /** The URL Pyodide's {@code indexURL} points at (ends with a slash). */
    public String runtimeUrl() {
        return origin() + RUNTIME_PREFIX;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public ServeMode mode() {
        return mode;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            mode.headers().forEach(ex.getResponseHeaders()::set);
            String method = ex.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                text(ex, 405, "method not allowed");
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            if (!safe(path)) {
                text(ex, 403, "refused: path outside the served directories");
                return;
            }
            if (path.startsWith(HARNESS_PREFIX)) {
                serveHarness(ex, path.substring(HARNESS_PREFIX.length()));
            } else if (path.startsWith(RUNTIME_PREFIX)) {
                serveRuntime(ex, path.substring(RUNTIME_PREFIX.length()));
            } else {
                text(ex, 404, "not found");
            }
        }
    }

    /**
     * True when a raw request path cannot escape a root: no dot segments, no encoded separators or
     * dots, no backslashes, no empty segments. Everything the page asks for is plain names.
     */
    static boolean safe(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.contains("\\") || rawPath.contains("%")
                || rawPath.contains("//") || rawPath.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private void serveHarness(HttpExchange ex, String name) throws IOException {
        if (!HARNESS_FILES.contains(name)) {
            text(ex, 404, "not found");
            return;
        }
        byte[] body;
        try (InputStream in = RuntimeServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("harness resource missing: " + name);
            }
            body = in.readAllBytes();
        }
        ex.getResponseHeaders().set("Content-Type", mode.contentType(name, false));
        // Class path resources do not change while the server runs (and a server's port, so its origin, is its own):
        // each new worker takes probe-worker.js and the scripts it imports from the HTTP cache, not over the loopback.
        ex.getResponseHeaders().set("Cache-Control", CACHEABLE);
        send(ex, 200, body.length, out -> out.write(body));
    }

    private void serveRuntime(HttpExchange ex, String relative) throws IOException {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            text(ex, 404, "not found");
            return;
        }
        if (!file.toRealPath().startsWith(root)) {
            text(ex, 403, "refused: link out of the served directory");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", mode.contentType(file.getFileName().toString(), true));
        // Cacheable, so the browser's HTTP and code caches make the next probe's load cheaper.
        ex.getResponseHeaders().set("Cache-Control", CACHEABLE);
        send(ex, 200, Files.size(file), out -> Files.copy(file, out));
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void send(HttpExchange ex, int status, long length, Body body) throws IOException {
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (OutputStream out = ex.getResponseBody()) {
            body.write(out);
        }
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "text/plain; charset=utf-8");
        send(ex, status, body.length, out -> out.write(body));
    }

    /** Stops the server at once; in-flight requests are cut off. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
