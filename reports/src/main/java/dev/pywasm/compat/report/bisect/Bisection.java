package dev.pywasm.compat.report.bisect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a bisection found: for each claim whose verdict (or observation) differs between two releases, every
 * change between neighbouring releases that the search saw, with both sides' observations and toolchains.
 * The record is also the JSON form of {@code bisect.json} ({@value #SCHEMA}).
 *
 * @param from        the old end, a Pyodide version
 * @param to          the new end
 * @param host        the host every cell ran on
 * @param compare     what had to differ: {@code verdict} or {@code observation}
 * @param exhaustive  every release was run (not a binary search)
 * @param releases    every release from {@code from} to {@code to}, oldest first, with its identity when read
 * @param claims      the claims that differ between the ends (or, exhaustively, that changed anywhere)
 * @param unsettled   claims with no stable verdict at an end (FLAKY there): they could not be compared
 * @param unchanged   the other claims checked: the same at both ends (and, exhaustively, everywhere)
 * @param cost        what the bisection cost
 * @param startedAt   when it started
 * @param finishedAt  when it finished
 * @param tool        the tool and version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bisection(String from, String to, String host, String compare, boolean exhaustive,
                        List<Release> releases, List<ClaimBisection> claims, List<ClaimBisection> unsettled,
                        List<String> unchanged, Cost cost,
                        Instant startedAt, Instant finishedAt, String tool) {

    /** JSON schema name of {@code bisect.json}. */
    public static final String SCHEMA = "pywasm-compat/bisect/v1";

    public Bisection {
        releases = List.copyOf(releases);
        claims = List.copyOf(claims);
        unsettled = List.copyOf(unsettled);
        unchanged = List.copyOf(unchanged);
    }

    public String getSchema() {
        return SCHEMA;
    }

    /**
     * One release of the range.
     *
     * @param version  the Pyodide version
     * @param identity as read from inside the runtime (CPython, Emscripten), or null when it was not read
     * @param sampled  whether any cell of this bisection ran on it (or came from the cache)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Release(String version, RuntimeIdentity identity, boolean sampled) {
        @JsonIgnore
        public String emscripten() {
            return identity == null ? null : identity.emscripten();
        }

        @JsonIgnore
        public String python() {
            return identity == null || identity.python() == null ? null : identity.python().split(" ")[0];
        }
    }

    /**
     * One cell of the search: a claim on one release.
     *
     * @param release     the Pyodide version
     * @param verdict     the judge's verdict
     * @param observation the observation in one line
     * @param reason      the judge's reason
     * @param cached      read from the bisection cache (or from the run that asked for the bisection), not run now
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(String release, Verdict verdict, String observation, String reason, boolean cached) {
    }

    /**
     * A change: the last release like the one before, the first like the next; they are neighbours unless the
     * releases between them gave no stable verdict (FLAKY), which are then listed.
     *
     * @param between the samples between {@code before} and {@code after} without a stable verdict; usually none
     */
    public record Flip(Sample before, Sample after, List<Sample> between) {
        public Flip {
            between = between == null ? List.of() : List.copyOf(between);
        }
    }

    /**
     * One claim's search.
     *
     * @param fromEnd    the claim at the old end
     * @param toEnd      the claim at the new end
     * @param flips      every change between neighbouring releases found, oldest first; one for a monotone history
     * @param samples    every release the claim was checked on, oldest first
     * @param unsampled  releases of the range the claim was not checked on; where such releases lie between two
     *                   samples that agree, a change and a change back could hide (0 when every release was run)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClaimBisection(String claimId, String section, String quote, Sample fromEnd, Sample toEnd,
                                 List<Flip> flips, List<Sample> samples, int unsampled) {
        public ClaimBisection {
            flips = List.copyOf(flips);
            samples = List.copyOf(samples);
        }

        /** More than one change found: the claim flipped back (or through several states) on the way. */
        @JsonIgnore
        public boolean monotone() {
            return flips.size() <= 1;
        }

        /** The first change found, or null when none was (the ends agree). */
        @JsonIgnore
        public Flip first() {
            return flips.isEmpty() ? null : flips.get(0);
        }
    }

    /**
     * @param releasesSampled releases at least one cell ran on (or came from the cache)
     * @param cellsRun        cells run now
     * @param cellsCached     cells read from the cache (or the asking run)
     * @param elapsedMillis   wall time of the whole bisection
     */
    public record Cost(int releasesSampled, int cellsRun, int cellsCached, long elapsedMillis) {
    }

    /** The release of a version, or null. */
    public Release release(String version) {
        return releases.stream().filter(r -> r.version().equals(version)).findFirst().orElse(null);
    }

    /** {@code 0.28.0 (Emscripten 3.1.58 -> 4.0.9)}: the release a flip happened in, with the toolchain move. */
    public String describe(Flip flip) {
        String before = emscripten(flip.before().release());
        String after = emscripten(flip.after().release());
        String toolchain = Objects.equals(before, after) ? "Emscripten " + after + " in both, not a toolchain change"
                : "Emscripten " + before + " -> " + after;
        if (!flip.between().isEmpty()) {
            return flip.between().get(0).release() + " … " + flip.after().release() + " (" + toolchain + "; "
                    + String.join(", ", flip.between().stream().map(s -> s.release() + " " + s.verdict()).toList())
                    + " between)";
        }
        return flip.after().release() + " (" + toolchain + ")";
    }

    /** {@code changed in 0.28.0 (Emscripten 3.1.58 -> 4.0.9)}, with every further change of a non-monotone history. */
    public String changedIn(ClaimBisection claim) {
        if (claim.flips().isEmpty()) {
            return "no change found between " + from + " and " + to;
        }
        StringBuilder s = new StringBuilder("changed in ").append(describe(claim.first()));
        for (Flip f : claim.flips().subList(1, claim.flips().size())) {
            s.append(", then ").append(f.before().verdict() == f.after().verdict() ? "its observation" : "to "
                    + f.after().verdict()).append(" in ").append(f.after().release());
        }
        return s.toString();
    }

    private String emscripten(String version) {
        Release r = release(version);
        return r == null || r.emscripten() == null ? "?" : r.emscripten();
    }
}
