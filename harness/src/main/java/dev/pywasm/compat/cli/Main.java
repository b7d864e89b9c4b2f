package dev.pywasm.compat.cli;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.claim.CatalogException;
import dev.pywasm.compat.claim.Claim;
import dev.pywasm.compat.claim.ReadmeCoverage;
import dev.pywasm.compat.suite.DocumentVersions;
import dev.pywasm.compat.expect.ExpectationException;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.expect.NewRuntimes;
import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.host.NodeHost;
import dev.pywasm.compat.host.chromium.ChromiumHost;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.report.Summary;
import dev.pywasm.compat.run.Check;
import dev.pywasm.compat.run.CheckOptions;
import dev.pywasm.compat.run.Layout;
import dev.pywasm.compat.run.Matrix;
import dev.pywasm.compat.run.Reruns;
import dev.pywasm.compat.run.Runner;
import dev.pywasm.compat.run.Shard;
import dev.pywasm.compat.runtime.PyodideReleases;
import dev.pywasm.compat.runtime.SetupException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code pywasm-compat} command line. */
@Command(name = "pywasm-compat", mixinStandardHelpOptions = true, version = "pywasm-compat 0.1.0",
        description = "Checks the limitations CPython's Tools/wasm/README.md claims against real wasm Pythons.",
        subcommands = {Main.RunCommand.class, Main.ListCommand.class, Main.CheckCatalogCommand.class, BenchCommand.class,
                BuildCommand.class, DiffCommand.class, ReportCommand.class, BisectCommand.class, InitSuiteCommand.class, MergeCommand.class,
                BrowserServerCommand.class})
public final class Main {

