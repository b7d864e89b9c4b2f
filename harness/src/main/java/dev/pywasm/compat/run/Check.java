package dev.pywasm.compat.run;

import dev.pywasm.compat.claim.Catalog;
import dev.pywasm.compat.exec.Sha256;
import dev.pywasm.compat.expect.Expectations;
import dev.pywasm.compat.host.Host;
import dev.pywasm.compat.host.HostKind;
import dev.pywasm.compat.model.DocumentVersion;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.report.drift.DocumentVerdicts;
import dev.pywasm.compat.suite.DocumentVersions;
import dev.pywasm.compat.report.Reports;
import dev.pywasm.compat.report.Summary;
import dev.pywasm.compat.report.history.HistoryStore;
import dev.pywasm.compat.report.history.HistoryView;
import dev.pywasm.compat.runtime.PyodideNpm;
import dev.pywasm.compat.runtime.PyodideReleases;
import dev.pywasm.compat.runtime.SourceBuild;
import dev.pywasm.compat.runtime.Runtime;
import dev.pywasm.compat.runtime.RuntimeKind;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The claim check from options to reports: loads and validates the catalog and expectations,
 * detects the hosts, prepares the runtimes and starts the run. Used by the command line and by the
 * JUnit suite alike, so both check the same thing the same way.
 */
public final class Check implements AutoCloseable {

    private final Layout layout;
    private final CheckOptions options;
    private final Catalog catalog;
    private final DocumentVersions documents;
    private final Expectations expectations;
    private final List<Host> hosts = new ArrayList<>();
    private final Runner runner;
    private final Path workDir;
    private final List<Runtime> runtimes;
    private HistoryView history;
    private boolean historyRead;
    /** The finished cells of the interrupted run being resumed; empty unless {@code --resume}. */
    private final java.util.Map<Cell, dev.pywasm.compat.model.Result> finished;

