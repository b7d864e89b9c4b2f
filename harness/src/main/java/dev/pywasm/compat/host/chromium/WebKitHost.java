package dev.pywasm.compat.host.chromium;

import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.browser.AptBrowser;
import dev.pywasm.compat.host.browser.Attachments;
import dev.pywasm.compat.host.browser.OpenSessions;
import dev.pywasm.compat.host.browser.Xvfb;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * WebKit (JavaScriptCore) as a host: Debian's WebKitGTK MiniBrowser behind its W3C WebDriver server
 * {@code WebKitWebDriver}, driven by Selenium ({@link WebKitLane}) on a virtual display ({@link Xvfb}).
 * This is the WebKit engine, the closest to Safari that runs on Linux, but not Safari: the results say
 * WebKitGTK. Playwright drives only its own patched WebKit build, which cannot be downloaded here, hence
 * WebDriver. Same probe page as Chromium: a fresh Web Worker per probe restoring a memory snapshot,
 * storage cleared by script before each; served with the README's recommended hosting.
 */
public final class WebKitHost implements Host {

    /** Debian's WebKitGTK WebDriver ({@code --webkit}, {@code PYWASM_WEBKIT_DRIVER} name another). */
    public static final AptBrowser WEBKIT = new AptBrowser("WebKitWebDriver (WebKitGTK)", "PYWASM_WEBKIT_DRIVER",
            List.of(Path.of("/usr/bin/WebKitWebDriver")), List.of("webkit2gtk-driver", "xvfb"));
    static final List<Path> MINIBROWSER = List.of(Path.of("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"),
            Path.of("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser"), Path.of("/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser"));

    private final WebKitLane.Binaries binaries;
    private final HostIdentity identity;
    private final Path attachments;
    private final OpenSessions sessions = new OpenSessions();

    private WebKitHost(WebKitLane.Binaries binaries, HostIdentity identity, Path attachments) {
        this.binaries = binaries;
        this.identity = identity;
        this.attachments = attachments;
    }

    /**
     * Finds (or installs) the driver, MiniBrowser and Xvfb, and starts the browser once to read its version
     * from the engine: a browser that cannot start (binary or display missing) is one clear error here,
     * before any runtime starts.
     */
    public static WebKitHost create(HostOptions options, Path workDir, Path attachments, PrintStream progress) {
        Path driver = WEBKIT.locate(options.engineBinary("webkit"), "--webkit", progress);
        Path mini = MINIBROWSER.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new SetupException(
                "WebKitGTK's MiniBrowser not found (looked at " + MINIBROWSER + "): install it (Debian/Ubuntu: sudo "
                        + WEBKIT.installCommand() + ")"));
        Path xvfb = Xvfb.XVFB.locate(null, "PYWASM_XVFB", progress);
        WebKitLane.Binaries bin = new WebKitLane.Binaries(driver, mini, xvfb, workDir);
        String version;
        String agent;
        try (WebKitLane probe = WebKitLane.open(bin, null)) {
            version = probe.version();
            agent = probe.userAgent();
        }
        String notes = "WebKitGTK " + version + " (WebKit, JavaScriptCore; not Safari) MiniBrowser at " + mini + " on an Xvfb "
                + "display, over W3C WebDriver (" + driver + ", Selenium); user agent: " + agent + "; runtime served from "
                + "127.0.0.1 " + ChromiumHost.serving(ServeMode.ISOLATED) + "; a fresh Web Worker per probe restoring a memory "
                + "snapshot of a freshly started Pyodide (loaded from scratch when the runtime cannot snapshot), origin "
                + "storage cleared by script before each";
        return new WebKitHost(bin, new HostIdentity("webkit", version, List.of(), List.of(), notes), attachments);
    }

    @Override
    public String id() {
        return "webkit";
    }

    @Override
    public HostIdentity identity() {
        return identity;
    }

    @Override
    public Optional<String> cannotRun(RuntimeImage image) {
        return image.kind() == RuntimeKind.PYODIDE ? Optional.empty()
                : Optional.of("webkit runs Pyodide only (CPython's browser build is checked in Chromium)");
    }

    @Override
    public HostSession open(RuntimeImage image) {
        cannotRun(image).ifPresent(why -> {
            throw new SetupException(why);
        });
        RuntimeServer server = RuntimeServer.start(image.root(), ServeMode.ISOLATED);
        ChromiumSession session = new ChromiumSession(id(), server, false,
                new Attachments(attachments == null ? null : attachments.resolve(image.id()).resolve(id()), "pywasm-webkit"),
                () -> WebKitLane.open(binaries, server));
        return sessions.add(session);
    }

    @Override
    public void close() {
        sessions.closeAll();
    }
}
