package dev.pywasm.compat.host;

import dev.pywasm.compat.host.chromium.ChromiumHost;
import dev.pywasm.compat.host.chromium.FirefoxHost;
import dev.pywasm.compat.host.chromium.WebKitHost;
import dev.pywasm.compat.host.chromium.ServeMode;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host registry: every host the harness knows, one row each, like wptrunner's product table.
 * The catalog check (which hosts a claim may name), the command line ({@code --hosts} and its
 * default), {@code mvn verify}'s settings and the benchmark all read this table. Adding a host is
 * its class, one row here and its recorded expectations.
 */
public enum HostKind {

    /** Node.js: the README's {@code node python.js}, Pyodide in pooled workers or fresh processes. */
    NODE("node", true, EnumSet.of(RuntimeKind.PYODIDE, RuntimeKind.CPYTHON_SOURCE),
            c -> NodeHost.detect(c.workDir(), c.options())),
    /** Headless Chromium, served with the README's recommended hosting (cross-origin isolated). */
    CHROMIUM(ServeMode.ISOLATED.hostId(), true, EnumSet.of(RuntimeKind.PYODIDE, RuntimeKind.CPYTHON_SOURCE),
            c -> ChromiumHost.create(ServeMode.ISOLATED, c.options(), c.attachments(), c.progress())),
    /** Chromium, served without the isolation headers. */
    CHROMIUM_PLAIN(ServeMode.PLAIN.hostId(), true, EnumSet.of(RuntimeKind.PYODIDE, RuntimeKind.CPYTHON_SOURCE),
            c -> ChromiumHost.create(ServeMode.PLAIN, c.options(), c.attachments(), c.progress())),
    /** Chromium, served with the wrong MIME types for the runtime's JavaScript and WASM. */
    CHROMIUM_BADMIME(ServeMode.BADMIME.hostId(), true, EnumSet.of(RuntimeKind.PYODIDE, RuntimeKind.CPYTHON_SOURCE),
            c -> ChromiumHost.create(ServeMode.BADMIME, c.options(), c.attachments(), c.progress())),
    /** Headless Firefox (Gecko) over WebDriver BiDi, served with the README's recommended hosting (cross-origin isolated). */
    FIREFOX(FirefoxHost.hostId(ServeMode.ISOLATED), false, EnumSet.of(RuntimeKind.PYODIDE),
            c -> FirefoxHost.create(ServeMode.ISOLATED, c.options(), c.attachments(), c.progress())),
    /** Firefox, served without the isolation headers. */
    FIREFOX_PLAIN(FirefoxHost.hostId(ServeMode.PLAIN), false, EnumSet.of(RuntimeKind.PYODIDE),
            c -> FirefoxHost.create(ServeMode.PLAIN, c.options(), c.attachments(), c.progress())),
    /** WebKitGTK's MiniBrowser (WebKit, JavaScriptCore; not Safari) over WebDriver on a virtual display, cross-origin isolated. */
    WEBKIT("webkit", false, EnumSet.of(RuntimeKind.PYODIDE),
            c -> WebKitHost.create(c.options(), c.workDir(), c.attachments(), c.progress())),
    /** Deno 2 (V8): Pyodide's npm package through Deno's Node compatibility, in fresh worker threads. */
    DENO("deno", false, EnumSet.of(RuntimeKind.PYODIDE),
            c -> JsRuntimeHost.detect(JsEngine.DENO, c.workDir(), c.options(), c.progress())),
    /** Bun 1 (JavaScriptCore): Pyodide's npm package, in fresh worker threads. */
    BUN("bun", false, EnumSet.of(RuntimeKind.PYODIDE),
            c -> JsRuntimeHost.detect(JsEngine.BUN, c.workDir(), c.options(), c.progress())),
    /** The compiler at hand: the README's C macros, only for runtimes built here with it. */
    EMCC("emcc", true, EnumSet.of(RuntimeKind.CPYTHON_SOURCE), c -> EmccHost.detect(c.options().emcc(), c.workDir())),
    /**
     * The control: the machine's own CPython ({@code python3}, {@code --python PATH}), no wasm; runs every claim
     * for every runtime (the same column each time), and a limitation must come out STALE there.
     */
    NATIVE("native", true, EnumSet.allOf(RuntimeKind.class), c -> NativeHost.detect(c.options().python(), c.workDir()));

    /**
     * What a factory gets.
     *
     * @param workDir     a temporary directory of this host's own (driver scripts, probe files)
     * @param attachments where evidence files of failed runs go (screenshots, logs); null: nowhere
     * @param options     the binaries and isolation settings
     * @param progress    where to say what takes long (installing a browser)
     */
    public record Context(Path workDir, Path attachments, HostOptions options, PrintStream progress) {
    }

    /** Finds, checks and describes a host; launches nothing that lives longer than the call. */
    @FunctionalInterface
    public interface Factory {
        Host create(Context context);
    }

    private final String id;
    private final boolean byDefault;
    private final Set<RuntimeKind> runs;
    private final Factory factory;

    HostKind(String id, boolean byDefault, Set<RuntimeKind> runs, Factory factory) {
        this.id = id;
        this.byDefault = byDefault;
        this.runs = Set.copyOf(runs);
        this.factory = factory;
    }

    /** The id catalogs, results, expectations and {@code --hosts} use. */
    public String id() {
        return id;
    }

    /** Whether a run without {@code --hosts} uses this host (when it runs one of the run's runtime kinds). */
    public boolean byDefault() {
        return byDefault;
    }

    /** Whether this host can run runtimes of {@code kind} at all (a given image may still be refused, see {@link Host#cannotRun}). */
    public boolean runs(RuntimeKind kind) {
        return runs.contains(kind);
    }

    /** Finds and checks the host. */
    public Host create(Context context) {
        return factory.create(context);
    }

    /** The row of a host id; an unknown id is a {@link SetupException} naming the known ones. */
    public static HostKind of(String id) {
        for (HostKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new SetupException("--hosts: unknown host '" + id + "' (known: " + String.join(", ", ids()) + ")");
    }

    /** Every host id, in table order. */
    public static Set<String> ids() {
        return Arrays.stream(values()).map(HostKind::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The {@code --hosts} word for every host that runs the run's runtimes and is installed (or installs itself). */
    public static final String ALL = "all";

    /**
     * The host ids {@code --hosts} names, with {@link #ALL} standing for every host (in table order) that runs
     * one of {@code kinds}; a host named twice runs once.
     */
    public static List<String> expand(List<String> named, Collection<RuntimeKind> kinds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : named) {
            if (ALL.equals(id)) {
                Arrays.stream(values()).filter(k -> kinds.stream().anyMatch(k::runs)).forEach(k -> ids.add(k.id));
            } else {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The hosts a run uses when none are named: the default ones that run at least one of the run's
     * runtime kinds (so the compiler host joins only when source builds are checked).
     */
    public static List<String> defaults(Collection<RuntimeKind> kinds) {
        return Arrays.stream(values()).filter(HostKind::byDefault).filter(k -> kinds.stream().anyMatch(k::runs))
                .map(HostKind::id).toList();
    }
}
