package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.expect.NewRuntimes;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.Summary;
import dev.pywasm.compat.run.Cell;
import dev.pywasm.compat.run.Check;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.run.Runner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The acceptance suite: every claim of the catalog on every host with every runtime, run for real
 * (real Pyodide, real Node), one dynamic test per cell. A test passes when the observed verdict is
 * the recorded one; a change fails with the README quote, the recorded and observed verdicts and
 * the observation. A runtime with no recorded verdicts on a host (a new release, e.g. a new latest on npm)
 * is news: its tests are aborted (reported as skipped) with its comparison with the newest recorded runtime
 * of its kind (see {@link NewRuntimes}), never passed. A cell that is SKIPPED as recorded (the claim is not
 * about the host, or its premise is absent) is aborted too, with its reason: JUnit and Allure count only
 * the probes that checked something as passed. All probes start at once in the background; each test waits for its own result.
 * Each test also describes its cell to Allure (see {@link AllureCell}), and the run's hosts and
 * runtimes go into the Allure results as its environment (see {@link AllureEnvironment}).
 */
class ClaimsIT {

    private static Check check;
    private static Runner.Run run;
    private static Map<String, RuntimeIdentity> runtimes;
    private static NewRuntimes newRuntimes;

    @TestFactory
    Stream<DynamicNode> claims() {
        AllureEnvironment.startFresh(AllureEnvironment.resultsDirectory());
        Layout layout = Layout.defaults();
        check = new Check(layout, SuiteSettings.fromSystemProperties(layout), System.out);
        newRuntimes = new NewRuntimes(check.expectations());
        run = check.start();
        runtimes = run.file().document().run().runtimes().stream()
                .collect(Collectors.toMap(RuntimeIdentity::id, Function.identity(), (a, b) -> a));
        Map<String, List<Map.Entry<Cell, CompletableFuture<Result>>>> columns = new LinkedHashMap<>();
        run.cells().entrySet().forEach(e -> columns
                .computeIfAbsent(e.getKey().runtime() + " on " + e.getKey().host(), k -> new java.util.ArrayList<>())
                .add(e));
        return columns.entrySet().stream().map(column -> DynamicContainer.dynamicContainer(column.getKey(),
                column.getValue().stream().map(e -> cellTest(e.getKey(), e.getValue()))));
    }

    private static DynamicTest cellTest(Cell cell, CompletableFuture<Result> future) {
        Claim claim = check.catalog().claim(cell.claimId());
        return DynamicTest.dynamicTest(claim.id() + ": " + claim.shortQuote(), claim.source().toUri(), () -> {
            Result r = future.join();
            new AllureCell(r, runtimes.get(r.runtime()), check.catalog().probeFile(claim), check.out()).report();
            if (SuiteSettings.updateExpectations()) {
                return;
            }
            if (r.expected() == null && newRuntimes.isNew(r.runtime(), r.host())) {
                // A release newer than the recorded expectations: news, reported as skipped, never as passed.
                Assumptions.abort(newRuntimes.describe(r));
            }
            if (r.expected() == null) {
                fail("no recorded expectation\n" + Expectations.diff(r, check.expectations().file(r.runtime(), r.host())));
            }
            assertThat(r.verdict())
                    .withFailMessage(() -> "verdict changed\n" + Expectations.diff(r,
                            check.expectations().file(r.runtime(), r.host())))
                    .isEqualTo(r.expected());
            if (r.verdict() == Verdict.SKIPPED) {
                // As recorded, but nothing was checked: JUnit and Allure count it as skipped, with the reason.
                Assumptions.abort("SKIPPED, as recorded: " + r.reason() + (claim.notCheckable() == null ? ""
                        : "; not checkable here: " + claim.notCheckable()));
            }
        });
    }

    @AfterAll
    static void writeReports() {
        if (check == null) {
            return;
        }
        try {
            if (run != null) {
                ResultDocument doc = run.await();
                if (!SuiteSettings.updateExpectations()) {
                    newRuntimes.reports(doc.results()).forEach(n -> System.out.println(n.text()));
                }
                check.finish(doc, System.out);
                new AllureEnvironment(doc.run(), AllureEnvironment.historyDirectory())
                        .writeTo(AllureEnvironment.resultsDirectory());
                System.out.println(Summary.console(doc, check.history(System.out)));
            }
        } finally {
            check.close();
        }
    }
}
