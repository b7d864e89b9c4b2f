package dev.pywasm.compat.suites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ResultFile;
import dev.pywasm.compat.run.CheckOptions;
import dev.pywasm.compat.run.Layout;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale-out on one machine, as the engine files do it (README "Running at scale"; issue 19): real
 * {@code pywasm-compat} processes (the harness's {@code Main} on this build's class path), a shared Chromium behind
 * {@code browser-server}, two shards running at the same time against it, {@code merge}; compared cell for cell with
 * an unsharded run of the same selection in its own Chromium. Then a shard killed mid-run (SIGKILL, by its process
 * handle) and resumed, and a browser server killed mid-shard: its cells are the harness's ERROR naming the server,
 * never a verdict, and {@code --resume} against the restarted server runs them again. A small selection (4 claims,
 * node and chromium, the default runtime) keeps it to a few minutes; everything started is killed by handle. Each
 * process's log and output stay in {@code suites/target/scale-out/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    static final String ONLY = "misc.ctypes,misc.readline,misc.sqlite3,misc.ssl";
    private static final Duration RUN = Duration.ofMinutes(6);
    private static final String HARNESS_FAILED = "the harness failed while running the probe: ";

    /** Every process's log and output, kept for a failure's diagnosis (emptied when the class starts). */
    private static Path dir;

    private static final List<Process> STARTED = new CopyOnWriteArrayList<>();
    private static List<String> pyodide;
    private static Process server;
    private static String url;
    /** The unsharded run's verdicts, cell by cell ({@link Result#key()}). */
    private static Map<String, Verdict> unsharded;
    private static int unshardedExit;
    /** The shard with more cells (the first test's), the one the second test kills. */
    private static int bigger = -1;

    @BeforeAll
    static void startTheSharedBrowserServer() throws Exception {
        Assumptions.assumeTrue(System.getProperty("pywasm.only") == null && System.getProperty("pywasm.matrix") == null
                        && System.getProperty("pywasm.cpython-build") == null,
                "a narrowed run (-Dpywasm.only, -Dpywasm.matrix, a source build) leaves the scale-out check out");
        CheckOptions fromProperties = SuiteSettings.fromSystemProperties(Layout.defaults());
        Assumptions.assumeTrue(fromProperties.hosts() == null || fromProperties.hosts().contains("chromium"),
                "-Dpywasm.hosts leaves chromium out");
        pyodide = fromProperties.pyodideVersions() == null ? List.of() : fromProperties.pyodideVersions();
        dir = Layout.defaults().home().resolve("suites/target/scale-out");
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        tmp = Files.createTempDirectory("pywasm-scale-");
        int port = freePort();
        server = browserServer("server", port);
        url = "ws://127.0.0.1:" + port + "/pywasm";
        // The reference: the same selection unsharded, in a Chromium of its own.
        unshardedExit = finish(harness("unsharded", run("unsharded", "node,chromium")), "unsharded");
        ResultDocument whole = ResultFile.read(dir.resolve("unsharded/results.json"));
        assertThat(whole.results()).hasSize(whole.run().planned()).hasSize(ONLY.split(",").length * 2);
        unsharded = verdicts(whole);
    }

    /**
     * Stops what is still running: SIGTERM first, so a harness process's shutdown hooks stop its browser server
     * and delete playwright-java's unpacked driver (~126 MB each in the temporary directory), then kills what is left
     * by handle. (What the SIGKILLs of the tests leave goes with {@link #tmp}.)
     */
    @AfterAll
    static void stopEverythingStarted() throws InterruptedException {
        STARTED.stream().filter(Process::isAlive).forEach(Process::destroy);
        for (Process p : STARTED) {
            p.waitFor(15, TimeUnit.SECONDS);
        }
        STARTED.forEach(p -> killTree(p.toHandle()));
        for (Process p : STARTED) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        dev.pywasm.compat.exec.TempFile.deleteTreeQuietly(tmp);
    }

    @Test
    @Order(1)
    void twoShardsAtOnceAgainstOneSharedChromiumMergeToExactlyTheUnshardedRun() throws Exception {
        Process s0 = harness("shard-0", shard("shard-0", 0, 2));
        Process s1 = harness("shard-1", shard("shard-1", 1, 2));
        assertThat(finish(s0, "shard-0")).isEqualTo(finish(s1, "shard-1"));
        ResultDocument d0 = ResultFile.read(dir.resolve("shard-0/results.json"));
        ResultDocument d1 = ResultFile.read(dir.resolve("shard-1/results.json"));
        assertThat(d0.run().startedAt()).as("the shards ran at the same time").isBefore(d1.run().finishedAt());
        assertThat(d1.run().startedAt()).as("the shards ran at the same time").isBefore(d0.run().finishedAt());
        for (ResultDocument d : List.of(d0, d1)) {
            assertThat(d.run().hosts()).filteredOn(h -> h.id().equals("chromium"))
                    .singleElement().satisfies(h -> assertThat(h.notes()).startsWith("browser server at " + url));
        }
        assertThat(d0.results()).as("each shard ran some cells").isNotEmpty();
        assertThat(d1.results()).as("each shard ran some cells").isNotEmpty();
        bigger = d1.results().size() >= d0.results().size() ? 1 : 0;

        int merged = finish(harness("merge", "merge", dir.resolve("shard-0").toString(), dir.resolve("shard-1").toString(),
                "--out", dir.resolve("merged").toString()), "merge");
        assertThat(verdicts(ResultFile.read(dir.resolve("merged/results.json"))))
                .as("the merged shards' cells and verdicts").isEqualTo(unsharded);
        assertThat(merged).as("merge's exit status is the run's").isEqualTo(unshardedExit);
    }

    @Test
    @Order(2)
    void aShardKilledMidRunAndResumedMergesToTheSameResult() throws Exception {
        Assumptions.assumeTrue(bigger >= 0, "needs the first test's shards");
        Process killed = harness("killed", shard("killed", bigger, 2));
        awaitLine("killed", l -> l.startsWith("[  1/"), killed);
        killTree(killed.toHandle()); // SIGKILL: no shutdown hook, no "interrupted" record, as a lost machine
        ResultDocument partial = ResultFile.read(dir.resolve("killed/results.json"));
        assertThat(partial.results()).as("killed mid-run").isNotEmpty().hasSizeLessThan(partial.run().planned());

        List<String> resume = new ArrayList<>(List.of(shard("killed", bigger, 2)));
        resume.add("--resume");
        finish(harness("resumed", resume.toArray(String[]::new)), "resumed");
        assertThat(Files.readAllLines(dir.resolve("resumed.log"))).filteredOn(l -> l.endsWith("(kept)"))
                .as("the cells finished before the kill are kept").hasSize(partial.results().size());
        finish(harness("merge-resumed", "merge", dir.resolve("shard-" + (1 - bigger)).toString(), dir.resolve("killed").toString(),
                "--out", dir.resolve("merged-resumed").toString()), "merge-resumed");
        assertThat(verdicts(ResultFile.read(dir.resolve("merged-resumed/results.json"))))
                .as("the killed and resumed shard merged with the other").isEqualTo(unsharded);
    }

    @Test
    @Order(3)
    void aBrowserServerGoneMidShardCostsItsCellsTheHarnessesErrorNeverAVerdictAndResumeRunsThemAgain() throws Exception {
        int port = freePort();
        String gone = "ws://127.0.0.1:" + port + "/pywasm";
        Process second = browserServer("server-gone", port);
        Process shard = harness("gone", run("gone", "chromium", "--jobs", "1", "--reruns", "1", "--browser-server",
                "chromium=" + gone));
        awaitLine("gone", l -> l.startsWith("[  1/"), shard);
        int before = ResultFile.read(dir.resolve("gone/results.json")).results().size();
        killTree(second.toHandle());
        finish(shard, "gone");
        ResultDocument doc = ResultFile.read(dir.resolve("gone/results.json"));
        assertThat(doc.results()).hasSize(doc.run().planned()).hasSize(ONLY.split(",").length);
        List<Result> after = doc.results().subList(before, doc.results().size());
        // A cell or two may finish between the count and the kill, with the unsharded run's verdict; from the first
        // ERROR on, every cell is the harness's ERROR (rerun), never a verdict.
        int firstError = (int) after.stream().takeWhile(r -> r.verdict() != Verdict.ERROR).count();
        assertThat(after.subList(0, firstError)).allSatisfy(r -> assertThat(r.verdict()).as(r.key() + " before the kill")
                .isEqualTo(unsharded.get(r.key())));
        assertThat(after.subList(firstError, after.size())).as("cells after the server went away (of %s)", after)
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.verdict()).as(r.key() + ": " + r.reason()).isEqualTo(Verdict.ERROR);
                    // Which of Playwright's errors says so depends on where the cell was when the server died: its
                    // connection, its browser or its page.
                    assertThat(r.reason()).as(r.key()).contains(HARNESS_FAILED).containsAnyOf("browser server at " + gone,
                            "Browser has been closed", "Target page, context or browser has been closed");
                    assertThat(r.attempts()).as(r.key() + ": rerun").hasSize(2);
                });
        assertThat(after.get(after.size() - 1).reason()).as("the last cell, well after the kill")
                .contains("cannot connect to the browser server at " + gone);

        browserServer("server-back", port);
        String[] resume = run("gone", "chromium", "--jobs", "1", "--reruns", "1", "--browser-server", "chromium=" + gone,
                "--resume");
        finish(harness("gone-resumed", resume), "gone-resumed");
        Map<String, Verdict> resumed = verdicts(ResultFile.read(dir.resolve("gone/results.json")));
        Map<String, Verdict> chromium = unsharded.entrySet().stream().filter(e -> e.getKey().contains("@ chromium"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(resumed).as("resumed against the restarted server").isEqualTo(chromium);
    }

    private static String[] run(String out, String hosts, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--only", ONLY, "--hosts", hosts, "--out",
                dir.resolve(out).toString()));
        pyodide.forEach(v -> args.addAll(List.of("--pyodide", v)));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String[] shard(String out, int index, int count) {
        return run(out, "node,chromium", "--shard", index + "/" + count, "--jobs", "1", "--browser-server", "chromium=" + url);
    }

    /**
     * The processes' temporary directory (their java.io.tmpdir and TMPDIR), deleted when the class ends: what a
     * SIGKILLed process leaves (playwright-java's unpacked driver, Playwright's artifacts directory) goes with it.
     * Short, under the machine's own temporary directory: Chromium's singleton socket lives in TMPDIR, and a Unix
     * socket path has at most 107 bytes.
     */
    private static Path tmp;

    /** {@code pywasm-compat ARGS} as its own process, output in {@code NAME.log}, history kept out of the user's. */
    private static Process harness(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dpywasm.home=" + Layout.defaults().home(), "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "dev.pywasm.compat.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("PYWASM_COMPAT_HISTORY", dir.resolve("history").toString());
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        STARTED.add(p);
        return p;
    }

    private static Process browserServer(String name, int port) throws Exception {
        Process p = harness(name, "browser-server", "--browser", "chromium", "--port", String.valueOf(port),
                "--ws-path", "/pywasm");
        awaitLine(name, l -> l.equals("ws://127.0.0.1:" + port + "/pywasm"), p);
        return p;
    }

    /** Waits for the process to end; its exit status, or a failure with its log's last lines. */
    private static int finish(Process p, String name) throws Exception {
        boolean done = p.waitFor(RUN.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            killTree(p.toHandle());
        }
        assertThat(done).as("%s did not end within %s; %s", name, RUN, tail(name)).isTrue();
        assertThat(p.exitValue()).as("%s: exit status (0 or 1, differences); %s", name, tail(name)).isIn(0, 1);
        return p.exitValue();
    }

    private static void awaitLine(String name, Predicate<String> line, Process p) throws Exception {
        long deadline = System.nanoTime() + RUN.toNanos();
        while (System.nanoTime() < deadline) {
            Path log = dir.resolve(name + ".log");
            if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(line)) {
                return;
            }
            assertThat(p.isAlive()).as("%s ended before the line awaited; %s", name, tail(name)).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError(name + ": the line awaited did not come within " + RUN + "; " + tail(name));
    }

    private static String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return "last lines of " + name + ".log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "no " + name + ".log";
        }
    }

    /** Kills a process and everything below it, leaves first taken as a list, and waits for each to end. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("process " + p.pid() + " did not end after SIGKILL", e);
            }
        }
    }

    private static Map<String, Verdict> verdicts(ResultDocument doc) {
        Map<String, Verdict> v = new LinkedHashMap<>();
        doc.results().forEach(r -> v.put(r.key(), r.verdict()));
        return new java.util.TreeMap<>(v);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
