package dev.pywasm.compat.report;

import dev.pywasm.compat.model.HostIdentity;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One or more result documents read as one matrix: the reports' input. A matrix run is one document
 * with several runtimes; runs of one runtime each (yesterday's nightly, today's) can be read together
 * too. When two documents have the same cell (claim x host x runtime), the later one given wins.
 */
public final class ResultSet {

    /**
     * One document and where it was read from.
     *
     * @param path the results.json it was read from, or null when it never was on disk
     * @param doc  the document
     */
    public record Source(Path path, ResultDocument doc) {
        public Source {
            Objects.requireNonNull(doc, "doc");
            path = path == null ? null : path.toAbsolutePath().normalize();
        }

        /** For messages and tables: the file, else the run's start. */
        public String label() {
            return path != null ? path.toString() : "run of " + doc.run().startedAt();
        }
    }

    private final List<Source> sources;
    private final Map<String, Result> cells = new LinkedHashMap<>();
    private final Map<String, Source> sourceOfCell = new LinkedHashMap<>();

    private ResultSet(List<Source> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no result documents given");
        }
        this.sources = List.copyOf(sources);
        for (Source s : this.sources) {
            for (Result r : s.doc().results()) {
                cells.put(r.key(), r);
                sourceOfCell.put(r.key(), s);
            }
        }
    }

    public static ResultSet of(Path path, ResultDocument doc) {
        return new ResultSet(List.of(new Source(path, doc)));
    }

    public static ResultSet of(List<Source> sources) {
        return new ResultSet(sources);
    }

    /** Reads every file; a missing, corrupt or foreign file fails with its name. */
    public static ResultSet read(List<Path> files) {
        List<Source> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(new Source(f, ResultFile.read(f)));
        }
        return new ResultSet(sources);
    }

    public List<Source> sources() {
        return sources;
    }

    /** Every cell once, in the order the documents list them. */
    public List<Result> results() {
        return List.copyOf(cells.values());
    }

    /** The document a cell was read from. */
    public Source sourceOf(Result r) {
        return sourceOfCell.get(r.key());
    }

    /** The run a cell belongs to. */
    public RunInfo runOf(Result r) {
        Source s = sourceOf(r);
        return s == null ? sources.get(0).doc().run() : s.doc().run();
    }

    /** The runtimes of every document (first identity per id), oldest Emscripten first. */
    public List<RuntimeIdentity> runtimes() {
        Map<String, RuntimeIdentity> byId = new LinkedHashMap<>();
        sources.forEach(s -> s.doc().run().runtimes().forEach(rt -> byId.putIfAbsent(rt.id(), rt)));
        // A runtime that results name but the header does not (an older file) still gets a column.
        cells.values().forEach(r -> byId.putIfAbsent(r.runtime(), new RuntimeIdentity(r.runtime(), null, null, null, null, null)));
        List<RuntimeIdentity> all = new ArrayList<>(byId.values());
        all.sort(VersionOrder.BY_EMSCRIPTEN);
        return all;
    }

    /** The hosts of every document (first identity per id), in the order the runs list them. */
    public List<HostIdentity> hosts() {
        Map<String, HostIdentity> byId = new LinkedHashMap<>();
        sources.forEach(s -> s.doc().run().hosts().forEach(h -> byId.putIfAbsent(h.id(), h)));
        cells.values().forEach(r -> byId.putIfAbsent(r.host(), new HostIdentity(r.host(), null, null, null, null)));
        return List.copyOf(byId.values());
    }

    public RuntimeIdentity runtime(String id) {
        return runtimes().stream().filter(rt -> rt.id().equals(id)).findFirst().orElse(null);
    }

    /** The latest run start of all documents: "when" for the whole set. */
    public RunInfo latestRun() {
        return sources.stream().map(s -> s.doc().run())
                .max(Comparator.comparing(RunInfo::startedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow();
    }
}
