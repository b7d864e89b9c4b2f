package dev.pywasm.compat.host.chromium;

import dev.pywasm.compat.host.Benchmarked;
import dev.pywasm.compat.exec.Limits;
import dev.pywasm.compat.exec.ProbeZone;
import dev.pywasm.compat.exec.ProcessTree;
import dev.pywasm.compat.exec.TailBuffer;
import dev.pywasm.compat.host.browser.Xvfb;
import dev.pywasm.compat.probe.ProbeOutput;
import dev.pywasm.compat.probe.ProbeProgram;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * One WebKitGTK MiniBrowser with the probe page open, driven over W3C WebDriver by Selenium's
 * {@link RemoteWebDriver} at a {@code WebKitWebDriver} this lane starts itself (so Selenium Manager is never
 * asked for a driver and downloads nothing), on an {@link Xvfb} display of its own. WebDriver has no
 * push channel from the page, so the lane polls the page's state ({@code window.pywasmState}) instead of
 * streaming lines; a page that stops answering costs the lane (it is unhealthy and replaced).
 */
final class WebKitLane implements PageLane {

    private static final Duration POLL = Duration.ofMillis(100);
    /** The lanes of this JVM still open: closed at exit at the latest, so no display or driver outlives a killed run. */
    private static final java.util.Set<WebKitLane> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(WebKitLane::close), "pywasm-webkit-lanes"));
    }
    private static final Duration DRIVER_START = Duration.ofSeconds(60);
    /**
     * Making the page's memory snapshot: JavaScriptCore takes several times V8's time for it, and on a loaded
     * machine more than the Playwright lanes' two minutes (measured: then every probe loaded from scratch).
     */
    static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(300);

    private final Xvfb display;
    private final Process driverProcess;
    private final RemoteWebDriver driver;
    private final RuntimeServer server;
    private boolean healthy = true;
    private volatile Map<String, Object> prepared;

    private WebKitLane(Xvfb display, Process driverProcess, RemoteWebDriver driver, RuntimeServer server) {
        this.display = display;
        this.driverProcess = driverProcess;
        this.driver = driver;
        this.server = server;
    }

    /** The binaries a lane needs. */
    record Binaries(Path webDriver, Path miniBrowser, Path xvfb, Path logDir) {
    }

    /** Starts a display, a driver and a browser session; opens the probe page when {@code server} is given. */
    static WebKitLane open(Binaries bin, RuntimeServer server) {
        Xvfb display = Xvfb.start(bin.xvfb(), bin.logDir());
        Process process = null;
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Files.createDirectories(bin.logDir());
            Path log = bin.logDir().resolve("webkitwebdriver-" + port + ".log");
            ProcessBuilder pb = new ProcessBuilder(bin.webDriver().toString(), "--port=" + port, "--host=local")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DISPLAY", display.display());
            // The probes' time zone (see ProbeZone): WebDriver has no time zone setting, MiniBrowser inherits it.
            pb.environment().putAll(ProbeZone.ENV);
            process = pb.start();
            waitForPort(port, process, log);
            MutableCapabilities caps = new MutableCapabilities();
            caps.setCapability("browserName", "MiniBrowser");
            caps.setCapability("webkitgtk:browserOptions", Map.of("binary", bin.miniBrowser().toString(),
                    "args", List.of("--automation")));
            RemoteWebDriver driver;
            try {
                driver = new RemoteWebDriver(URI.create("http://127.0.0.1:" + port).toURL(), caps);
            } catch (WebDriverException e) {
                throw new SetupException("WebKitWebDriver (" + bin.webDriver() + ") could not start MiniBrowser ("
                        + bin.miniBrowser() + ") on display " + display.display() + ": " + BrowserTarget.firstLine(e)
                        + "; the driver said: " + TailBuffer.lastLines(read(log), 5, 300)
                        + "; install or repair it (" + WebKitHost.WEBKIT.installCommand() + ")", e);
            }
            driver.manage().timeouts().scriptTimeout(PREPARE_TIMEOUT.plusSeconds(30));
            WebKitLane lane = new WebKitLane(display, process, driver, server);
            OPEN.add(lane);
            if (server != null) {
                lane.newContext();
            }
            return lane;
        } catch (IOException e) {
            ProcessTree.kill(process);
            display.close();
            throw new SetupException("cannot start WebKitWebDriver (" + bin.webDriver() + "): " + e.getMessage()
                    + "; install it (" + WebKitHost.WEBKIT.installCommand() + ")", e);
        } catch (RuntimeException e) {
            ProcessTree.kill(process);
            display.close();
            throw e;
        }
    }

    private static void waitForPort(int port, Process process, Path log) {
        long deadline = System.nanoTime() + DRIVER_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new SetupException("WebKitWebDriver ended before it listened on port " + port + ": "
                        + TailBuffer.lastLines(read(log), 5, 300));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                sleep(POLL);
            }
        }
        throw new SetupException("WebKitWebDriver did not listen on port " + port + " within " + DRIVER_START.toSeconds() + " s: "
                + TailBuffer.lastLines(read(log), 5, 300));
    }

    /** What the engine says it is: its browser version and user agent. */
    String version() {
        return driver.getCapabilities().getBrowserVersion();
    }

    String userAgent() {
        return String.valueOf(driver.executeScript("return navigator.userAgent"));
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    /** WebDriver has one browsing context per session here: a new context is the probe page loaded anew. */
    @Override
    public void newContext() {
        driver.get(server.pageUrl());
        prepared = null;
    }

    @Override
    public void reload() {
        driver.navigate().refresh();
        prepared = null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> prepare() {
        Map<String, Object> p = prepared;
        if (p != null) {
            return p;
        }
        try {
            Object made = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + " window.pywasmPrepare(arguments[0]).then(done, (e) => done({snapshot: false, note: String(e)}));",
                    Map.of("indexURL", server.runtimeUrl(), "timeoutMs", (int) PREPARE_TIMEOUT.toMillis()));
            prepared = (Map<String, Object>) made;
            return prepared;
        } catch (WebDriverException e) {
            healthy = false;
            throw new IllegalStateException("cannot prepare the probe page " + server.pageUrl() + ": "
                    + BrowserTarget.firstLine(e), e);
        }
    }

    @Override
    public String fastPathNote() {
        Map<String, Object> p = prepared;
        return p != null && p.get("note") != null ? String.valueOf(p.get("note")) : null;
    }

    @Override
    public Benchmarked.Floor measureFloor(int n) {
        prepare();
        return PageLane.floor(driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " window.pywasmFloor(arguments[0]).then(done);", Map.of("indexURL", server.runtimeUrl(), "n", n)));
    }

    @Override
    public LaneRun run(ProbeProgram program, Limits limits) {
        return run(program, limits, false);
    }

    @Override
    public void clearStorage() {
        driver.executeAsyncScript("const done = arguments[arguments.length - 1]; (" + BrowserLane.CLEAR_STORAGE.strip()
                + ")().then(() => done(null), () => done(null));");
    }

    @Override
    @SuppressWarnings("unchecked")
    public LaneRun run(ProbeProgram program, Limits limits, boolean plain) {
        if (!plain) {
            prepare();
        }
        long start = System.nanoTime();
        List<String> console = new ArrayList<>();
        try {
            driver.executeScript("window.pywasmRun(arguments[0]);", PageLane.runRequest(program, limits, server.runtimeUrl(), plain));
        } catch (WebDriverException e) {
            healthy = false;
            throw new IllegalStateException("cannot start the probe in the page " + server.pageUrl() + ": "
                    + BrowserTarget.firstLine(e), e);
        }
        long deadline = start + limits.total().toNanos();
        try {
            while (!Boolean.TRUE.equals(driver.executeScript("return !!(window.pywasmState && window.pywasmState.done);"))) {
                if (System.nanoTime() > deadline) {
                    healthy = false;
                    console.add("[harness] the page did not answer within its limits (" + limits.describe()
                            + "); the browser is closed");
                    Map<String, Object> partial = (Map<String, Object>) driver.executeScript("return window.pywasmState;");
                    return new LaneRun(strings(partial, "stdout"), strings(partial, "stderr"), console, true, false, Map.of(),
                            millis(start), outputLimit(partial));
                }
                sleep(POLL);
            }
            Map<String, Object> state = (Map<String, Object>) driver.executeScript("return window.pywasmState;");
            if (state.get("note") != null) {
                prepared = Map.of("snapshot", false, "note", String.valueOf(state.get("note")));
            }
            Map<String, Object> t = (Map<String, Object>) state.get("timings");
            return new LaneRun(strings(state, "stdout"), strings(state, "stderr"), console,
                    Boolean.TRUE.equals(state.get("timedOut")), state.get("fatal") != null, t == null ? Map.of() : t,
                    millis(start), outputLimit(state));
        } catch (WebDriverException e) {
            healthy = false;
            String what = BrowserTarget.firstLine(e);
            console.add("[harness] the page died: " + what);
            return new LaneRun(List.of(ProbeOutput.fatalLine("PageCrashed", what)), List.of(), console, false, true,
                    Map.of(), millis(start), null);
        }
    }

    /** The output limit the page ended the run at (the page keeps at most that much, see probe-page.js), or null. */
    private static Long outputLimit(Map<String, Object> state) {
        return state != null && state.get("outputLimit") instanceof Number n ? n.longValue() : null;
    }

    @Override
    public boolean screenshot(Path file) {
        if (!healthy) {
            return false;
        }
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return true;
        } catch (WebDriverException | IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        OPEN.remove(this);
        try {
            driver.quit();
        } catch (WebDriverException ignored) {
            // the driver's process tree goes below anyway
        } finally {
            ProcessTree.kill(driverProcess);
            display.close();
        }
    }

    private static List<String> strings(Map<String, Object> state, String key) {
        if (state == null || !(state.get(key) instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().map(String::valueOf).toList();
    }

    private static long millis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
