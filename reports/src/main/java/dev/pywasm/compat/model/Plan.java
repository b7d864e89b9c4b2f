package dev.pywasm.compat.model;

import java.util.List;

/**
 * The whole plan of a run and the part of it this result file holds (since issue 19): every shard of a
 * sharded run records the same plan, so that {@code merge} can tell that its shards belong together and
 * that none is missing.
 *
 * @param shard   the part this file holds, {@code I/N} (I from 0 to N-1, as Kubernetes' {@code
 *                JOB_COMPLETION_INDEX}); {@code 0/1} for a run that was not sharded
 * @param size    the cells of the whole plan (every shard's together)
 * @param digest  SHA-256 of the plan's cells, one {@code claim host runtime} line each, in plan order
 * @param catalog SHA-256 over the suite's claims, probes and expectations files (path and content)
 * @param claims  the claim ids planned, in catalog order (after {@code --only})
 * @param pairs   the (runtime, host) pairs planned, in plan order (without those a host cannot run)
 * @param shards  the shards a merged file was made of, in shard order; empty for a run's own file
 */
public record Plan(String shard, int size, String digest, String catalog, List<String> claims, List<Pair> pairs,
                   List<Part> shards) {

    /** A runtime and a host of the plan: the plan's cells are every claim on every pair. */
    public record Pair(String runtime, String host) {
    }

    /** One shard of a merged run: which, from where, when it ran, how many cells it wrote. */
    public record Part(String shard, String from, java.time.Instant startedAt, java.time.Instant finishedAt, int cells) {
    }

    public Plan {
        claims = claims == null ? List.of() : List.copyOf(claims);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /** The plan's cells as the digest reads them: {@code claim host runtime}, runtime and host major, in order. */
    public List<String> cellLines() {
        List<String> lines = new java.util.ArrayList<>(claims.size() * pairs.size());
        for (Pair p : pairs) {
            for (String claim : claims) {
                lines.add(claim + " " + p.host() + " " + p.runtime());
            }
        }
        return lines;
    }
}
