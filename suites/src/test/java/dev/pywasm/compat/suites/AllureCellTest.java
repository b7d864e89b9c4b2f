package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.pywasm.compat.model.Evidence;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureCellTest {

    static final RuntimeIdentity PYODIDE = new RuntimeIdentity("pyodide-314.0.7", "pyodide", "314.0.7",
            "3.14.2 (main, Jan  1 2026, 00:00:00) [Clang 21.0.0]", "5.0.3", "Emscripten-5.0.3-wasm32-32bit");
    static final RuntimeIdentity SOURCE = new RuntimeIdentity("cpython-source-node", "cpython-source", "3.15.0a1",
            null, "4.0.12", null);

    @TempDir
    Path dir;

    static Result result(Verdict verdict, Verdict expected, Evidence evidence) {
        return new Result("network.accept-crash", "wasm32-emscripten limitations and issues / Network stack",
                "e.g. ``socket.accept`` crashes the runtime.", "chromium", "pyodide-314.0.7", verdict,
                "the README predicts crashed, observed raised OSError", new Observation(Outcome.RAISED, null,
                        "OSError", 28, "EINVAL", "[Errno 28] Invalid argument", null), evidence, expected);
    }

    static Evidence evidence(List<String> attachments) {
        return new Evidence("chromium worker http://127.0.0.1:1234/", null, 1234, "out line\n", "err line\n",
                attachments);
    }

    @Test
    void labelsReadSectionClaimHostAndMirrorTheJUnitTree() {
        AllureCell cell = new AllureCell(result(Verdict.STALE, Verdict.HOLDS, Evidence.none()), PYODIDE, null, dir);

        assertThat(cell.labels()).extracting(AllureCell.Label::name, AllureCell.Label::value).containsExactly(
                tuple("epic", "wasm32-emscripten limitations and issues / Network stack"),
                tuple("feature", "network.accept-crash"),
                tuple("story", "chromium"),
                tuple("suite", "pyodide-314.0.7 on chromium"),
                tuple("subSuite", "wasm32-emscripten limitations and issues / Network stack"),
                tuple("tag", "STALE"));
        assertThat(cell.historyId()).isEqualTo("network.accept-crash @ chromium / pyodide-314.0.7");
    }

    @Test
    void parametersComeFromTheRuntimesOwnIdentity() {
        AllureCell cell = new AllureCell(result(Verdict.HOLDS, Verdict.HOLDS, Evidence.none()), PYODIDE, null, dir);

        assertThat(cell.parameters()).containsExactly(entry("host", "chromium"), entry("runtime", "pyodide-314.0.7"),
                entry("Emscripten", "5.0.3"), entry("Pyodide", "314.0.7"), entry("CPython", "3.14.2"));
    }

    @Test
    void aSourceBuildHasNoPyodideVersionAndAnUnknownRuntimeSaysSo() {
        assertThat(new AllureCell(result(Verdict.HOLDS, null, Evidence.none()), SOURCE, null, dir).parameters())
                .doesNotContainKey("Pyodide").contains(entry("CPython", "3.15.0a1"), entry("Emscripten", "4.0.12"));
        assertThat(new AllureCell(result(Verdict.HOLDS, null, Evidence.none()), null, null, dir).parameters())
                .contains(entry("Emscripten", "unknown"), entry("Pyodide", "unknown"), entry("CPython", "unknown"));
    }

    @Test
    void theDescriptionQuotesTheReadmeThenSaysWhatChanged() {
        String md = new AllureCell(result(Verdict.STALE, Verdict.HOLDS, evidence(List.of())), PYODIDE, null, dir)
                .description();

        assertThat(md).startsWith("> e.g. ``socket.accept`` crashes the runtime.\n")
                .contains("**STALE** (recorded: HOLDS): the README predicts crashed")
                .contains("Observed: `raised OSError [EINVAL=28]: [Errno 28] Invalid argument`")
                .contains("Command: `chromium worker http://127.0.0.1:1234/`, 1.2 s");
    }

    @Test
    void attachesProbeOutputObservationAndTheHostsFilesRelativeToTheResults() throws IOException {
        Path probe = Files.writeString(dir.resolve("accept.py"), "print('probe')\n");
        Files.createDirectories(dir.resolve("attachments"));
        Path shot = Files.write(dir.resolve("attachments/accept.png"), new byte[] {1, 2, 3});
        Result r = result(Verdict.CRASH, Verdict.HOLDS,
                evidence(List.of("attachments/accept.png", "attachments/gone.log")));

        List<AllureCell.Attachment> attachments = new AllureCell(r, PYODIDE, probe, dir).attachments();

        assertThat(attachments).extracting(AllureCell.Attachment::name, AllureCell.Attachment::type,
                AllureCell.Attachment::extension).containsExactly(
                tuple("probe accept.py", "text/plain", ".py"),
                tuple("stdout (last lines)", "text/plain", ".txt"),
                tuple("stderr (last lines)", "text/plain", ".txt"),
                tuple("observation", "application/json", ".json"),
                tuple("accept.png", "image/png", ".png"),
                tuple("attachments/gone.log (missing)", "text/plain", ".txt"));
        assertThat(attachments.get(0).file()).isEqualTo(probe);
        assertThat(attachments.get(3).text()).contains("\"outcome\" : \"raised\"", "\"errnoName\" : \"EINVAL\"");
        assertThat(attachments.get(4).file()).isEqualTo(shot);
        assertThat(attachments.get(5).text()).contains(dir.resolve("attachments/gone.log").toString());
    }

    @Test
    void aCellThatDidNotRunAttachesOnlyItsProbeAndObservation() throws IOException {
        Path probe = Files.writeString(dir.resolve("accept.py"), "print('probe')\n");
        Result skipped = result(Verdict.SKIPPED, Verdict.SKIPPED, Evidence.none());

        assertThat(new AllureCell(skipped, PYODIDE, probe, dir).attachments())
                .extracting(AllureCell.Attachment::name).containsExactly("probe accept.py", "observation");
    }

    @Test
    void reportPutsEverythingOnTheRunningAllureTestCase() throws IOException {
        Path probe = Files.writeString(dir.resolve("accept.py"), "print('probe')\n");
        Captured written = new Captured();
        AllureLifecycle before = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(written));
        try {
            String uuid = UUID.randomUUID().toString();
            Allure.getLifecycle().scheduleTestCase(new TestResult().setUuid(uuid).setHistoryId("junit's #12"));
            Allure.getLifecycle().startTestCase(uuid);
            new AllureCell(result(Verdict.FLAKY, Verdict.HOLDS, evidence(List.of())), PYODIDE, probe, dir).report();
            Allure.getLifecycle().stopTestCase(uuid);
            Allure.getLifecycle().writeTestCase(uuid);
        } finally {
            Allure.setLifecycle(before);
        }

        assertThat(written.tests).hasSize(1);
        TestResult t = written.tests.get(0);
        assertThat(t.getHistoryId()).isEqualTo("network.accept-crash @ chromium / pyodide-314.0.7");
        assertThat(t.getLabels()).extracting(Label::getName, Label::getValue)
                .contains(tuple("feature", "network.accept-crash"), tuple("story", "chromium"));
        assertThat(t.getParameters()).extracting(Parameter::getName, Parameter::getValue)
                .contains(tuple("CPython", "3.14.2"), tuple("Pyodide", "314.0.7"));
        assertThat(t.getDescription()).startsWith("> e.g. ``socket.accept``");
        assertThat(t.getStatusDetails().isFlaky()).isTrue();
        assertThat(t.getAttachments()).extracting(a -> a.getName())
                .containsExactly("probe accept.py", "stdout (last lines)", "stderr (last lines)", "observation");
        assertThat(written.attachments.values()).contains("print('probe')\n", "out line\n");
    }

    /** Keeps what Allure writes in memory. */
    static final class Captured implements AllureResultsWriter {
        final List<TestResult> tests = new ArrayList<>();
        final Map<String, String> attachments = new LinkedHashMap<>();

        @Override
        public void write(TestResult testResult) {
            tests.add(testResult);
        }

        @Override
        public void write(TestResultContainer testResultContainer) {
        }

        @Override
        public void write(String source, InputStream attachment) {
            try (attachment) {
                attachments.put(source, new String(attachment.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
