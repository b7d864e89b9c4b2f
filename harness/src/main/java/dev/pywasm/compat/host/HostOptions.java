package dev.pywasm.compat.host;

import dev.pywasm.compat.host.chromium.ChromiumHost;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How to find and drive the hosts, for every host at once: the binaries, how each host isolates
 * its probes, and the benchmark's pool knobs. Chained setters, like playwright-java's options; a
 * call site shows only what differs from the defaults, and each getter's Javadoc states its default.
 * A host reads only its own fields.
 */
public final class HostOptions {

    private String node;
    private String emcc;
    private String python;
    private NodeHost.Isolation nodeIsolation = NodeHost.Isolation.fromEnvironment();
    private int probesPerPool = 1;
    private int warmWorkers = 2;
    private String chromium;
    private String cdpEndpoint;
    private ChromiumHost.Isolation chromiumIsolation = ChromiumHost.Isolation.fromEnvironment();
    private java.nio.file.Path cache;
    private String npm;
    private final java.util.Map<String, String> engineBinaries = new java.util.HashMap<>();

    /**
     * A setting named by a lower-case word ({@code worker}, {@code page}); an unknown word is an error
     * that lists the known ones.
     *
     * @param what the setting, for the error, e.g. {@code node isolation}
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "' (known: " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
    }

    /** A setting from the system property {@code property}, else the environment variable {@code env}, else {@code fallback}. */
    public static <E extends Enum<E>> E fromEnvironment(Class<E> type, String property, String env, E fallback, String what) {
        String v = System.getProperty(property, System.getenv(env));
        return v == null || v.isBlank() ? fallback : parse(type, v, what);
    }

    /**
     * The emcc the emcc host checks; default null: {@code $EMSDK/upstream/emscripten/emcc}, else {@code emcc} on
     * PATH. Set with {@code --emsdk} (see {@code runtime.Toolchain}) so that the host checks the compiler that
     * built the runtimes.
     */
    public String emcc() {
        return emcc;
    }

    public HostOptions setEmcc(String emcc) {
        this.emcc = emcc;
        return this;
    }

    /** The CPython the native control host runs; default null: {@code python3} on PATH. */
    public String python() {
        return python;
    }

    public HostOptions setPython(String python) {
        this.python = python;
        return this;
    }

    /** The node binary; default null: {@code node} on PATH. */
    public String node() {
        return node;
    }

    public HostOptions setNode(String node) {
        this.node = node;
        return this;
    }

    /**
     * How the node host gives each probe a fresh runtime; default {@link NodeHost.Isolation#fromEnvironment()}
     * ({@code -Dpywasm.node-isolation}, {@code PYWASM_COMPAT_NODE_ISOLATION}, else a pooled worker).
     */
    public NodeHost.Isolation nodeIsolation() {
        return nodeIsolation;
    }

    public HostOptions setNodeIsolation(NodeHost.Isolation isolation) {
        this.nodeIsolation = isolation == null ? NodeHost.Isolation.WORKER : isolation;
        return this;
    }

    /**
     * How many probes one node pool process runs at once; default 1: a process per probe running at
     * once, so that even a probe that kills its process costs only itself.
     */
    public int probesPerPool() {
        return probesPerPool;
    }

    public HostOptions setProbesPerPool(int probesPerPool) {
        if (probesPerPool < 1) {
            throw new IllegalArgumentException("--probes-per-pool must be 1 or more, got " + probesPerPool);
        }
        this.probesPerPool = probesPerPool;
        return this;
    }

    /**
     * How many fresh runtimes each node pool (and each deno or bun pool, and each page of the chromium hosts) keeps
     * restored ahead, beyond those busy; default 2 ({@code --warm-workers}, {@code -Dpywasm.warm-workers}). Each is handed exactly one probe
     * and then discarded; the next starts restoring as soon as one is handed over. 0: each probe waits for its
     * own restore.
     */
    public int warmWorkers() {
        return warmWorkers;
    }

    public HostOptions setWarmWorkers(int warmWorkers) {
        if (warmWorkers < 0) {
            throw new IllegalArgumentException("--warm-workers must be 0 or more, got " + warmWorkers);
        }
        this.warmWorkers = warmWorkers;
        return this;
    }