    public Check(Layout layout, CheckOptions options, PrintStream progress) {
        this.layout = layout;
        this.options = options;
        // Bad input fails here, in one line, before any runtime is resolved or started.
        OutDir.checkWritable(out());
        this.finished = options.resume() ? OutDir.finishedCells(out().resolve("results.json"), options.run().shard())
                : java.util.Map.of();
        this.catalog = Catalog.load(layout.claims(), layout.probes(), HostKind.ids());
        this.documents = DocumentVersions.load(layout.suite(), catalog);
        this.expectations = new Expectations(layout.expectations());
        this.runtimes = runtimes(layout, options, progress);
        try {
            this.workDir = Files.createTempDirectory("pywasm-compat-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            // A source build installs its toolchain first, as `build` does, so the emcc host finds the compiler.
            runtimes.stream().filter(SourceBuild.class::isInstance)
                    .forEach(r -> ((SourceBuild) r).toolchain(progress::println));
            if (options.host().cache() == null) {
                options.host().setCache(layout.cache());
            }
            if (options.host().npm() == null) {
                options.host().setNpm(options.npm());
            }
            boolean all = options.hosts() != null && options.hosts().contains(HostKind.ALL);
            for (String id : hostIds(options)) {
                HostKind kind = HostKind.of(id);
                try {
                    hosts.add(kind.create(new HostKind.Context(workDir.resolve(kind.id()), out().resolve("attachments"),
                            options.host(), progress)));
                } catch (SetupException e) {
                    if (!all) {
                        throw e;
                    }
                    // --hosts all: what is installed (or installs itself); the rest is said, not fatal.
                    progress.println("--hosts all: leaving out " + id + ": " + e.getMessage());
                }
            }
            if (hosts.isEmpty()) {
                throw new SetupException("--hosts all: no host could start (see the lines above)");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        for (Runtime runtime : runtimes) {
            for (Host host : hosts) {
                expectations.validate(runtime.id(), host.id(), catalog);
            }
        }
        options.run().setClaimsSource(describe(layout.claimsSource()));
        options.run().setCatalogDigest(suiteDigest(layout));
        this.runner = new Runner(catalog, expectations, options.run(), progress);
    }

    /**
     * The hosts the options name, else the registry's defaults for the runtime kinds asked for: a
     * matrix's cached source builds add no host (its cells stay those of the four default hosts).
     */
    static List<String> hostIds(CheckOptions options) {
        Set<RuntimeKind> kinds = EnumSet.noneOf(RuntimeKind.class);
        if (!options.pyodideVersions().isEmpty()) {
            kinds.add(RuntimeKind.PYODIDE);
        }
        if (!options.sourceTargets().isEmpty()) {
            kinds.add(RuntimeKind.CPYTHON_SOURCE);
        }
        Set<RuntimeKind> run = kinds.isEmpty() ? EnumSet.of(RuntimeKind.PYODIDE) : kinds;
        if (options.hosts() != null) {
            return HostKind.expand(options.hosts(), run);
        }
        return HostKind.defaults(run);
    }

    public Catalog catalog() {
        return catalog;
    }

    public Expectations expectations() {
        return expectations;
    }

    public List<Host> hosts() {
        return hosts;
    }

    public Path out() {
        return options.out() != null ? options.out() : layout.home().resolve("target").resolve("pywasm-compat");
    }

    /** The versions of the claims source the run reports on (see {@link DocumentVersions}). */
    public DocumentVersions documents() {
        return documents;
    }

    /**
     * Prepares the runtimes and starts every probe. The result file's header records the document versions
     * at once and, when the run ends, each version's verdict set.
     */
    public Runner.Run start() {
        Runner.Run run = runner.start(runtimes, hosts, out().resolve("results.json"), finished);
        List<DocumentVersion> versions = documents.toModel();
        run.file().updateRun(info -> info.withDocuments(versions));
        return new Runner.Run(run.file(), run.cells(), info -> {
            RunInfo done = run.finishing().apply(info);
            return done.withDocuments(DocumentVerdicts.fill(done.documents(), run.file().document().results()));
        }, run.cancel());
    }

    /**
     * The runtimes the options name: Pyodide releases ({@code latest} resolved now; a release named twice
     * runs once), then source builds (built when needed), then the source builds wanted only when cached,
     * each of which is left out with a line saying how to build it when it is not.
     */
    static List<Runtime> runtimes(Layout layout, CheckOptions options, PrintStream progress) {
        List<Runtime> all = new ArrayList<>();
        pyodide(layout, options, progress).forEach((version, how) -> all.add(
                new PyodideNpm(version, layout.cache(), options.npm(), how.isEmpty() ? null : how)));
        options.sourceTargets().stream().distinct().forEach(t -> all.add(
                new SourceBuild(t, layout.cache(), options.cpythonSource(), false, options.toolchain())));
        for (String target : options.cachedSourceTargets()) {
            if (options.sourceTargets().contains(target)) {
                continue;
            }
            SourceBuild build = new SourceBuild(target, layout.cache(), options.cpythonSource(), false, options.toolchain());
            if (build.cached()) {
                all.add(build);
            } else {
                progress.println("Left out " + build.id() + ": CPython built from source for " + target
                        + " is not in the cache " + layout.cache() + " (a matrix never starts that ~15-minute build)."
                        + " Build it with: ./pywasm-compat build --target " + target);
            }
        }
        if (all.isEmpty()) {
            throw new SetupException("nothing to check: name a runtime with --pyodide VERSION or --cpython-build node");
        }
        return all;
    }

    /** The Pyodide releases to check, each once, with how it was resolved ("" when it was named). */
    private static java.util.Map<String, String> pyodide(Layout layout, CheckOptions options, PrintStream progress) {
        java.util.Map<String, String> versions = new java.util.LinkedHashMap<>();
        PyodideReleases releases = new PyodideReleases(layout.cache(), options.npm());
        for (String requested : options.pyodideVersions()) {
            PyodideReleases.Resolved r = releases.resolve(requested, progress::println);
            String how = r.how() == null ? "" : r.how();
            if (versions.containsKey(r.version()) && !how.isEmpty()) {
                progress.println("  " + requested + " is " + r.version() + ", which this run checks already; it runs once");
            }
            versions.merge(r.version(), how, (a, b) -> a.isEmpty() ? b : a);
        }
        return versions;
    }

    /**
     * Writes the Markdown summary, the dashboard and the annotated README next to the results and records
     * the run in the history; with the update flag, rewrites expectations. An interrupted run (see
     * {@link Runner.Run#interrupt}) gets its summary and dashboard but neither: its cells are not the run's.
     */
    public List<Path> finish(ResultDocument doc, PrintStream progress) {
        boolean complete = doc.run().interrupted() == null;
        // A shard is a part of a run: the history records the merged run (see Merge), not its parts.
        boolean whole = options.run().shard().count() == 1;
        List<Path> written = new ArrayList<>(writeReports(layout, out(), doc, history(progress), complete && whole, progress));
        if (!whole && complete) {
            progress.println("Shard " + options.run().shard() + ": not recorded in the history; merge the shards' outputs"
                    + " (./pywasm-compat merge DIR...) to record the run");
        }
        if (options.updateExpectations() && !complete) {
            progress.println("Expectations not updated: the run was interrupted");
        } else if (options.updateExpectations()) {
            List<Path> files = expectations.update(doc.results(), catalog);
            files.forEach(f -> progress.println("Expectations updated: " + f));
            written.addAll(files);
        }
        return written;
    }

    /**
     * The runs recorded before this one, for the summaries' "changed since the previous run"; read once.
     * An unreadable history is said on the progress stream and gives null: the summaries then say the run
     * was not compared (the reports say why too).
     */
    public synchronized HistoryView history(PrintStream progress) {
        if (!historyRead) {
            historyRead = true;
            history = readHistory(layout, progress);
        }
        return history;
    }

    /** The runs recorded in {@code layout}'s history store, or null (said on {@code progress}) when it cannot be read. */
    public static HistoryView readHistory(Layout layout, PrintStream progress) {
        try {
            return HistoryView.of(new HistoryStore(layout.history()).read());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            progress.println("summary: history not read: " + e.getMessage());
            return null;
        }
    }

    /**
     * The "what changed?" reports (see {@link Reports}); the history store is {@code -Dpywasm.history},
     * {@code $PYWASM_COMPAT_HISTORY} or {@code <cache>/history}. A report that cannot be written is said
     * on the progress stream and costs nothing else: the run's results and exit status stand.
     */
    /**
     * What every finished run writes beside its {@code results.json} in {@code out}: {@code summary.md}, then the
     * reports (see {@link #reports}), recording the run in the history when {@code record}; {@code run} and {@code
     * merge} alike. Returns the files, {@code results.json} first.
     */
    public static List<Path> writeReports(Layout layout, Path out, ResultDocument doc, HistoryView history, boolean record,
            PrintStream progress) {
        List<Path> written = new ArrayList<>();
        Path md = out.resolve("summary.md");
        try {
            Files.createDirectories(md.getParent());
            Files.writeString(md, Summary.markdown(doc, history));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + md, e);
        }
        written.add(out.resolve("results.json"));
        written.add(md);
        written.addAll(reports(layout, out, doc, progress, record));
        return written;
    }

    private static List<Path> reports(Layout layout, Path out, ResultDocument doc, PrintStream progress, boolean record) {
        try {
            Reports.Written w = Reports.write(out.resolve("results.json"), doc, new Reports.Options().setOut(out)
                    .setClaimsSource(layout.claimsSource())
                    .setHistory(record ? new HistoryStore(layout.history()) : null));
            w.warnings().forEach(m -> progress.println("reports: " + m));
            return w.files();
        } catch (RuntimeException e) {
            progress.println("reports: could not write the dashboard and annotated README: " + e);
            return List.of();
        }
    }

    /**
     * What a plan records as its suite (see {@code model.Plan#catalog}): SHA-256 over every file of the claims,
     * probes and expectations directories, each as its path relative to its directory and its own SHA-256, in
     * path order. Two shards with the same digest ran the same claims, probes and recorded verdicts.
     */
    public static String suiteDigest(Layout layout) {
        StringBuilder all = new StringBuilder();
        for (Path dir : List.of(layout.claims(), layout.probes(), layout.expectations())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(Files::isRegularFile)
                        .filter(f -> !f.toString().endsWith(".pyc") && !f.toString().contains("__pycache__"))
                        .sorted().toList()) {
                    all.append(dir.getFileName()).append('/').append(dir.relativize(f).toString().replace('\\', '/'))
                            .append(' ').append(Sha256.of(f)).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir, e);
            }
        }
        return "sha256:" + Sha256.of(all.toString());
    }

    /** The claims source as results record it: path and SHA-256. */
    static String describe(Path readme) {
        if (!Files.isRegularFile(readme)) {
            return readme + " (missing)";
        }
        try {
            return readme + " sha256:" + Sha256.of(readme);
        } catch (IOException e) {
            return readme + " (unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
        hosts.forEach(Host::close);
        dev.pywasm.compat.exec.TempFile.deleteTreeQuietly(workDir);
    }
}
