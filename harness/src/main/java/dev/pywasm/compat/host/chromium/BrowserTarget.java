package dev.pywasm.compat.host.chromium;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import dev.pywasm.compat.runtime.SetupException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The browser probes run in: a local Chromium binary that Playwright launches headless, a running
 * browser reached over the DevTools protocol ({@code PYWASM_CDP_ENDPOINT}, e.g.
 * {@code http://127.0.0.1:9222}), a local Firefox binary behind Playwright's browser server,
 * spoken to over WebDriver BiDi ({@link BrowserServer}), or a browser behind a Playwright browser server
 * that is already running ({@code --browser-server chromium=ws://...}, shared by several runs). A remote
 * browser must be able to reach this machine's 127.0.0.1, where the runtime server listens, so in practice it
 * runs on the same machine (or in the same Kubernetes pod, a sidecar: one network namespace).
 *
 * @param engine     which browser engine
 * @param executable the browser binary, or null when connecting
 * @param cdpEndpoint the DevTools URL, or null
 * @param wsEndpoint a Playwright browser server's endpoint ({@code ws://...}), or null
 */
public record BrowserTarget(Engine engine, Path executable, String cdpEndpoint, String wsEndpoint) {

    /** The browser engines Playwright drives here. */
    public enum Engine {
        /** Chromium (Blink, V8), launched by Playwright or reached over CDP. */
        CHROMIUM,
        /** Firefox (Gecko, SpiderMonkey) over WebDriver BiDi. */
        FIREFOX
    }

    /** The Firefox servers of the browsers this JVM opened, killed with their browser (or at exit at the latest). */
    private static final Map<Browser, BrowserServer> SERVERS = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SERVERS.values().forEach(BrowserServer::close),
                "pywasm-firefox-servers"));
    }

    /** A Chromium target. */
    public BrowserTarget(Path executable, String cdpEndpoint) {
        this(Engine.CHROMIUM, executable, cdpEndpoint, null);
    }

    /** A Firefox binary to start behind Playwright's browser server. */
    public static BrowserTarget firefox(Path executable) {
        return new BrowserTarget(Engine.FIREFOX, executable, null, null);
    }

    /** A browser of {@code engine} behind a running Playwright browser server ({@code --browser-server}). */
    public static BrowserTarget server(Engine engine, String wsEndpoint) {
        return new BrowserTarget(engine, null, null, wsEndpoint);
    }

    /** The environment variable naming a DevTools endpoint to connect to instead of launching. */
    public static final String CDP_ENV = "PYWASM_CDP_ENDPOINT";

    /** Playwright must never download a browser: there is no network for it, and we bring our own. */
    static final Map<String, String> DRIVER_ENV = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

    public BrowserTarget {
        if ((executable != null ? 1 : 0) + (cdpEndpoint != null ? 1 : 0) + (wsEndpoint != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("a browser target is one of an executable, a CDP endpoint, a browser server");
        }
        if (engine == Engine.FIREFOX && cdpEndpoint != null) {
            throw new IllegalArgumentException("a Firefox target is an executable or a browser server");
        }
    }

    /** Starts a Playwright driver (each lane has its own: Playwright objects are single-threaded). */
    static Playwright playwright() {
        try {
            return Playwright.create(new Playwright.CreateOptions().setEnv(DRIVER_ENV));
        } catch (PlaywrightException e) {
            throw new SetupException("cannot start the Playwright driver: " + firstLine(e)
                    + "; check that this machine can run the Node binary Playwright unpacks into the temp directory", e);
        }
    }

    /** Launches or connects. */
    Browser open(Playwright playwright) {
        if (wsEndpoint != null) {
            return connect(playwright);
        }
        if (engine == Engine.FIREFOX) {
            return openFirefox(playwright);
        }
        try {
            if (cdpEndpoint != null) {
                return playwright.chromium().connectOverCDP(cdpEndpoint);
            }
            boolean root = ChromiumInstall.isRoot();
            return playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    // Playwright adds --no-sandbox unless asked for the sandbox: keep it for non-root users.
                    .setChromiumSandbox(!root)
                    .setArgs(ChromiumInstall.args())
                    .setTimeout(60_000));
        } catch (PlaywrightException e) {
            throw new SetupException(cdpEndpoint != null
                    ? "cannot connect to the browser at " + cdpEndpoint + " (" + CDP_ENV + "): " + firstLine(e)
                            + "; start it with --remote-debugging-port or unset " + CDP_ENV
                    : launchFailure("", e), e);
        }
    }

    /** Why launching {@link #executable} failed ({@code with}: what else the launch had, or empty) and what to do. */
    private String launchFailure(String with, PlaywrightException e) {
        return "cannot launch Chromium at " + executable + with + ": " + firstLine(e) + "; set " + ChromiumInstall.ENV
                + " to a working Chromium/Chrome binary (or " + CDP_ENV + " to a running one)";
    }

    /** Whether {@link #openPersistent} applies: a Chromium binary this JVM launches (not a CDP endpoint or a server). */
    boolean persistable() {
        return engine == Engine.CHROMIUM && executable != null;
    }

    /**
     * Launches Chromium with an on-disk profile in {@code profile} (an empty directory this lane owns and deletes): its
     * one context is a persistent one, so Chromium keeps the V8 code cache of the scripts its pages and workers load
     * (Pyodide's runtime JavaScript), which an off-the-record context never does; see BrowserLane.
     */
    BrowserContext openPersistent(Playwright playwright, Path profile, String timezoneId) {
        try {
            return playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setChromiumSandbox(!ChromiumInstall.isRoot()) // as for launch: the sandbox unless root
                    .setArgs(ChromiumInstall.args())
                    .setTimezoneId(timezoneId)
                    .setTimeout(60_000));
        } catch (PlaywrightException e) {
            throw new SetupException(launchFailure(" with the profile " + profile, e), e);
        }
    }

    /**
     * Connects to the running browser server. One that is gone (stopped, or its browser died) fails the probe that
     * asked, as a harness failure: that cell's ERROR, rerun as any surprising verdict is, never HOLDS or STALE.
     */
    private Browser connect(Playwright playwright) {
        try {
            return (engine == Engine.CHROMIUM ? playwright.chromium() : playwright.firefox()).connect(wsEndpoint,
                    new BrowserType.ConnectOptions().setTimeout(60_000));
        } catch (PlaywrightException e) {
            throw new SetupException("cannot connect to the browser server at " + wsEndpoint + " (--browser-server "
                    + browserName() + "=...): " + firstLine(e) + "; is it running? Start one with ./pywasm-compat "
                    + "browser-server --browser " + browserName(), e);
        }
    }

    /** {@code chromium} or {@code firefox}, as {@code --browser-server} names it. */
    String browserName() {
        return engine.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The browser's version as the browser server's browser reports it (a connection made for that). */
    String serverVersion() {
        try (Playwright playwright = playwright()) {
            Browser browser = connect(playwright);
            try {
                return browser.version();
            } finally {
                browser.close();
            }
        }
    }

    private Browser openFirefox(Playwright playwright) {
        BrowserServer server = BrowserServer.start(executable, Path.of(System.getProperty("java.io.tmpdir")));
        try {
            Browser browser = playwright.firefox().connect(server.wsEndpoint(),
                    new BrowserType.ConnectOptions().setTimeout(BrowserServer.START_TIMEOUT.toMillis()));
            SERVERS.put(browser, server);
            return browser;
        } catch (PlaywrightException e) {
            server.close();
            throw new SetupException("cannot connect to Firefox (" + executable + ") at " + server.wsEndpoint() + ": "
                    + firstLine(e), e);
        }
    }

    /** Stops what {@link #open} started for {@code browser} beyond Playwright's own driver (Firefox's server). */
    static void release(Browser browser) {
        BrowserServer server = SERVERS.remove(browser);
        if (server != null) {
            server.close();
        }
    }

    /** For messages: what the browser is. */
    String describe() {
        return cdpEndpoint != null ? "browser at " + cdpEndpoint
                : wsEndpoint != null ? "browser server at " + wsEndpoint : executable.toString();
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        // The driver's errors read "Error {\n  message='WebSocket error: connect ECONNREFUSED ...\n  name=..." : say the message.
        java.util.regex.Matcher driver = java.util.regex.Pattern.compile("^Error \\{\\s+message='([^'\n]*)").matcher(m);
        if (driver.find()) {
            return driver.group(1).strip();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
