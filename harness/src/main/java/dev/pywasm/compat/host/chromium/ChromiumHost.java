package dev.pywasm.compat.host.chromium;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.browser.Attachments;
import dev.pywasm.compat.host.browser.OpenSessions;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Chromium as a host, in one of the {@link ServeMode}s: host ids {@code chromium} (the README's
 * recommended hosting, cross-origin isolated), {@code chromium-plain} (no isolation headers) and
 * {@code chromium-badmime} (wrong MIME types for the runtime's JavaScript and WASM). Each probe runs
 * on a fresh Pyodide in a fresh Web Worker of a headless Chromium page served from 127.0.0.1, or, for
 * CPython's own browser build, on a fresh {@code python.js} in a new browser context and page.
 */
public final class ChromiumHost implements Host, Benchmarked {

    /** How a probe is kept apart from the others. */
    public enum Isolation {
        /**
         * A fresh dedicated Web Worker per probe in a long-lived page, restoring a memory snapshot of a
         * freshly started Pyodide into the page's compiled module (loading from scratch when the runtime
         * cannot snapshot); origin storage is cleared before each probe.
         */
        WORKER,
        /**
         * A new browser context and page per probe (cold caches, new renderer) whose worker loads
         * Pyodide from scratch: what a fresh visitor gets; the benchmark's naive baseline.
         */
        PAGE;

        /** The default: {@code PYWASM_COMPAT_CHROMIUM_ISOLATION} ({@code worker} or {@code page}) when set, else WORKER. */
        public static Isolation fromEnvironment() {
            return HostOptions.fromEnvironment(Isolation.class, "pywasm.chromium-isolation",
                    "PYWASM_COMPAT_CHROMIUM_ISOLATION", WORKER, "chromium isolation");
        }

        public static Isolation parse(String name) {
            return HostOptions.parse(Isolation.class, name, "chromium isolation");
        }
    }

    private final ServeMode mode;
    private final BrowserTarget target;
    private final HostIdentity identity;
    private final boolean freshContextPerProbe;
    private final Path attachments;
    private final OpenSessions sessions = new OpenSessions();
    private final int warmWorkers;

    private ChromiumHost(ServeMode mode, BrowserTarget target, HostIdentity identity, boolean freshContextPerProbe,
            Path attachments, int warmWorkers) {
        this.mode = mode;
        this.target = target;
        this.identity = identity;
        this.freshContextPerProbe = freshContextPerProbe;
        this.attachments = attachments;
        this.warmWorkers = warmWorkers;
    }

    /**
     * Finds (or installs) the browser and reads its version; launches nothing yet.
     *
     * @param options     the browser ({@link HostOptions#chromium()}, {@link HostOptions#cdpEndpoint()}) and the isolation
     * @param attachments where screenshots and logs of failed runs go; null: nowhere
     */
    public static ChromiumHost create(ServeMode mode, HostOptions options, Path attachments, PrintStream progress) {
        String endpoint = options.cdpEndpoint() != null && !options.cdpEndpoint().isBlank() ? options.cdpEndpoint()
                : System.getenv(BrowserTarget.CDP_ENV);
        BrowserTarget target;
        String version;
        dev.pywasm.compat.host.browser.BrowserSlots.limit(options.browserJobs());
        String server = options.browserServers().get("chromium");
        if (server != null) {
            target = BrowserTarget.server(BrowserTarget.Engine.CHROMIUM, server);
            version = target.serverVersion();
        } else if (endpoint != null && !endpoint.isBlank()) {
            target = new BrowserTarget(null, endpoint);
            version = remoteVersion(endpoint);
        } else {
            Path binary = ChromiumInstall.locate(options.chromium(), progress);
            target = new BrowserTarget(binary, null);
            version = ChromiumInstall.version(binary);
        }
        boolean fresh = options.chromiumIsolation() == Isolation.PAGE;
        String notes = target.describe() + (target.cdpEndpoint() != null ? ", over CDP"
                : target.wsEndpoint() != null ? " (Playwright's, shared)" : ", headless")
                + "; runtime served from 127.0.0.1 " + serving(mode) + "; "
                + (fresh ? "a new browser context, page and worker per probe, Pyodide loaded from scratch"
                        : "a fresh Web Worker per probe restoring a memory snapshot of a freshly started Pyodide "
                                + "(loaded from scratch when the runtime cannot snapshot), origin storage cleared before each")
                + "; CPython's browser build: a new browser context and page per probe loading its python.js";
        return new ChromiumHost(mode, target, new HostIdentity(mode.hostId(), version, List.of(), List.of(), notes),
                fresh, attachments, options.warmWorkers());
    }

    static String serving(ServeMode mode) {
        return (mode.isolated() ? "with COOP same-origin, COEP require-corp, CORP same-origin" : "without isolation headers")
                + (mode.correctMime() ? ", correct MIME types" : ", JavaScript as text/plain and WASM as application/octet-stream");
    }

    private static String remoteVersion(String endpoint) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String base = endpoint.replaceFirst("^ws", "http").replaceFirst("/devtools/.*$", "").replaceAll("/+$", "");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/json/version"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            String browser = new ObjectMapper().readTree(r.body()).path("Browser").asText("");
            return browser.contains("/") ? browser.substring(browser.indexOf('/') + 1) : browser;
        } catch (Exception e) {
            throw new SetupException("cannot read the browser version from " + endpoint + "/json/version ("
                    + BrowserTarget.CDP_ENV + "): " + e + "; check the browser runs with --remote-debugging-port", e);
        }
    }

    @Override
    public String id() {
        return mode.hostId();
    }

    @Override
    public HostIdentity identity() {
        return identity;
    }

    @Override
    public Optional<String> cannotRun(RuntimeImage image) {
        return switch (image.kind()) {
            case PYODIDE -> Optional.empty();
            case CPYTHON_SOURCE -> CPythonPage.notABrowserBuild(image.root());
        };
    }

    /**
     * A session on {@code image}: Pyodide in fresh Web Workers of long-lived pages ({@link ChromiumSession}),
     * or CPython's browser build in a fresh context and page per probe ({@link CPythonSession}).
     */
    @Override
    public HostSession open(RuntimeImage image) {
        cannotRun(image).ifPresent(why -> {
            throw new SetupException(why);
        });
        if (image.kind() == RuntimeKind.CPYTHON_SOURCE) {
            return sessions.add(new CPythonSession(target, RuntimeServer.start(image.root(), mode), attachments(image)));
        }
        return openPyodide(image, freshContextPerProbe);
    }

    /** A session on a Pyodide distribution: fresh Web Workers of long-lived pages, or a new context and page per probe. */
    private ChromiumSession openPyodide(RuntimeImage image, boolean freshContext) {
        if (image.kind() != RuntimeKind.PYODIDE) {
            throw new IllegalArgumentException("not a Pyodide distribution: " + image.id() + " (" + image.kind() + ")");
        }
        return sessions.add(new ChromiumSession(target, RuntimeServer.start(image.root(), mode), freshContext,
                attachments(image), warmWorkers));
    }

    @Override
    public Labels benchLabels() {
        return new Labels(id() + " " + identity.version() + (mode.isolated() ? " (cross-origin isolated)" : ""),
                "naive  fresh page + load", "ours   warm worker + snapshot", "restore snapshot restore in a worker",
                "floor  instantiate + copy heap, worker", "page + snapshot + first probe (ms)", "page", "worker");
    }

    @Override
    public HostSession naiveSession(RuntimeImage image) {
        return openPyodide(image, true);
    }

    @Override
    public HostSession oursSession(RuntimeImage image) {
        return openPyodide(image, false);
    }

    /**
     * Snapshot restores one after the other in one page of {@code ours}, then the instantiate-and-copy floor in a
     * worker of that page (the compiled module the page shares with its workers, the snapshot heap copied into a new
     * instance's memory); fails when the runtime cannot be snapshotted here.
     */
    @Override
    public Floor floor(RuntimeImage image, HostSession ours, int samples) {
        return ((ChromiumSession) ours).measureFloor(samples);
    }

    @Override
    public void useIsolation(HostOptions options, boolean naive) {
        options.setChromiumIsolation(naive ? Isolation.PAGE : Isolation.WORKER);
    }

    private Attachments attachments(RuntimeImage image) {
        return new Attachments(attachments == null ? null : attachments.resolve(image.id()).resolve(id()), "pywasm-chromium");
    }


    @Override
    public void close() {
        sessions.closeAll();
    }
}
