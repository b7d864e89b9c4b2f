package dev.pywasm.compat.suites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.runtime.RuntimeKind;
import io.qameta.allure.util.PropertiesUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The run-wide files of an Allure results directory: {@code environment.properties} (the hosts'
 * and runtimes' versions, shown in the report's Environment widget) and {@code executor.json} (who
 * ran it, and the build number the trend charts label their points with).
 *
 * <p>The build number is one more than the number of points in the kept history's trend, so it
 * counts the reports generated with that history; without a history it is 1.
 *
 * @since 0.1.0
 */
final class AllureEnvironment {

    /** Where Allure's adapters write results: Maven sets it, else {@code allure.properties} does. */
    static final String RESULTS_PROPERTY = "allure.results.directory";
    /** The {@code history/} folder of the last generated report, kept across {@code mvn clean}. */
    static final String HISTORY_PROPERTY = "pywasm.allure-history";

    private final RunInfo run;
    private final Optional<Path> history;

    AllureEnvironment(RunInfo run, Optional<Path> history) {
        this.run = Objects.requireNonNull(run, "run must not be null");
        this.history = Objects.requireNonNull(history, "history must not be null");
    }

    /** The results directory Allure's listener writes to in this JVM, resolved the way Allure does. */
    static Path resultsDirectory() {
        return Path.of(PropertiesUtils.loadAllureProperties().getProperty(RESULTS_PROPERTY, "allure-results"));
    }

    /**
     * Empties the results directory before a run writes into it, so that one report shows one run:
     * results left by an earlier run would show up in the report as retries of this one.
     */
    static void startFresh(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(resultsDir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(resultsDir)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the Allure results directory " + resultsDir, e);
        }
    }

    /** The kept history, when {@code -Dpywasm.allure-history} names it. */
    static Optional<Path> historyDirectory() {
        return Optional.ofNullable(System.getProperty(HISTORY_PROPERTY)).filter(s -> !s.isBlank()).map(Path::of);
    }

    /**
     * One line per host (its version, and the README's flags it rejects) and per runtime (versions
     * read from inside it), then the claims source and the JVM. The hosts' longer notes stay in
     * {@code results.json}.
     */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        for (HostIdentity h : run.hosts()) {
            StringBuilder v = new StringBuilder(h.version() == null ? "unknown" : h.version());
            if (!h.rejectedFlags().isEmpty()) {
                v.append(" (rejects ").append(String.join(" ", h.rejectedFlags())).append(")");
            }
            p.put("host." + h.id(), v.toString());
        }
        for (RuntimeIdentity r : run.runtimes()) {
            p.put("runtime." + r.id(), (RuntimeKind.PYODIDE.wireName().equals(r.kind()) ? "Pyodide " + r.version() + ", " : "")
                    + "CPython " + AllureCell.cpythonVersion(r) + ", Emscripten "
                    + (r.emscripten() == null ? "unknown" : r.emscripten())
                    + (r.platform() == null ? "" : " (" + r.platform() + ")"));
        }
        if (run.claimsSource() != null) {
            p.put("claims.source", run.claimsSource());
        }
        if (run.tool() != null) {
            p.put("tool", run.tool());
        }
        p.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        return p;
    }

    /** {@code environment.properties} text: ISO-8859-1 escapes and all, as {@link java.util.Properties} reads it. */
    String propertiesText() {
        StringBuilder out = new StringBuilder();
        properties().forEach((k, v) -> out.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return out.toString();
    }

    /** The build number: one more than the points the kept trend has. */
    int buildOrder() {
        Path trend = history.map(h -> h.resolve("history-trend.json")).filter(Files::isRegularFile).orElse(null);
        if (trend == null) {
            return 1;
        }
        try {
            JsonNode points = Json.mapper().readTree(trend.toFile());
            return points.isArray() ? points.size() + 1 : 1;
        } catch (IOException e) {
            return 1;
        }
    }

    ObjectNode executor() {
        int build = buildOrder();
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("name", "Maven");
        e.put("type", "maven");
        e.put("buildOrder", build);
        e.put("buildName", "mvn verify #" + build);
        e.put("reportName", "pywasm-compat: CPython's Tools/wasm/README.md claims");
        return e;
    }

    /** Writes both files into {@code resultsDir}, creating it when the run produced no test result. */
    void writeTo(Path resultsDir) {
        try {
            Files.createDirectories(resultsDir);
            Files.writeString(resultsDir.resolve("environment.properties"), propertiesText(),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            Files.writeString(resultsDir.resolve("executor.json"), Json.mapper().writeValueAsString(executor()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure's environment into " + resultsDir, e);
        }
    }

    private static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append(key || i == 0 ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
