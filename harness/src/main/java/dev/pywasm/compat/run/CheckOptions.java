package dev.pywasm.compat.run;

import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.host.HostOptions;
import dev.pywasm.compat.runtime.PyodideReleases;
import dev.pywasm.compat.runtime.Toolchain;
import java.nio.file.Path;
import java.util.List;

/**
 * What to check: which runtimes, which hosts, where to write. Chained setters; the defaults are the
 * default claim check (all claims, the default hosts, the latest Pyodide on npm). How to find and drive the
 * hosts is {@link #host()}, how to run is {@link #run()}.
 */
public final class CheckOptions {

    private List<String> pyodideVersions = List.of(PyodideReleases.LATEST);
    private String npm;
    private List<String> sourceTargets = List.of();
    private List<String> cachedSourceTargets = List.of();
    private Path cpythonSource;
    private Path emsdk;
    private List<String> hosts;
    private final HostOptions host = new HostOptions();
    private Path out;
    private boolean updateExpectations;
    private boolean resume;
    private final RunOptions run = new RunOptions();

    public List<String> pyodideVersions() {
        return pyodideVersions;
    }

    /**
     * Pyodide versions from npm, {@code latest} among them (resolved from the registry's dist-tags when the
     * run starts); empty when only source builds are checked. Default: {@code latest}.
     */
    public CheckOptions setPyodideVersions(List<String> versions) {
        this.pyodideVersions = versions == null ? List.of() : List.copyOf(versions);
        return this;
    }

    public String npm() {
        return npm;
    }

    /** The npm binary that installs Pyodide and resolves {@code latest}; null means {@code npm} on PATH. */
    public CheckOptions setNpm(String npm) {
        this.npm = npm;
        return this;
    }

    public List<String> sourceTargets() {
        return sourceTargets;
    }

    /** CPython built from source by the README's recipe, one runtime per target (node, browser); empty: none. */
    public CheckOptions setSourceTargets(List<String> targets) {
        this.sourceTargets = targets == null ? List.of() : List.copyOf(targets);
        return this;
    }

    public List<String> cachedSourceTargets() {
        return cachedSourceTargets;
    }

    /**
     * Source-build targets to check only when their build is already cached (never built implicitly);
     * the run says which it left out and how to build them.
     */
    public CheckOptions setCachedSourceTargets(List<String> targets) {
        this.cachedSourceTargets = targets == null ? List.of() : List.copyOf(targets);
        return this;
    }

    /** The runtimes of a named preset: its Pyodide releases (and {@code latest}), and its source builds when cached. */
    public CheckOptions setMatrix(Matrix matrix) {
        if (hosts == null) {
            hosts = matrix.hosts();
        }
        return setPyodideVersions(matrix.pyodideVersions()).setCachedSourceTargets(matrix.cachedSourceTargets());
    }

    public Path cpythonSource() {
        return cpythonSource;
    }

    /** The CPython source tree or tarball for source builds; null: Debian's source package. */
    public CheckOptions setCpythonSource(Path source) {
        this.cpythonSource = source;
        return this;
    }

    public Path emsdk() {
        return emsdk;
    }

    /**
     * The emsdk whose emcc builds the source builds and serves the emcc host ({@code --emsdk}); null:
     * {@code $EMSDK}, else emcc on PATH (else Debian's). The build cache is keyed by its emcc version.
     */
    public CheckOptions setEmsdk(Path emsdk) {
        this.emsdk = emsdk;
        host.setEmcc(emsdk == null ? null : Toolchain.of(emsdk, "--emsdk").emcc());
        return this;
    }

    /** The toolchain {@link #emsdk()} names. */
    public Toolchain toolchain() {
        return emsdk != null ? Toolchain.of(emsdk, "--emsdk") : Toolchain.fromEnvironment();
    }

    /**
     * The host ids to run on; default null: the registry's default hosts for the runtime kinds named
     * ({@link HostKind#defaults}: all but emcc, and emcc too when source builds are checked).
     */
    public List<String> hosts() {
        return hosts;
    }

    public CheckOptions setHosts(List<String> hosts) {
        if (hosts == null || hosts.isEmpty()) {
            throw new IllegalArgumentException("--hosts needs at least one host");
        }
        this.hosts = List.copyOf(hosts);
        return this;
    }

    /** How to find and drive the hosts: binaries, isolation (chained setters of their own). */
    public HostOptions host() {
        return host;
    }

    public Path out() {
        return out;
    }

    /** The directory results.json and summary.md go to. */
    public CheckOptions setOut(Path out) {
        this.out = out;
        return this;
    }

    public boolean updateExpectations() {
        return updateExpectations;
    }

    public CheckOptions setUpdateExpectations(boolean update) {
        this.updateExpectations = update;
        return this;
    }

    /** Continue the interrupted run in {@link #out()}: keep its finished cells, run the rest ({@code run --resume}). */
    public boolean resume() {
        return resume;
    }

    public CheckOptions setResume(boolean resume) {
        this.resume = resume;
        return this;
    }

    public RunOptions run() {
        return run;
    }
}
