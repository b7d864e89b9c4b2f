package dev.pywasm.compat.suites;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.runtime.RuntimeKind;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.StatusDetails;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the Allure report shows for one cell of the claim matrix (a claim on a host with a runtime):
 * its labels, parameters, description and attachments, mapped from the cell's {@link Result}, the
 * identity of the runtime it ran on and the files behind it. The mapping is pure and unit-tested;
 * {@link #report()} hands it to Allure for the test that is running on this thread.
 *
 * <p>Allure's JUnit listener keys a test's history by JUnit's unique id, which for dynamic tests is
 * a position ({@code [dynamic-test:#12]}) that shifts whenever the catalog or {@code -Dpywasm.only}
 * changes; the cell sets its own history id from the claim, host and runtime instead, so Allure's
 * history and trend follow the same cell from run to run.
 *
 * @since 0.1.0
 */
final class AllureCell {

    /** An Allure label (epic, feature, story, suite, tag). */
    record Label(String name, String value) {
    }

    /**
     * A file or a text to attach: exactly one of {@code file} and {@code text} is set.
     *
     * @param name      the name the report shows
     * @param type      the MIME type, which decides how the report displays it
     * @param extension the file extension Allure gives the stored copy, with the dot
     */
    record Attachment(String name, String type, String extension, Path file, String text) {

        static Attachment ofText(String name, String type, String extension, String text) {
            return new Attachment(name, type, extension, null, text);
        }

        static Attachment ofFile(String name, Path file) {
            String ext = extensionOf(file);
            return new Attachment(name, mimeType(ext), ext, file, null);
        }
    }

    private final Result result;
    private final RuntimeIdentity runtime;
    private final Path probeFile;
    private final Path resultsDir;

    /**
     * @param result     the cell's result
     * @param runtime    the identity of the runtime it ran on, or null when the run did not record one
     * @param probeFile  the probe's source file
     * @param resultsDir the directory of {@code results.json}, which evidence attachments are relative to
     */
    AllureCell(Result result, RuntimeIdentity runtime, Path probeFile, Path resultsDir) {
        this.result = Objects.requireNonNull(result, "result must not be null");
        this.runtime = runtime;
        this.probeFile = probeFile;
        this.resultsDir = Objects.requireNonNull(resultsDir, "resultsDir must not be null");
    }

    /** The key Allure's history, retries and trend follow the cell by: claim, host and runtime. */
    String historyId() {
        return result.key();
    }

    /**
     * Epic, feature and story make the Behaviors view read README section, claim, host; the suite
     * labels mirror the JUnit tree (runtime on host, then section); the verdict is a tag to filter by.
     */
    List<Label> labels() {
        String section = result.section() == null || result.section().isBlank() ? "(no section)" : result.section();
        return List.of(
                new Label("epic", section),
                new Label("feature", result.claimId()),
                new Label("story", result.host()),
                new Label("suite", result.runtime() + " on " + result.host()),
                new Label("subSuite", section),
                new Label("tag", result.verdict().name()));
    }

    /** What the cell ran on, in the order the report lists it; versions are read from the runtime. */
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("host", result.host());
        p.put("runtime", result.runtime());
        p.put("Emscripten", runtime == null || runtime.emscripten() == null ? "unknown" : runtime.emscripten());
        if (runtime == null || RuntimeKind.PYODIDE.wireName().equals(runtime.kind())) {
            p.put("Pyodide", runtime == null || runtime.version() == null ? "unknown" : runtime.version());
        }
        p.put("CPython", cpythonVersion(runtime));
        return p;
    }

    /** The README's sentence first, then the verdict and what was observed (Allure renders Markdown). */
    String description() {
        StringBuilder md = new StringBuilder();
        md.append("> ").append(result.quote() == null ? "(no quote)" : result.quote().strip().replace("\n", "\n> "))
                .append("\n\n");
        md.append("README section: ").append(result.section()).append("\n\n");
        md.append("**").append(result.verdict()).append("**");
        if (result.expected() != null && result.expected() != result.verdict()) {
            md.append(" (recorded: ").append(result.expected()).append(")");
        }
        if (result.reason() != null) {
            md.append(": ").append(result.reason());
        }
        md.append("\n\n");
        if (result.observation() != null) {
            md.append("Observed: `").append(result.observation().summary().replace("`", "'")).append("`\n\n");
        }
        Evidence e = result.evidence();
        if (e != null && e.command() != null) {
            md.append("Command: `").append(e.command().replace("`", "'")).append("`");
            if (e.exitCode() != null) {
                md.append(", exit code ").append(e.exitCode());
            }
            md.append(String.format(Locale.ROOT, ", %.1f s", e.durationMillis() / 1000.0)).append("\n");
        }
        return md.toString();
    }

    /** Probe source, output tails, the observation as JSON, then every file the host kept. */
    List<Attachment> attachments() {
        List<Attachment> list = new ArrayList<>();
        if (probeFile != null) {
            // text/plain so that the report shows the source inline; the stored copy keeps its .py
            list.add(new Attachment("probe " + probeFile.getFileName(), "text/plain", ".py", probeFile, null));
        }
        Evidence e = result.evidence();
        if (e != null && e.stdoutTail() != null && !e.stdoutTail().isBlank()) {
            list.add(Attachment.ofText("stdout (last lines)", "text/plain", ".txt", e.stdoutTail()));
        }
        if (e != null && e.stderrTail() != null && !e.stderrTail().isBlank()) {
            list.add(Attachment.ofText("stderr (last lines)", "text/plain", ".txt", e.stderrTail()));
        }
        if (result.observation() != null) {
            list.add(Attachment.ofText("observation", "application/json", ".json", json(result.observation())));
        }
        if (e != null) {
            for (String relative : e.attachments()) {
                Path file = resultsDir.resolve(relative).normalize();
                list.add(Files.isRegularFile(file)
                        ? Attachment.ofFile(file.getFileName().toString(), file)
                        : Attachment.ofText(relative + " (missing)", "text/plain", ".txt",
                                "listed in the result's evidence but not found: " + file));
            }
        }
        return list;
    }

    /** Adds everything to the Allure test case running on this thread. */
    void report() {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        lifecycle.updateTestCase(t -> {
            t.setHistoryId(historyId());
            t.setTestCaseId(historyId());
            t.setFullName(ClaimsIT.class.getName() + "." + historyId());
            if (result.verdict() == Verdict.FLAKY) {
                t.setStatusDetails(new StatusDetails().setFlaky(true));
            }
        });
        labels().forEach(l -> Allure.label(l.name(), l.value()));
        parameters().forEach(Allure::parameter);
        Allure.description(description());
        for (Attachment a : attachments()) {
            if (a.file() == null) {
                Allure.addAttachment(a.name(), a.type(), a.text(), a.extension());
            } else {
                try (InputStream in = Files.newInputStream(a.file())) {
                    Allure.addAttachment(a.name(), a.type(), in, a.extension());
                } catch (IOException ex) {
                    // The report is a view of the run: a file it cannot read must not change the verdict check.
                    Allure.addAttachment(a.name() + " (unreadable)", "text/plain", "cannot read " + a.file() + ": " + ex,
                            ".txt");
                }
            }
        }
    }

    /** {@code 3.14.2} from {@code sys.version}'s {@code "3.14.2 (main, ...) [Clang ...]"}. */
    static String cpythonVersion(RuntimeIdentity runtime) {
        if (runtime != null && runtime.python() != null && !runtime.python().isBlank()) {
            return runtime.python().strip().split("\\s+", 2)[0];
        }
        if (runtime != null && RuntimeKind.CPYTHON_SOURCE.wireName().equals(runtime.kind()) && runtime.version() != null) {
            return runtime.version();
        }
        return "unknown";
    }

    static String extensionOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    /** The types the hosts keep (screenshots, console logs), shown inline by the report. */
    static String mimeType(String extension) {
        return switch (extension) {
            case ".png" -> "image/png";
            case ".jpg", ".jpeg" -> "image/jpeg";
            case ".json" -> "application/json";
            case ".html" -> "text/html";
            default -> "text/plain";
        };
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
