package dev.pywasm.compat.run;

import dev.pywasm.compat.exec.Sha256;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part of a run's plan ({@code run --shard I/N}, {@code -Dpywasm.shard=I/N}): the cells whose stable hash
 * falls into bucket I of N, as wptrunner's {@code --chunk-type hash}. A cell's bucket is the first 8 bytes of
 * the SHA-256 of {@code claim host runtime} (UTF-8, one space between), read as an unsigned big-endian number,
 * modulo N: it depends on the cell alone, never on the order of the plan, the JVM or the machine, so every
 * shard of a run computes the same assignment, and adding a claim moves no other cell. I counts from 0 to
 * N-1, as Kubernetes' {@code JOB_COMPLETION_INDEX} does. A shard opens each (runtime, host) pair once and runs
 * all its cells of that pair on it: sharding divides the probes, not the loading of runtimes.
 *
 * @param index the bucket, 0 to {@code count - 1}
 * @param count how many shards the run has, 1 or more
 */
public record Shard(int index, int count) {

    /** The whole plan: a run that is not sharded. */
    public static final Shard ALL = new Shard(0, 1);
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard is I/N with N >= 1 and 0 <= I < N, not " + index + "/" + count);
        }
    }

    /**
     * Reads {@code I/N}; throws {@link IllegalArgumentException} naming {@code flag} (e.g. {@code --shard}) and the
     * accepted form otherwise.
     */
    public static Shard parse(String value, String flag) {
        Matcher m = FORM.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not I/N (e.g. 0/4: the first of four shards; "
                    + "I counts from 0 to N-1, as Kubernetes' JOB_COMPLETION_INDEX)");
        }
        int index = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        if (count < 1 || index >= count) {
            throw new IllegalArgumentException(flag + " " + value + ": " + (count < 1 ? "N must be 1 or more"
                    : "I must be below N (I counts from 0 to " + (count - 1) + ")"));
        }
        return new Shard(index, count);
    }

    /** Whether this shard runs {@code cell}. */
    public boolean owns(Cell cell) {
        return bucket(cell, count) == index;
    }

    /** The shard of {@code count} that runs {@code cell}: its stable hash modulo {@code count}. */
    public static int bucket(Cell cell, int count) {
        if (count == 1) {
            return 0;
        }
        String digest = Sha256.of(line(cell));
        long hash = HexFormat.fromHexDigitsToLong(digest, 0, 16);
        return (int) Long.remainderUnsigned(hash, count);
    }

    /** The cell as the hash and the plan's digest read it: {@code claim host runtime}. */
    static String line(Cell cell) {
        return cell.claimId() + " " + cell.host() + " " + cell.runtime();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
