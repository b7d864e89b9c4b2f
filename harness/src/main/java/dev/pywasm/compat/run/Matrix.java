package dev.pywasm.compat.run;

import dev.pywasm.compat.runtime.PyodideReleases;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named sets of runtimes to check in one run ({@code pywasm-compat run --matrix NAME},
 * {@code mvn verify -Pmatrix}): the one place the preset lists live.
 */
public enum Matrix {

    /**
     * The Emscripten-upgrade matrix: one Pyodide release per Emscripten toolchain it moved to, from
     * 3.1.32 to 5.0.3, so a verdict that changes along the list points at the upgrade that changed it,
     * and every CPython minor from 3.11 to 3.14 is covered on the way. Each is the last release of its
     * line on npm; 0.27.7 and 0.29.3 are left out because they share their toolchain with 0.26.4 and
     * 0.28.3 (the identity in the results is read from each runtime, not from this table):
     * <pre>
     *   pyodide 0.23.4   CPython 3.11.2   Emscripten 3.1.32
     *   pyodide 0.25.1   CPython 3.11.3   Emscripten 3.1.46
     *   pyodide 0.26.4   CPython 3.12.1   Emscripten 3.1.58
     *   pyodide 0.28.3   CPython 3.13.2   Emscripten 4.0.9
     *   pyodide 314.0.7  CPython 3.14.2   Emscripten 5.0.3
     *   latest           whatever npm's latest dist-tag names when the run starts (314.0.8 on 2026-12-01)
     * </pre>
     * {@code latest} is the newest release, so that a nightly picks up a new release the night it appears; a
     * latest that is one of the pinned releases runs once.
     * plus CPython built from source by the README's own recipe for the node target
     * ({@code cpython-3.11-node}, Debian's emcc), but only when that build is already cached: the
     * matrix never starts a 15-minute build; {@code pywasm-compat build --target node} makes it.
     * On every engine: {@code --hosts all} unless hosts are named (a host that cannot start here is named and
     * left out).
     */
    NIGHTLY(List.of("0.23.4", "0.25.1", "0.26.4", "0.28.3", "314.0.7", PyodideReleases.LATEST), List.of("node"),
            List.of(dev.pywasm.compat.host.HostKind.ALL));

    private final List<String> pyodideVersions;
    private final List<String> cachedSourceTargets;
    private final List<String> hosts;

    Matrix(List<String> pyodideVersions, List<String> cachedSourceTargets, List<String> hosts) {
        this.pyodideVersions = pyodideVersions;
        this.cachedSourceTargets = cachedSourceTargets;
        this.hosts = hosts;
    }

    /** The hosts the preset runs on when none are named. */
    public List<String> hosts() {
        return hosts;
    }

    /** The Pyodide releases, oldest first, ending with {@code latest}. */
    public List<String> pyodideVersions() {
        return pyodideVersions;
    }

    /** Source-build targets checked only when their build is already cached. */
    public List<String> cachedSourceTargets() {
        return cachedSourceTargets;
    }

    /** The preset's name as typed: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Matrix parse(String name) {
        if (name != null) {
            for (Matrix m : values()) {
                if (m.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("--matrix: unknown preset '" + name + "' (known: "
                + Arrays.stream(values()).map(Matrix::label).collect(Collectors.joining(", ")) + ")");
    }
}