    /** Exit status when verdicts differ from the recorded expectations. */
    public static final int DIFFERS = 1;
    /** Exit status for bad input or a missing tool. */
    public static final int SETUP = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SetupException || e instanceof CatalogException || e instanceof ExpectationException
                    || e instanceof IllegalArgumentException) {
                cmd.getErr().println("pywasm-compat: " + e.getMessage());
                return SETUP;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run every claim's probe on the chosen hosts and runtimes; write results.json and summary.md.")
    static final class RunCommand implements Callable<Integer> {

        @Option(names = "--pyodide", split = ",", paramLabel = "VERSION",
                description = "Pyodide version(s) from npm, comma separated; 'latest' is the registry's latest "
                        + "dist-tag, resolved when the run starts (default: latest, or none when --cpython-build is given).")
        List<String> pyodide;

        @Option(names = "--matrix", paramLabel = "PRESET",
                description = "Check a named set of runtimes in one run: nightly = Pyodide 0.23.4, 0.25.1, 0.26.4, "
                        + "0.28.3, 314.0.7 (Emscripten 3.1.32 to 5.0.3), latest and, when its build is cached, "
                        + "cpython-3.11-node. Not with --pyodide.")
        String matrix;

        @Option(names = "--reruns", paramLabel = "N",
                description = "Run a cell whose verdict differs from the recorded one (or, with none recorded, "
                        + "is CRASH, TIMEOUT or ERROR) up to N more times; disagreeing attempts make it FLAKY "
                        + "(default: " + Reruns.DEFAULT_MAX + "; 0: off).")
        Integer reruns;

        @Option(names = "--cpython-build", split = ",", paramLabel = "TARGET",
                description = "Also check CPython built from source by the README's recipe for these targets "
                        + "(node, browser); builds it first unless cached (see the build command).")
        List<String> cpythonBuild = List.of();

        @Option(names = "--cpython-source", paramLabel = "PATH",
                description = "CPython source tree or tarball for --cpython-build (default: Debian's python3.11 source).")
        Path cpythonSource;

        @Option(names = "--emsdk", paramLabel = "PATH",
                description = "The emsdk whose emcc builds --cpython-build and serves the emcc host (default: $EMSDK, "
                        + "else emcc on PATH, else Debian's emscripten); builds are cached per emcc version.")
        Path emsdk;

        @Option(names = "--hosts", split = ",", paramLabel = "HOST",
                description = "Hosts to run on: node, chromium, chromium-plain, chromium-badmime, firefox, firefox-plain, webkit, deno, bun, "
                        + "emcc, or all "
                        + "(every host that starts here; the others are named and left out). Default: node and the "
                        + "chromium hosts; emcc too when --cpython-build is given.")
        List<String> hosts;

        @Option(names = "--only", split = ",", paramLabel = "GLOB",
                description = "Only claims whose id matches one of these globs, e.g. 'network.*'.")
        List<String> only = List.of();

        @Option(names = {"-j", "--jobs"}, description = "Probes run at once (default: number of cores).")
        Integer jobs;

        @Option(names = "--out", paramLabel = "DIR", description = "Where results.json and summary.md go "
                + "(default: target/pywasm-compat in the checkout).")
        Path out;

        @Option(names = "--node", paramLabel = "PATH", description = "The node binary (default: node on PATH).")
        String node;

        @Option(names = "--python", paramLabel = "PATH",
                description = "The CPython the native control host runs (default: python3 on PATH).")
        String python;

        @Option(names = "--node-isolation", paramLabel = "worker|process",
                description = "How Node isolates probes: a fresh worker restoring a snapshot (worker, default) "
                        + "or a fresh node process (process). Also PYWASM_COMPAT_NODE_ISOLATION.")
        String nodeIsolation;

        @Option(names = "--warm-workers", paramLabel = "N",
                description = "Fresh runtimes each node (deno, bun) pool and each chromium page keeps restored ahead of "
                        + "its probes, each used by one probe only (default: 2; 0: restore when the probe comes).")
        Integer warmWorkers;

        @Option(names = "--deno", paramLabel = "PATH",
                description = "The deno binary of the deno host (default: PYWASM_DENO, else Deno from npm in the cache).")
        String deno;

        @Option(names = "--bun", paramLabel = "PATH",
                description = "The bun binary of the bun host (default: PYWASM_BUN, else Bun from npm in the cache).")
        String bun;

        @Option(names = "--firefox", paramLabel = "PATH",
                description = "The Firefox binary of the firefox hosts (default: PYWASM_FIREFOX, then /usr/bin/firefox-esr; "
                        + "installed with apt-get when missing and root).")
        String firefox;

        @Option(names = "--webkit", paramLabel = "PATH",
                description = "The WebKitWebDriver of the webkit host (default: PYWASM_WEBKIT_DRIVER, then /usr/bin/WebKitWebDriver; "
                        + "webkit2gtk-driver and xvfb installed with apt-get when missing and root).")
        String webkit;

        @Option(names = "--chromium", paramLabel = "PATH",
                description = "The Chromium binary (default: PYWASM_CHROMIUM, then /usr/bin/chromium; installed "
                        + "with apt-get when missing and root).")
        String chromium;

        @Option(names = "--chromium-isolation", paramLabel = "worker|page",
                description = "How Chromium isolates probes: a fresh Web Worker restoring a snapshot (worker, default) "
                        + "or a fresh browser context and page loading Pyodide (page). Also PYWASM_COMPAT_CHROMIUM_ISOLATION.")
        String chromiumIsolation;

        @Option(names = "--cdp-endpoint", paramLabel = "URL",
                description = "Use a running browser over CDP instead of launching one (also PYWASM_CDP_ENDPOINT).")
        String cdpEndpoint;

        @Option(names = "--browser-server", paramLabel = "BROWSER=URL", mapFallbackValue = "",
                description = "Use a running Playwright browser server instead of launching the browser: chromium=ws://... "
                        + "for the chromium hosts, firefox=ws://... for the firefox hosts (repeatable; start one with "
                        + "the browser-server command). A server that goes away fails its cells as the harness's ERROR, rerun.")
        java.util.Map<String, String> browserServers;

        @Option(names = "--browser-jobs", paramLabel = "N",
                description = "At most N probes in browsers at once, across the browser hosts (default: only --jobs bounds them).")
        Integer browserJobs;

        @Option(names = "--output-limit", paramLabel = "BYTES",
                description = "What one probe may print (stdout and stderr together) before its host ends it with "
                        + "the verdict ERROR (output limit); default 4194304 (4 MiB).")
        Long outputLimit;

        @Option(names = "--update-expectations",
                description = "Rewrite the recorded expectations from this run's verdicts.")
        boolean update;

        @Option(names = "--bisect",
                description = "After the run, bisect every claim whose verdict differs between two neighbouring Pyodide "
                        + "runtimes of it (e.g. of --matrix nightly) over the npm releases between them; the dashboard "
                        + "then says which release changed it (see the bisect command).")
        boolean bisect;

        @Option(names = "--resume",
                description = "Continue the interrupted run in --out (same options): its finished cells are kept, "
                        + "the rest run.")
        boolean resume;

        @Option(names = "--shard", paramLabel = "I/N",
                description = "Run only shard I of N (I from 0 to N-1): the cells whose stable hash (SHA-256 of claim, "
                        + "host and runtime) modulo N is I; results.json records the whole plan and this part of it, "
                        + "and the merge command joins the N outputs into one run (see README \"Running at scale\").")
        String shard;

        @CommandLine.Mixin
        SuiteOption suite = new SuiteOption();

        @Override
        public Integer call() {
            PrintStream progress = System.err;
            Shard part = shard == null ? Shard.ALL : Shard.parse(shard, "--shard");
            Layout layout = suite.layout();
            if (matrix != null && pyodide != null) {
                throw new IllegalArgumentException("--matrix and --pyodide name the runtimes both; give one of them");
            }
            List<String> versions = pyodide != null ? pyodide
                    : cpythonBuild.isEmpty() ? List.of(PyodideReleases.LATEST) : List.of();
            CheckOptions options = new CheckOptions().setPyodideVersions(versions);
            if (matrix != null) {
                options.setMatrix(Matrix.parse(matrix));
            }
            options.setSourceTargets(cpythonBuild).setCpythonSource(cpythonSource).setEmsdk(emsdk).setOut(out)
                    .setUpdateExpectations(update).setResume(resume);
            if (hosts != null) {
                options.setHosts(hosts);
            } else if (!layout.suite().hosts().isEmpty()) {
                options.setHosts(layout.suite().hosts());
            }
            options.host().setNode(node).setChromium(chromium).setCdpEndpoint(cdpEndpoint).setPython(python)
                    .setEngineBinary("deno", deno).setEngineBinary("bun", bun).setEngineBinary("firefox", firefox)
                    .setEngineBinary("webkit", webkit).setBrowserServers(browserServers);
            if (browserJobs != null) {
                options.host().setBrowserJobs(browserJobs);
            }
            if (warmWorkers != null) {
                options.host().setWarmWorkers(warmWorkers);
            }
            if (nodeIsolation != null) {
                options.host().setNodeIsolation(NodeHost.Isolation.parse(nodeIsolation));
            }
            if (chromiumIsolation != null) {
                options.host().setChromiumIsolation(ChromiumHost.Isolation.parse(chromiumIsolation));
            }
            options.run().setOnly(only).setTool("pywasm-compat 0.1.0").setShard(part);
            if (jobs != null) {
                options.run().setJobs(jobs);
            }
            if (reruns != null) {
                options.run().setReruns(reruns);
            }
            if (outputLimit != null) {
                options.run().setOutputBytes(outputLimit);
            }
            long start = System.nanoTime();
            java.util.concurrent.atomic.AtomicReference<Check> checking = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicReference<Runner.Run> running = new java.util.concurrent.atomic.AtomicReference<>();
            Interrupts.install(signal -> Stop.afterSignal(signal.name(), checking.get(), running.get(), progress));
            try (Check check = new Check(layout, options, progress)) {
                checking.set(check);
                Runner.Run run = check.start();
                running.set(run);
                ResultDocument doc = run.await();
                Interrupts.awaitStop();
                List<String> changes = BisectCommand.afterRun(layout, check.out(), doc, bisect, progress);
                List<Path> written = check.finish(doc, progress);
                PrintStream out = System.out;
                out.println();
                out.print(Summary.console(doc, check.history(progress)));
                out.println();
                written.forEach(p -> out.println("Wrote " + p));
                if (!changes.isEmpty()) {
                    out.println("\nChanged between neighbouring runtimes" + (bisect ? ":" : " (find the release with the "
                            + "command, or run with --bisect):"));
                    changes.forEach(c -> out.println("  " + c));
                }
                out.printf("%d results in %s%n", doc.results().size(),
                        Duration.ofNanos(System.nanoTime() - start).withNanos(0).toString().substring(2).toLowerCase());
                if (update) {
                    return 0;
                }
                return compared(doc, check.expectations(), out);
            }
        }
    }

    /**
     * Says how the run's verdicts compare with the recorded expectations (news of a new runtime, each
     * difference, the unrecorded ones) and returns the exit status: 0 when they all match, else {@link #DIFFERS}.
     */
    static int compared(ResultDocument doc, Expectations expectations, PrintStream out) {
        NewRuntimes news = new NewRuntimes(expectations);
        news.reports(doc.results()).forEach(n -> out.println("\n" + n.text()));
        List<Result> unrecorded = doc.results().stream()
                .filter(r -> r.expected() == null && !news.isNew(r.runtime(), r.host())).toList();
        List<Result> differing = doc.results().stream().filter(Result::unexpected).toList();
        differing.forEach(r -> out.println("\n" + Expectations.diff(r,
                expectations.file(r.runtime(), r.host()))));
        if (!unrecorded.isEmpty()) {
            out.println("\n" + unrecorded.size() + " result(s) have no recorded expectation, e.g. "
                    + unrecorded.get(0).key() + "; record them with --update-expectations.");
        }
        return differing.isEmpty() && unrecorded.isEmpty() ? 0 : DIFFERS;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the claims of the catalog.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Mixin
        SuiteOption suite = new SuiteOption();

        @Override
        public Integer call() {
            Layout layout = suite.layout();
            Catalog catalog = Catalog.load(layout.claims(), layout.probes(), HostKind.ids());
            for (Claim c : catalog.claims()) {
                System.out.printf("%-34s %-15s %s%n", c.id(), String.join(",", c.hosts().stream().sorted().toList()),
                        c.shortQuote());
            }
            System.out.println(catalog.claims().size() + " claims");
            return 0;
        }
    }

    @Command(name = "check-catalog", mixinStandardHelpOptions = true,
            description = "Validate the catalog and check it quotes and covers the claims source exactly.")
    static final class CheckCatalogCommand implements Callable<Integer> {
        @Option(names = "--claims-source", paramLabel = "README", description = "The README the claims quote.")
        Path source;

        @CommandLine.Mixin
        SuiteOption suite = new SuiteOption();

        @Override
        public Integer call() {
            Layout layout = suite.layout();
            Catalog catalog = Catalog.load(layout.claims(), layout.probes(), HostKind.ids());
            Path readme = source != null ? source : layout.claimsSource();
            ReadmeCoverage coverage = ReadmeCoverage.of(readme, layout.suite().primary().coverage());
            List<Claim> made = catalog.claims().stream().filter(c -> layout.suite().primary().makes(c.id())).toList();
            List<Claim> misquoted = coverage.misquoted(made);
            List<ReadmeCoverage.Sentence> uncovered = coverage.uncovered(made, catalog.notCheckable());
            List<String> problems = coverage.problems(made, catalog.notCheckable());
            misquoted.forEach(c -> System.out.println("not in " + readme.getFileName() + " word for word: " + c.id()
                    + " (" + c.source() + "): \"" + c.quote() + "\""));
            problems.forEach(System.out::println);
            uncovered.forEach(s -> System.out.println("no claim and no not_checkable entry covers " + s));
            System.out.println(catalog.claims().size() + " claims, " + coverage.sentences().size()
                    + " README sentences, " + catalog.notCheckable().size() + " not checkable, " + misquoted.size()
                    + " misquoted, " + uncovered.size() + " uncovered");
            // Every later version's quotes, word for word in its own document (a problem stops here, exit 2).
            DocumentVersions versions = DocumentVersions.load(layout.suite(), catalog);
            versions.versions().stream().skip(1).forEach(v -> System.out.println("version " + v.id() + ": "
                    + v.quotes().size() + " quotes, all in " + v.document().getFileName() + " word for word"));
            return misquoted.isEmpty() && uncovered.isEmpty() && problems.isEmpty() ? 0 : DIFFERS;
        }
    }
}
