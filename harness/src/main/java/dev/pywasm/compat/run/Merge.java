package dev.pywasm.compat.run;

import dev.pywasm.compat.model.Plan;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.report.drift.DocumentVerdicts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The shards of one run joined into the run's own result document ({@code merge}): every shard must be there
 * once, finished, from the same plan (catalog, claims source, runtimes and hosts with the same identities),
 * holding exactly its own cells (by {@link Shard#bucket}); then the merged document is the one an unsharded run
 * writes: every cell of the plan, in plan order, the header's times spanning the shards, each runtime's host
 * notes joined, the document versions' verdicts filled from all cells. Anything else is a {@link MergeException}
 * naming the shard's file and what to do.
 */
public final class Merge {

    /** A shard's result document and the file it came from. */
    public record Input(Path file, ResultDocument doc) {
    }

    /** Why shard outputs cannot be merged; a bad input (exit status 2). */
    public static final class MergeException extends IllegalArgumentException {
        MergeException(String message) {
            super(message);
        }
    }

    private Merge() {
    }

    public static ResultDocument of(List<Input> inputs) {
        if (inputs.isEmpty()) {
            throw new MergeException("merge: no shard outputs given");
        }
        for (Input in : inputs) {
            RunInfo run = in.doc().run();
            if (run.plan() == null) {
                throw new MergeException(in.file() + ": records no plan (written before issue 19, or not by run); "
                        + "only the outputs of run --shard I/N can be merged");
            }
            if (run.interrupted() != null || run.finishedAt() == null) {
                throw new MergeException(in.file() + ": shard " + run.plan().shard() + " did not finish ("
                        + (run.interrupted() != null ? "interrupted by " + run.interrupted().signal() + " after "
                        + run.interrupted().done() + " of " + run.interrupted().planned() + " results" : "no finishedAt")
                        + "); resume it with its own options, --out " + in.file().toAbsolutePath().getParent()
                        + " and --resume, then merge again");
            }
        }
        Input first = inputs.get(0);
        Plan plan = first.doc().run().plan();
        int count = Shard.parse(plan.shard(), first.file() + ": shard").count();
        for (Input in : inputs.subList(1, inputs.size())) {
            same(first, in, "claims source", r -> r.claimsSource());
            same(first, in, "catalog (claims, probes and expectations: plan.catalog)", r -> r.plan().catalog());
            same(first, in, "runtimes", r -> r.runtimes().stream().map(Merge::identity).toList());
            same(first, in, "hosts", r -> r.hosts().stream().map(h -> h.id() + " " + h.version()).toList());
            same(first, in, "shard count", r -> Shard.parse(r.plan().shard(), in.file() + ": shard").count());
            same(first, in, "plan (claims x runtime, host pairs: plan.digest)", r -> r.plan().digest());
        }
        if (!Runner.digest(plan).equals(plan.digest())) {
            throw new MergeException(first.file() + ": plan.digest does not match its claims and pairs (edited by hand?)");
        }
        Map<Integer, Input> byIndex = new TreeMap<>();
        for (Input in : inputs) {
            Shard shard = Shard.parse(in.doc().run().plan().shard(), in.file() + ": shard");
            Input twice = byIndex.put(shard.index(), in);
            if (twice != null) {
                throw new MergeException("shard " + shard + " given twice: " + twice.file() + " and " + in.file());
            }
        }
        for (int i = 0; i < count; i++) {
            if (!byIndex.containsKey(i)) {
                throw new MergeException("shard " + i + "/" + count + " is missing (given: " + byIndex.values().stream()
                        .map(in -> in.doc().run().plan().shard() + " " + in.file()).toList()
                        + "); run it with --shard " + i + "/" + count + " and merge every shard's output");
            }
        }
        Map<Cell, Result> cells = new LinkedHashMap<>();
        Map<Cell, Path> from = new LinkedHashMap<>();
        for (Map.Entry<Integer, Input> e : byIndex.entrySet()) {
            Input in = e.getValue();
            for (Result r : in.doc().results()) {
                Cell cell = new Cell(r.claimId(), r.host(), r.runtime());
                Path earlier = from.put(cell, in.file());
                if (earlier != null) {
                    throw new MergeException("duplicated cell " + cell + ": in " + earlier + " and " + in.file());
                }
                cells.put(cell, r);
            }
        }
        for (Map.Entry<Integer, Input> e : byIndex.entrySet()) {
            for (Result r : e.getValue().doc().results()) {
                Cell cell = new Cell(r.claimId(), r.host(), r.runtime());
                if (Shard.bucket(cell, count) != e.getKey()) {
                    throw new MergeException(e.getValue().file() + ": cell " + cell + " is not shard " + e.getKey() + "/"
                            + count + "'s (its hash puts it in shard " + Shard.bucket(cell, count) + "/" + count + ")");
                }
            }
        }
        List<Result> ordered = new ArrayList<>();
        for (Plan.Pair p : plan.pairs()) {
            for (String claim : plan.claims()) {
                Cell cell = new Cell(claim, p.host(), p.runtime());
                Result r = cells.remove(cell);
                if (r == null) {
                    int owner = Shard.bucket(cell, count);
                    throw new MergeException("cell " + cell + " of the plan is missing from shard " + owner + "/" + count
                            + " (" + byIndex.get(owner).file() + ")");
                }
                ordered.add(r);
            }
        }
        if (!cells.isEmpty()) {
            Cell extra = cells.keySet().iterator().next();
            throw new MergeException(from.get(extra) + ": cell " + extra + " is not in the plan");
        }
        return new ResultDocument(ResultDocument.SCHEMA, header(byIndex, plan, ordered), ordered);
    }

    /** The merged run's header: the first shard's, spanning every shard's times, with the notes joined. */
    private static RunInfo header(Map<Integer, Input> shards, Plan plan, List<Result> results) {
        List<RunInfo> runs = shards.values().stream().map(in -> in.doc().run()).toList();
        RunInfo first = runs.get(0);
        Instant started = runs.stream().map(RunInfo::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(first.startedAt());
        Instant finished = runs.stream().map(RunInfo::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
        List<RuntimeIdentity> runtimes = new ArrayList<>();
        for (RuntimeIdentity id : first.runtimes()) {
            Map<String, List<String>> notes = new LinkedHashMap<>();
            for (RunInfo run : runs) {
                run.runtimes().stream().filter(r -> r.id().equals(id.id())).findFirst().ifPresent(r -> r.notes()
                        .forEach((host, note) -> notes.computeIfAbsent(host, h -> new ArrayList<>())
                                .add("shard " + run.plan().shard() + ": " + note)));
            }
            Map<String, String> joined = new LinkedHashMap<>();
            notes.forEach((host, list) -> joined.put(host, list.stream().map(n -> n.replaceFirst("^shard \\S+: ", ""))
                    .distinct().count() == 1 ? list.get(0).replaceFirst("^shard \\S+: ", "") : String.join("; ", list)));
            runtimes.add(id.withNotes(joined));
        }
        List<Plan.Part> parts = shards.values().stream().map(in -> new Plan.Part(in.doc().run().plan().shard(),
                in.file().toString(), in.doc().run().startedAt(), in.doc().run().finishedAt(),
                in.doc().results().size())).toList();
        Plan merged = new Plan(Shard.ALL.toString(), plan.size(), plan.digest(), plan.catalog(), plan.claims(),
                plan.pairs(), parts);
        RunInfo info = new RunInfo(first.tool(), started, finished, first.claimsSource(), runtimes, first.hosts(),
                plan.size(), first.documents(), null, merged);
        return info.withDocuments(DocumentVerdicts.fill(first.documents(), results));
    }

    /** A runtime as read from inside it; how it was chosen ({@code latest} at which time) and its notes may differ. */
    private static String identity(RuntimeIdentity r) {
        return r.id() + " (" + r.kind() + " " + r.version() + ", " + r.python() + ", Emscripten " + r.emscripten()
                + ", " + r.platform() + ")";
    }

    private static void same(Input a, Input b, String what, java.util.function.Function<RunInfo, Object> part) {
        Object x = part.apply(a.doc().run());
        Object y = part.apply(b.doc().run());
        if (!Objects.equals(x, y)) {
            throw new MergeException("shards from different runs: their " + what + " differ:\n  " + a.file() + ": " + x
                    + "\n  " + b.file() + ": " + y + "\nmerge the shards of one run (same checkout, options and runtimes)");
        }
    }
}
