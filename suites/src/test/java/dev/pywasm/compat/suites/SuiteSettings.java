package dev.pywasm.compat.suites;

import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.run.CheckOptions;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.run.Matrix;
import dev.pywasm.compat.run.Shard;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the suite's settings from system properties, so one {@code mvn verify -D...} flag changes
 * them (Maven passes {@code -D} properties on to the test JVM):
 * <ul>
 *   <li>{@code pywasm.pyodide}: Pyodide version(s), comma separated</li>
 *   <li>{@code pywasm.matrix}: a named set of runtimes instead (profile {@code -Pmatrix}: {@code nightly}, see
 *       {@link Matrix})</li>
 *   <li>{@code pywasm.reruns}: how often a surprising verdict is rerun before it is reported (default 2)</li>
 *   <li>{@code pywasm.cpython-build}: source-build targets (node, browser) instead of Pyodide (profiles
 *       {@code -Psource-build}: node; {@code -Psource-build-browser}: browser in Chromium), {@code pywasm.cpython-source}: their CPython source,
 *       {@code pywasm.emsdk}: the emsdk that builds them (default {@code $EMSDK}, else emcc on PATH)</li>
 *   <li>{@code pywasm.suite}: another suite directory laid out like {@code suites/} (absolute, or relative to the
 *       checkout; read by {@link Layout#defaults()})</li>
 *   <li>{@code pywasm.hosts}: hosts, comma separated: ids of the host registry ({@link HostKind}), or {@code all}
 *       (every host that starts here); default: the
 *       suite's {@code hosts}, else the registry's default hosts for the runtimes checked</li>
 *   <li>{@code pywasm.only}: claim id globs, comma separated</li>
 *   <li>{@code pywasm.jobs}: probes at once</li>
 *   <li>{@code pywasm.browser-server}: {@code chromium=ws://...[,firefox=ws://...]}, running Playwright browser servers
 *       to use (see {@code run --browser-server}); {@code pywasm.browser-jobs}: browser probes at once</li>
 *   <li>{@code pywasm.shard}: {@code I/N}, only shard I (0 to N-1) of the plan's cells (see {@link Shard})</li>
 *   <li>{@code pywasm.update-expectations}: rewrite the recorded expectations from this run</li>
 *   <li>{@code pywasm.node-isolation}, {@code pywasm.chromium-isolation}: {@code worker} (default) or the naive
 *       {@code process} / {@code page}</li>
 *   <li>{@code pywasm.python}: the CPython the native control host runs (default {@code python3} on PATH)</li>
 * </ul>
 */
final class SuiteSettings {

    private SuiteSettings() {
    }

    /** @param layout the suite being run, whose {@code hosts} are the default hosts when it names some */
    static CheckOptions fromSystemProperties(Layout layout) {
        CheckOptions options = new CheckOptions();
        if (!layout.suite().hosts().isEmpty()) {
            options.setHosts(layout.suite().hosts());
        }
        list("pywasm.cpython-build").ifPresent(targets -> options.setSourceTargets(targets).setPyodideVersions(List.of()));
        String source = System.getProperty("pywasm.cpython-source");
        if (source != null && !source.isBlank()) {
            options.setCpythonSource(java.nio.file.Path.of(source));
        }
        String emsdk = System.getProperty("pywasm.emsdk");
        if (emsdk != null && !emsdk.isBlank()) {
            options.setEmsdk(java.nio.file.Path.of(emsdk));
        }
        String matrix = System.getProperty("pywasm.matrix");
        if (matrix != null && !matrix.isBlank()) {
            options.setMatrix(Matrix.parse(matrix));
        }
        list("pywasm.pyodide").ifPresent(options::setPyodideVersions);
        list("pywasm.hosts").ifPresent(hosts -> options.setHosts(known(hosts)));
        list("pywasm.only").ifPresent(options.run()::setOnly);
        number("pywasm.jobs").ifPresent(options.run()::setJobs);
        number("pywasm.reruns").ifPresent(options.run()::setReruns);
        String shard = System.getProperty("pywasm.shard");
        if (shard != null && !shard.isBlank()) {
            options.run().setShard(Shard.parse(shard, "-Dpywasm.shard"));
        }
        list("pywasm.browser-server").ifPresent(servers -> options.host().setBrowserServers(servers.stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.substring(0, Math.max(0, e.indexOf('='))),
                        e -> e.substring(e.indexOf('=') + 1)))));
        number("pywasm.browser-jobs").ifPresent(options.host()::setBrowserJobs);
        number("pywasm.warm-workers").ifPresent(options.host()::setWarmWorkers);
        String python = System.getProperty("pywasm.python");
        if (python != null && !python.isBlank()) {
            options.host().setPython(python);
        }
        options.setUpdateExpectations(updateExpectations());
        options.run().setTool("pywasm-compat 0.1.0 (mvn verify)");
        return options;
    }

    /** The host ids, each checked against the registry before anything starts. */
    private static List<String> known(List<String> hosts) {
        for (String id : hosts) {
            if (!HostKind.ids().contains(id) && !HostKind.ALL.equals(id)) {
                throw new IllegalArgumentException("-Dpywasm.hosts: unknown host '" + id + "' (known: "
                        + String.join(", ", HostKind.ids()) + ")");
            }
        }
        return hosts;
    }

    static boolean updateExpectations() {
        String value = System.getProperty(Expectations.UPDATE_PROPERTY);
        return value != null && !value.equalsIgnoreCase("false");
    }

    private static java.util.Optional<Integer> number(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + property + " must be a number, got '" + value + "'", e);
        }
    }

    private static java.util.Optional<List<String>> list(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