    /** The Chromium binary; default null: {@code PYWASM_CHROMIUM}, then {@code /usr/bin/chromium} (installed when missing and root). */
    public String chromium() {
        return chromium;
    }

    public HostOptions setChromium(String chromium) {
        this.chromium = chromium;
        return this;
    }

    /** A running browser's DevTools URL to use instead of launching one; default null: {@code PYWASM_CDP_ENDPOINT}, else launch. */
    public String cdpEndpoint() {
        return cdpEndpoint;
    }

    public HostOptions setCdpEndpoint(String cdpEndpoint) {
        this.cdpEndpoint = cdpEndpoint;
        return this;
    }

    /**
     * How the chromium hosts give each probe a fresh runtime; default {@link ChromiumHost.Isolation#fromEnvironment()}
     * ({@code -Dpywasm.chromium-isolation}, {@code PYWASM_COMPAT_CHROMIUM_ISOLATION}, else a fresh Web Worker).
     */
    public ChromiumHost.Isolation chromiumIsolation() {
        return chromiumIsolation;
    }

    public HostOptions setChromiumIsolation(ChromiumHost.Isolation isolation) {
        this.chromiumIsolation = isolation == null ? ChromiumHost.Isolation.WORKER : isolation;
        return this;
    }

    /** The cache engines installed on demand go into ({@code <cache>/engines}); default null: none (name the binaries). */
    public java.nio.file.Path cache() {
        return cache;
    }

    public HostOptions setCache(java.nio.file.Path cache) {
        this.cache = cache;
        return this;
    }

    /** The npm that installs engines into the cache; default null: {@code npm} on PATH. */
    public String npm() {
        return npm;
    }

    public HostOptions setNpm(String npm) {
        this.npm = npm;
        return this;
    }

    /**
     * The binary of a JavaScript engine host ({@code deno}, {@code bun}, see {@link JsEngine}); default null:
     * its environment variable ({@code PYWASM_DENO}, {@code PYWASM_BUN}), else the pinned version from npm in the cache.
     */
    public String engineBinary(String engine) {
        return engineBinaries.get(engine);
    }

    public HostOptions setEngineBinary(String engine, String binary) {
        if (binary == null) {
            engineBinaries.remove(engine);
        } else {
            engineBinaries.put(engine, binary);
        }
        return this;
    }
    private final java.util.Map<String, String> browserServers = new java.util.TreeMap<>();
    private int browserJobs;

    /**
     * The running Playwright browser servers to use instead of launching browsers, per browser ({@code chromium}:
     * the three chromium hosts; {@code firefox}: both firefox hosts), e.g. {@code chromium=ws://127.0.0.1:9300/x}
     * ({@code --browser-server}, started by {@code pywasm-compat browser-server}); default empty: launch.
     */
    public java.util.Map<String, String> browserServers() {
        return java.util.Collections.unmodifiableMap(browserServers);
    }

    /** Checks each entry: a browser a server can serve and a {@code ws://} or {@code wss://} URL, else names the flag. */
    public HostOptions setBrowserServers(java.util.Map<String, String> servers) {
        browserServers.clear();
        if (servers == null) {
            return this;
        }
        servers.forEach((browser, url) -> {
            if (!java.util.List.of("chromium", "firefox").contains(browser)) {
                throw new IllegalArgumentException("--browser-server " + browser + "=" + url + ": the browser is chromium"
                        + " or firefox (webkit runs over WebDriver, without Playwright's server)");
            }
            if (url == null || !url.matches("wss?://\\S+")) {
                throw new IllegalArgumentException("--browser-server " + browser + "=" + url + ": not a ws:// URL (what "
                        + "./pywasm-compat browser-server --browser " + browser + " prints)");
            }
            browserServers.put(browser, url);
        });
        return this;
    }

    /**
     * At most this many probes in browsers at once, across every browser host of the run, whatever {@code --jobs}
     * allows (a probe waiting for a browser holds its job meanwhile); default 0: only {@code --jobs} bounds them.
     */
    public int browserJobs() {
        return browserJobs;
    }

    public HostOptions setBrowserJobs(int browserJobs) {
        if (browserJobs < 0) {
            throw new IllegalArgumentException("--browser-jobs must be 0 (no bound of its own) or more, got " + browserJobs);
        }
        this.browserJobs = browserJobs;
        return this;
    }
}
