package dev.pywasm.compat.bisect;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import java.nio.file.Path;
import java.util.List;

/**
 * What to bisect and how. Chained setters; the defaults bisect every claim of the host by verdict, with a
 * binary search over the releases (no pre-releases) on {@code node}.
 */
public final class BisectOptions {

    private String from;
    private String to;
    private String host = "node";
    private List<String> claims = List.of();
    private boolean observation;
    private boolean exhaustive;
    private boolean preReleases;
    private boolean toolchains = true;
    private Path out;
    private Integer jobs;
    private String node;
    private String chromium;
    private String npm;
    private List<Result> known = List.of();
    private List<RuntimeIdentity> knownRuntimes = List.of();

    public String from() {
        return from;
    }

    /** The old end: a Pyodide version ({@code 0.26.4}, {@code pyodide-0.26.4}) or {@code latest}. Required. */
    public BisectOptions setFrom(String from) {
        this.from = from;
        return this;
    }

    public String to() {
        return to;
    }

    /** The new end, newer than {@link #from()}. Required. */
    public BisectOptions setTo(String to) {
        this.to = to;
        return this;
    }

    public String host() {
        return host;
    }

    /** The host every cell runs on (default {@code node}). */
    public BisectOptions setHost(String host) {
        this.host = host == null ? "node" : host;
        return this;
    }

    public List<String> claims() {
        return claims;
    }

    /** Claim id globs ({@code misc.*}); empty: every claim about the host. */
    public BisectOptions setClaims(List<String> claims) {
        this.claims = claims == null ? List.of() : List.copyOf(claims);
        return this;
    }

    public boolean observation() {
        return observation;
    }

    /** Search for changes of the observation (outcome, value, exception, errno), not only of the verdict. */
    public BisectOptions setObservation(boolean observation) {
        this.observation = observation;
        return this;
    }

    public boolean exhaustive() {
        return exhaustive;
    }

    /** Run every release for every claim instead of a binary search: sees every change, costs every release. */
    public BisectOptions setExhaustive(boolean exhaustive) {
        this.exhaustive = exhaustive;
        return this;
    }

    public boolean preReleases() {
        return preReleases;
    }

    /** Include pre-releases (alpha, rc) between the ends (default: only releases). */
    public BisectOptions setPreReleases(boolean preReleases) {
        this.preReleases = preReleases;
        return this;
    }

    public boolean toolchains() {
        return toolchains;
    }

    /**
     * Read the identity (CPython, Emscripten) of every release of the range, the ones the search did not run
     * too (installing them), for the release table (default true; the releases the search ran are always read).
     */
    public BisectOptions setToolchains(boolean toolchains) {
        this.toolchains = toolchains;
        return this;
    }

    public Path out() {
        return out;
    }

    /** Where bisect.json, bisect.md and the runs go; null: {@code target/pywasm-compat/bisect/<host>-<from>-<to>}. */
    public BisectOptions setOut(Path out) {
        this.out = out;
        return this;
    }

    public Integer jobs() {
        return jobs;
    }

    /** Probes run at once; null: the number of cores. */
    public BisectOptions setJobs(Integer jobs) {
        this.jobs = jobs;
        return this;
    }

    public String node() {
        return node;
    }

    public BisectOptions setNode(String node) {
        this.node = node;
        return this;
    }

    public String chromium() {
        return chromium;
    }

    public BisectOptions setChromium(String chromium) {
        this.chromium = chromium;
        return this;
    }

    public String npm() {
        return npm;
    }

    /** The npm binary that lists and installs the releases; null: {@code npm} on PATH. */
    public BisectOptions setNpm(String npm) {
        this.npm = npm;
        return this;
    }

    public List<Result> known() {
        return known;
    }

    public List<RuntimeIdentity> knownRuntimes() {
        return knownRuntimes;
    }

    /**
     * Cells already run with the same catalog, probes and host (a matrix run's results), used instead of
     * running them again, with their runtimes' identities.
     */
    public BisectOptions setKnown(List<Result> results, List<RuntimeIdentity> runtimes) {
        this.known = results == null ? List.of() : List.copyOf(results);
        this.knownRuntimes = runtimes == null ? List.of() : List.copyOf(runtimes);
        return this;
    }
}
