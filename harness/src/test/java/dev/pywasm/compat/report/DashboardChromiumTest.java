package dev.pywasm.compat.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.pywasm.compat.host.chromium.ChromiumInstall;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.history.HistoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in the real headless Chromium the harness drives: generated from a small fixture
 * (two runtimes, two hosts, a regression in the history, runtime output with {@code </script>} in it),
 * loaded from file:// with no server. Skipped when no Chromium is installed. Screenshots go to
 * {@code harness/target/dashboard-chromium/}.
 */
class DashboardChromiumTest {

    static final Path OUT = Path.of("target", "dashboard-chromium").toAbsolutePath();
    static final String FIXTURE = "/dev/pywasm/compat/report/fixture/";

    static Playwright playwright;
    static Browser browser;
    static ResultDocument doc;
    static final List<String> problems = new ArrayList<>();
    static final List<String> requests = new ArrayList<>();

    @BeforeAll
    static void generateAndLaunch() throws IOException {
        Path chromium = Stream.concat(Stream.ofNullable(System.getenv(ChromiumInstall.ENV)),
                        Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"))
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "no Chromium installed");

        deleteTree(OUT);
        Path results = copy("results.json", OUT.resolve("results.json"));
        Path readme = copy("README.md", OUT.resolve("README.md"));
        Files.createDirectories(OUT.resolve("attachments"));
        Files.writeString(OUT.resolve("attachments/browser.threads-chromium.log"), "console log\n");
        doc = ResultFile.read(results);
        HistoryStore history = new HistoryStore(OUT.resolve("history"));
        history.record(yesterday(doc));
        Reports.write(ResultSet.read(List.of(results)),
                new Reports.Options().setOut(OUT).setClaimsSource(readme).setHistory(history));

        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        List<String> args = ChromiumInstall.args();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setChromiumSandbox(!args.contains("--no-sandbox")).setArgs(args).setTimeout(60_000));
    }

    @AfterAll
    static void close() {
        if (playwright != null) {
            playwright.close();
        }
    }

    /** The same run a day earlier, when accept-crash still crashed on Chromium with the new runtime. */
    static ResultDocument yesterday(ResultDocument today) {
        RunInfo run = today.run();
        RunInfo earlier = new RunInfo(run.tool(), run.startedAt().minus(Duration.ofDays(1)),
                run.finishedAt().minus(Duration.ofDays(1)), run.claimsSource(), run.runtimes(), run.hosts(), run.planned());
        List<Result> results = today.results().stream().map(r -> r.key().equals("network.accept-crash @ chromium / pyodide-314.0.7")
                ? new Result(r.claimId(), r.section(), r.quote(), r.host(), r.runtime(), Verdict.HOLDS, r.reason(),
                r.observation(), r.evidence(), r.expected()) : r).toList();
        return new ResultDocument(today.schema(), earlier, results);
    }

    Page open() {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 900));
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.type().equals("warning")) {
                problems.add(m.type() + ": " + m.text());
            }
        });
        page.onPageError(e -> problems.add("page error: " + e));
        page.onRequest(r -> requests.add(r.url()));
        page.navigate(OUT.resolve("dashboard.html").toUri().toString());
        page.waitForSelector("body[data-ready=true]");
        return page;
    }

    long claims() {
        return doc.results().stream().map(Result::claimId).distinct().count();
    }

    @Test
    void matrixHasOneRowPerClaimAndTheFiltersWork() {
        Page page = open();
        Locator rows = page.locator("#matrix-table tr.claim-row");
        assertThat(rows.count()).isEqualTo(claims()).isEqualTo(6);
        assertThat(page.locator("#matrix-table thead tr").nth(1).locator("th").allTextContents())
                .containsExactly("node", "chromium", "node", "chromium");
        assertThat(page.locator("#f-count").textContent()).isEqualTo("6 of 6 claims");
        page.screenshot(new Page.ScreenshotOptions().setPath(OUT.resolve("dashboard.png")).setFullPage(true));

        // Only STALE: the claims with a STALE cell (accept-crash on Chromium, umask everywhere).
        for (String v : List.of("HOLDS", "CRASH", "TIMEOUT", "ERROR", "FLAKY", "SKIPPED")) {
            page.uncheck("input.f-verdict[value=" + v + "]");
        }
        assertThat(page.locator("#matrix-table tr.claim-row:visible").evaluateAll("rs => rs.map(r => r.dataset.claim)"))
                .isEqualTo(List.of("network.accept-crash", "fs.umask"));
        assertThat(page.locator("#f-count").textContent()).isEqualTo("2 of 6 claims");
        for (String v : List.of("HOLDS", "CRASH", "TIMEOUT", "ERROR", "FLAKY", "SKIPPED")) {
            page.check("input.f-verdict[value=" + v + "]");
        }
        // One section.
        page.selectOption("#f-section", "wasm32-emscripten limitations and issues / Network stack");
        assertThat(page.locator("#matrix-table tr.claim-row:visible").count()).isEqualTo(2);
        assertThat(page.locator("#matrix-table tr.section-row:visible").count()).isEqualTo(1);
        page.selectOption("#f-section", "");
        // Changed since the previous run: the regressed cell's claim.
        page.check("#f-changed");
        assertThat(page.locator("#matrix-table tr.claim-row:visible").evaluateAll("rs => rs.map(r => r.dataset.claim)"))
                .isEqualTo(List.of("network.accept-crash"));
        assertNoProblems(page);
    }

    @Test
    void aCellOpensItsEvidenceWithTheOutputAsText() {
        Page page = open();
        Locator regressed = page.locator("tr[data-claim='network.accept-crash'] td.cell.regressed a");
        assertThat(regressed.count()).isEqualTo(1);
        regressed.click();
        Locator panel = page.locator("#evidence");
        assertThat(panel.isVisible()).isTrue();
        Locator card = page.locator("#evidence .card.target");
        assertThat(card.locator("h4").textContent()).contains("chromium / pyodide-314.0.7").contains("STALE");
        assertThat(card.textContent()).contains("raised OSError [EINVAL=28]").contains("previous run")
                .contains("</script><script>alert(1)</script>");
        assertThat(page.locator("#evidence b").count()).as("runtime output rendered as HTML").isZero();
        page.screenshot(new Page.ScreenshotOptions().setPath(OUT.resolve("dashboard-evidence.png")));

        // Attachments are relative links next to the results.
        page.navigate(OUT.resolve("dashboard.html").toUri() + "#claim-browser.threads");
        page.waitForSelector("#evidence:not([hidden]) .card");
        Locator link = page.locator("#evidence a[href='attachments/browser.threads-chromium.log']");
        assertThat(link.count()).isEqualTo(1);
        page.keyboard().press("Escape");
        assertThat(panel.isVisible()).isFalse();
        assertNoProblems(page);
    }

    @Test
    void historyDiffAndAnnotatedReadme() {
        Page page = open();
        assertThat(page.locator("#history-body").textContent()).contains("Regressed since the previous run (1)")
                .contains("2 recorded run(s)");
        Locator diffRows = page.locator("#diff-table tr");
        // Header + accept-crash on chromium (HOLDS -> STALE) + browser.threads (HOLDS -> TIMEOUT).
        assertThat(diffRows.count()).isEqualTo(3);
        assertThat(page.locator("#diff-body").textContent()).contains("Emscripten").contains("3.1.58").contains("5.0.3");
        assertThat(page.locator(".readme mark.claim").count()).isEqualTo(5);
        assertThat(page.locator("#readme-notes").textContent()).contains("1 quote(s) not found").contains("misc.gone");
        page.locator(".readme a.badge#q-fs\\.umask").click();
        assertThat(page.locator("#evidence h3").textContent()).isEqualTo("fs.umask");
        page.locator("#readme").screenshot(new Locator.ScreenshotOptions().setPath(OUT.resolve("dashboard-readme.png")));
        assertNoProblems(page);
    }

    void assertNoProblems(Page page) {
        assertThat((String) page.evaluate("() => document.body.innerText")).as("data rendered as text").doesNotContain("[object ")
                .doesNotContain("undefined");
        assertThat(problems).as("console errors and page errors").isEmpty();
        assertThat(requests).as("requests the page made").allMatch(u -> u.startsWith("file:"));
    }

    static Path copy(String name, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = DashboardChromiumTest.class.getResourceAsStream(FIXTURE + name)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
