package dev.pywasm.compat.host.chromium;

import dev.pywasm.compat.exec.ProcessRunner;
import dev.pywasm.compat.exec.RawRun;
import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.host.HostSession;
import dev.pywasm.compat.host.browser.AptBrowser;
import dev.pywasm.compat.host.browser.Attachments;
import dev.pywasm.compat.host.browser.OpenSessions;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.runtime.RuntimeImage;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Firefox (Gecko, SpiderMonkey) as a host: Debian's {@code firefox-esr}, headless, driven by Playwright
 * over WebDriver BiDi ({@link BrowserServer}: no geckodriver exists on these machines, and Playwright's
 * BiDi client is a maintained library where a BiDi client of our own would be protocol code), running the
 * same probe page as Chromium: each probe in a fresh Web Worker restoring a memory snapshot of a freshly
 * started Pyodide, the origin's storage cleared before each. Host ids {@code firefox} (the README's
 * recommended hosting, cross-origin isolated) and {@code firefox-plain} (no isolation headers).
 */
public final class FirefoxHost implements Host {

    /** Debian's Firefox: an explicit binary ({@code --firefox}, {@code PYWASM_FIREFOX}) first. */
    public static final AptBrowser FIREFOX = new AptBrowser("Firefox", "PYWASM_FIREFOX",
            List.of(Path.of("/usr/bin/firefox-esr"), Path.of("/usr/bin/firefox")), List.of("firefox-esr"));
    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)(esr)?");

    private final ServeMode mode;
    private final BrowserTarget target;
    private final HostIdentity identity;
    private final Path attachments;
    private final OpenSessions sessions = new OpenSessions();

    private FirefoxHost(ServeMode mode, BrowserTarget target, HostIdentity identity, Path attachments) {
        this.mode = mode;
        this.target = target;
        this.identity = identity;
        this.attachments = attachments;
    }

    /** The host id of a serving mode: {@code firefox}, {@code firefox-plain}. */
    public static String hostId(ServeMode mode) {
        return mode == ServeMode.ISOLATED ? "firefox" : mode.hostId().replace("chromium", "firefox");
    }

    /** Finds (or installs) Firefox and reads its version; launches nothing yet. */
    public static FirefoxHost create(ServeMode mode, HostOptions options, Path attachments, PrintStream progress) {
        dev.pywasm.compat.host.browser.BrowserSlots.limit(options.browserJobs());
        String server = options.browserServers().get("firefox");
        BrowserTarget target = server != null ? BrowserTarget.server(BrowserTarget.Engine.FIREFOX, server) : null;
        Path binary = server != null ? null : FIREFOX.locate(options.engineBinary("firefox"), "--firefox", progress);
        String version = server != null ? target.serverVersion() : version(binary);
        String notes = "Firefox " + version + " (Gecko, SpiderMonkey) " + (server != null ? "behind the shared browser "
                + "server at " + server : "at " + binary + ", headless") + ", over WebDriver BiDi "
                + "(Playwright's browser server); runtime served from 127.0.0.1 " + ChromiumHost.serving(mode)
                + "; a fresh Web Worker per probe restoring a memory snapshot of a freshly started Pyodide (loaded from "
                + "scratch when the runtime cannot snapshot), origin storage cleared by script before each";
        return new FirefoxHost(mode, target != null ? target : BrowserTarget.firefox(binary), new HostIdentity(hostId(mode), version, List.of(),
                List.of(), notes), attachments);
    }

    /** What {@code firefox --version} says, e.g. {@code 140.12.0esr}; one clear error when it does not run. */
    static String version(Path binary) {
        RawRun r;
        try {
            r = ProcessRunner.run(List.of(binary.toString(), "--version"), Duration.ofSeconds(60), null, null);
        } catch (UncheckedIOException e) {
            throw new SetupException("cannot run '" + binary + " --version': " + e.getMessage() + "; reinstall it ("
                    + FIREFOX.installCommand() + ") or set " + FIREFOX.env() + " to a Firefox binary", e);
        }
        Matcher m = VERSION.matcher(r.stdout());
        if (!r.stdout().contains("Firefox") || !m.find()) {
            throw new SetupException("'" + binary + " --version' printed no Firefox version: "
                    + (r.stdout() + r.stderr()).strip() + "; reinstall it (" + FIREFOX.installCommand() + ") or set "
                    + FIREFOX.env() + " to a Firefox binary");
        }
        return m.group();
    }

    @Override
    public String id() {
        return hostId(mode);
    }

    @Override
    public HostIdentity identity() {
        return identity;
    }

    @Override
    public Optional<String> cannotRun(RuntimeImage image) {
        return image.kind() == RuntimeKind.PYODIDE ? Optional.empty()
                : Optional.of("firefox runs Pyodide only (CPython's browser build is checked in Chromium)");
    }

    @Override
    public HostSession open(RuntimeImage image) {
        cannotRun(image).ifPresent(why -> {
            throw new SetupException(why);
        });
        BrowserTarget browser = target;
        RuntimeServer server = RuntimeServer.start(image.root(), mode);
        ChromiumSession session = new ChromiumSession(id(), server, false,
                new Attachments(attachments == null ? null : attachments.resolve(image.id()).resolve(id()), "pywasm-firefox"),
                () -> BrowserLane.open(browser, server, true));
        return sessions.add(session);
    }

    @Override
    public void close() {
        sessions.closeAll();
    }
}
