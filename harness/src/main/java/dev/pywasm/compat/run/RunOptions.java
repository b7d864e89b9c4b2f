package dev.pywasm.compat.run;

import dev.pywasm.compat.claim.Claim;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;

/**
 * How a run is carried out. Chained setters; the defaults are what {@code mvn verify} and
 * {@code pywasm-compat run} use.
 */
public final class RunOptions {

    private int jobs = Math.max(1, java.lang.Runtime.getRuntime().availableProcessors());
    private List<String> only = List.of();
    private String tool = "pywasm-compat";
    private String claimsSource = "";
    private int reruns = Reruns.DEFAULT_MAX;
    private long outputBytes = dev.pywasm.compat.exec.Limits.DEFAULT_OUTPUT_BYTES;
    private Shard shard = Shard.ALL;
    private String catalogDigest = "";

    /** The part of the plan this run runs ({@code --shard I/N}); default {@link Shard#ALL}, the whole plan. */
    public Shard shard() {
        return shard;
    }

    public RunOptions setShard(Shard shard) {
        this.shard = shard == null ? Shard.ALL : shard;
        return this;
    }

    /** What the plan records as the suite it came from (see {@code model.Plan#catalog}); set by {@code Check}. */
    public String catalogDigest() {
        return catalogDigest;
    }

    public RunOptions setCatalogDigest(String catalogDigest) {
        this.catalogDigest = catalogDigest == null ? "" : catalogDigest;
        return this;
    }

    /** What one probe run may print, stdout and stderr together, before its host ends it (see {@code exec.Limits}). */
    public long outputBytes() {
        return outputBytes;
    }

    public RunOptions setOutputBytes(long outputBytes) {
        if (outputBytes <= 0) {
            throw new IllegalArgumentException("--output-limit must be a positive number of bytes, not " + outputBytes);
        }
        this.outputBytes = outputBytes;
        return this;
    }

    public int jobs() {
        return jobs;
    }

    /** How many probes run at once. */
    public RunOptions setJobs(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be 1 or more, got " + jobs);
        }
        this.jobs = jobs;
        return this;
    }

    public int reruns() {
        return reruns;
    }

    /**
     * How many times a cell whose first verdict is surprising (differs from the recorded one) runs
     * again before it is reported; 0 turns reruns off. See {@link Reruns}.
     */
    public RunOptions setReruns(int reruns) {
        new Reruns(reruns); // validates
        this.reruns = reruns;
        return this;
    }

    public List<String> only() {
        return only;
    }

    /** Glob patterns over claim ids (e.g. {@code network.*}); empty means all. */
    public RunOptions setOnly(List<String> only) {
        this.only = only == null ? List.of() : List.copyOf(only);
        return this;
    }

    public Predicate<Claim> claimFilter() {
        if (only.isEmpty()) {
            return c -> true;
        }
        List<PathMatcher> globs = only.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                .toList();
        return c -> globs.stream().anyMatch(m -> m.matches(Path.of(c.id())));
    }

    public String tool() {
        return tool;
    }

    public RunOptions setTool(String tool) {
        this.tool = tool;
        return this;
    }

    public String claimsSource() {
        return claimsSource;
    }

    /** The README the claims quote, as recorded in results (path and SHA-256). */
    public RunOptions setClaimsSource(String claimsSource) {
        this.claimsSource = claimsSource;
        return this;
    }
}
