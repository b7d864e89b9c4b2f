package dev.pywasm.compat.report.bisect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.AtomicFile;
import dev.pywasm.compat.report.Fixtures;
import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.ResultSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BisectionTest {

    @TempDir
    Path dir;

    static Bisection.Release release(String version, String python, String emscripten, boolean sampled) {
        return new Bisection.Release(version, new RuntimeIdentity("pyodide-" + version, "pyodide", version, python, emscripten,
                "Emscripten-" + emscripten + "-wasm32-32bit"), sampled);
    }

    static Bisection.Sample sample(String release, Verdict v, String observation) {
        return new Bisection.Sample(release, v, observation, "because " + v, false);
    }

    /** accept-crash on chromium: HOLDS until 0.28.0, STALE from 0.28.1 (Emscripten 3.1.58 -> 4.0.9). */
    static Bisection acceptCrash(String from, String to) {
        List<Bisection.Release> releases = List.of(release("0.27.7", "3.12.7", "3.1.58", true),
                release("0.28.0", "3.12.7", "3.1.58", true), release("0.28.1", "3.13.2", "4.0.9", true),
                release("314.0.7", "3.14.2", "5.0.3", true));
        Bisection.Sample a = sample("0.27.7", Verdict.HOLDS, "crashed: Aborted()");
        Bisection.Sample b = sample("0.28.0", Verdict.HOLDS, "crashed: Aborted()");
        Bisection.Sample c = sample("0.28.1", Verdict.STALE, "raised OSError [EINVAL=28]");
        Bisection.Sample d = sample("314.0.7", Verdict.STALE, "raised OSError [EINVAL=28]");
        Bisection.ClaimBisection claim = new Bisection.ClaimBisection("network.accept-crash", "Network stack",
                "``socket.accept`` crashes the runtime.", a, d, List.of(new Bisection.Flip(b, c, List.of())),
                List.of(a, b, c, d), 0);
        return new Bisection(from, to, "chromium", "verdict", false, releases, List.of(claim), List.of(),
                List.of("network.socketpair"), new Bisection.Cost(4, 6, 2, 61_000), Instant.EPOCH, Instant.EPOCH, "test");
    }

    @Test
    void aChangeIsNamedByItsReleaseAndItsToolchainMove() {
        Bisection b = acceptCrash("0.27.7", "314.0.7");
        assertThat(b.changedIn(b.claims().get(0))).isEqualTo("changed in 0.28.1 (Emscripten 3.1.58 -> 4.0.9)");
        String md = BisectMarkdown.of(b);
        assertThat(md).startsWith("# pywasm-compat bisect: Pyodide 0.27.7 → 314.0.7 on chromium\n")
                .contains("Emscripten in this range: 3.1.58 (0.27.7 … 0.28.0) → 4.0.9 (0.28.1) → 5.0.3 (314.0.7).")
                .contains("| `network.accept-crash` | HOLDS | STALE | 0.28.1 | 3.1.58 → 4.0.9 | 1 |")
                .contains("| release | 0.28.0 | 0.28.1 |")
                .contains("| observation | crashed: Aborted() | raised OSError [EINVAL=28] |")
                .contains("Not searched (a change and a change back between the ends is not looked for; `--exhaustive`")
                .contains("1 min 01 s");
    }

    @Test
    void aNonMonotoneHistoryListsEveryChange() {
        Bisection.Sample h1 = sample("1.0.0", Verdict.HOLDS, "x");
        Bisection.Sample s2 = sample("1.0.1", Verdict.STALE, "y");
        Bisection.Sample h3 = sample("1.0.2", Verdict.HOLDS, "x");
        Bisection.ClaimBisection c = new Bisection.ClaimBisection("a.b", null, null, h1, h3,
                List.of(new Bisection.Flip(h1, s2, List.of()), new Bisection.Flip(s2, h3, List.of())), List.of(h1, s2, h3), 0);
        Bisection b = new Bisection("1.0.0", "1.0.2", "node", "verdict", true,
                List.of(release("1.0.0", "3.12", "3.1.58", true), release("1.0.1", "3.12", "3.1.58", true),
                        release("1.0.2", "3.12", "4.0.9", true)),
                List.of(c), List.of(), List.of(), new Bisection.Cost(3, 3, 0, 1000), Instant.EPOCH, Instant.EPOCH, "t");
        assertThat(c.monotone()).isFalse();
        assertThat(b.changedIn(c)).isEqualTo("changed in 1.0.1 (Emscripten 3.1.58 in both, not a toolchain change), "
                + "then to HOLDS in 1.0.2");
        assertThat(BisectMarkdown.of(b)).contains("**Not monotone: 2 changes found.**")
                .contains("Change 2: 1.0.2 (Emscripten 3.1.58 -> 4.0.9)").contains("| 2 (not monotone) |");
    }

    @Test
    void aFlipAcrossFlakyReleasesNamesThem() {
        Bisection.Sample before = sample("1.0.0", Verdict.HOLDS, "x");
        Bisection.Sample flaky = sample("1.0.1", Verdict.FLAKY, "timed-out");
        Bisection.Sample after = sample("1.0.2", Verdict.STALE, "y");
        Bisection b = new Bisection("1.0.0", "1.0.2", "node", "verdict", false,
                List.of(release("1.0.0", "3.12", "4.0.9", true), release("1.0.1", "3.12", "4.0.9", true),
                        release("1.0.2", "3.12", "4.0.9", true)),
                List.of(new Bisection.ClaimBisection("a.b", null, null, before, after,
                        List.of(new Bisection.Flip(before, after, List.of(flaky))), List.of(before, flaky, after), 0)),
                List.of(), List.of(), new Bisection.Cost(3, 3, 0, 1000), Instant.EPOCH, Instant.EPOCH, "t");
        assertThat(b.changedIn(b.claims().get(0))).isEqualTo("changed in 1.0.1 … 1.0.2 (Emscripten 4.0.9 in both, not a "
                + "toolchain change; 1.0.1 FLAKY between)");
    }

    @Test
    void theJsonFormReadsBack() throws Exception {
        Bisection b = acceptCrash("0.27.7", "314.0.7");
        String json = Json.mapper().writeValueAsString(b);
        assertThat(json).contains("\"schema\" : \"pywasm-compat/bisect/v1\"");
        Bisection back = Json.mapper().readValue(json, Bisection.class);
        assertThat(back.claims().get(0).first().after().release()).isEqualTo("0.28.1");
        assertThat(back.release("0.28.1").emscripten()).isEqualTo("4.0.9");
    }

    @Test
    void aMatrixRunOffersTheBisectionOfEachChangeBetweenNeighboursAndShowsItsAnswer() {
        ResultDocument doc = Fixtures.matrix(Instant.parse("2026-12-01T00:00:00Z"), true);
        ResultSet set = ResultSet.of(dir.resolve("results.json"), doc);
        List<Interval> intervals = Interval.of(set);
        assertThat(intervals).singleElement().satisfies(iv -> {
            assertThat(iv.host()).isEqualTo("chromium");
            assertThat(iv.changes()).containsExactly(new Interval.Change("network.accept-crash", Verdict.HOLDS, Verdict.STALE));
            assertThat(iv.command()).isEqualTo("./pywasm-compat bisect --host chromium --from 0.27.7 --to 314.0.7 "
                    + "--claims network.accept-crash");
        });
        assertThat(ChangeNotes.of(set, List.of())).containsOnlyKeys("network.accept-crash")
                .extractingByKey("network.accept-crash").asList().singleElement().asString()
                .isEqualTo("chromium: HOLDS in pyodide-0.27.7, STALE in pyodide-314.0.7; find the release that changed it: "
                        + "./pywasm-compat bisect --host chromium --from 0.27.7 --to 314.0.7 --claims network.accept-crash "
                        + "(or run --bisect)");
        assertThat(ChangeNotes.of(set, List.of(acceptCrash("0.27.7", "314.0.7")))).extractingByKey("network.accept-crash")
                .asList().containsExactly("chromium: changed in 0.28.1 (Emscripten 3.1.58 -> 4.0.9)");
        assertThat(ChangeNotes.of(set, List.of(acceptCrash("0.26.4", "314.0.7")))).as("a bisection of other ends")
                .extractingByKey("network.accept-crash").asList().singleElement().asString().contains("find the release");
    }

    @Test
    void bisectionsBesideTheResultsAreReadAndABrokenOneIsNamed() throws Exception {
        Bisection b = acceptCrash("0.27.7", "314.0.7");
        AtomicFile.write(dir.resolve("bisect/chromium-0.27.7-314.0.7/bisect.json"), out -> Json.mapper().writeValue(out, b));
        AtomicFile.write(dir.resolve("bisect/node-1-2/bisect.json"), "{ not json");
        List<String> warnings = new ArrayList<>();
        assertThat(ChangeNotes.read(dir, warnings)).singleElement().extracting(Bisection::from).isEqualTo("0.27.7");
        assertThat(warnings).singleElement().asString().contains("node-1-2/bisect.json").contains("bisect again");
    }

    @Test
    void theDashboardSaysOnTheClaimWhichReleaseChangedIt() throws Exception {
        ResultDocument doc = Fixtures.matrix(Instant.parse("2026-12-01T00:00:00Z"), true);
        Bisection b = acceptCrash("0.27.7", "314.0.7");
        AtomicFile.write(dir.resolve("bisect/chromium-0.27.7-314.0.7/bisect.json"), out -> Json.mapper().writeValue(out, b));
        dev.pywasm.compat.report.Reports.write(dir.resolve("results.json"), doc,
                new dev.pywasm.compat.report.Reports.Options().setOut(dir));
        assertThat(dir.resolve("dashboard.html")).content()
                .contains("\"changedIn\":[\"chromium: changed in 0.28.1 (Emscripten 3.1.58 -\\u003E 4.0.9)\"]");
    }
}
