package dev.pywasm.compat.exec;

import java.time.Duration;

/**
 * How long one probe run may take, in three named parts, the same on every host:
 * <ol>
 *   <li>{@code startup}: giving the probe a fresh runtime (start a process, load or restore Pyodide,
 *       reach {@code main()}), up to the moment the probe program is handed over;</li>
 *   <li>{@code probe}: the claim's own timeout, counted from that hand-over: what the probe's Python
 *       may take, whichever host runs it;</li>
 *   <li>{@code grace}: how long past both the harness waits for a host that enforces the probe
 *       timeout itself (a pool process, a page) before it gives up on it and kills it; zero where
 *       the harness enforces the timeout directly.</li>
 * </ol>
 * Results record the limits a run had in its evidence.
 */
public record Limits(Duration startup, Duration probe, Duration grace, long outputBytes) {

    /**
     * What one probe run may print, stdout and stderr together, before the host ends it with an
     * {@code output-limit} outcome: far more than any probe's observation needs, far less than what
     * would fill the harness's memory or take a whole timeout to push through a pipe.
     */
    public static final long DEFAULT_OUTPUT_BYTES = 4L << 20;
    /**
     * What one probe run may write to its in-memory file system where the host can cap it (Node's and the
     * browser's MEMFS): beyond it a write fails with {@code ENOSPC} inside the probe instead of exhausting the
     * host's memory.
     */
    public static final long FILE_SYSTEM_BYTES = 512L << 20;

    public Limits {
        if (startup.isNegative() || probe.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("limits cannot be negative: " + startup + ", " + probe + ", " + grace);
        }
        if (outputBytes <= 0) {
            throw new IllegalArgumentException("the output limit must be positive: " + outputBytes);
        }
    }

    /** Limits with the default output limit. */
    public Limits(Duration startup, Duration probe, Duration grace) {
        this(startup, probe, grace, DEFAULT_OUTPUT_BYTES);
    }

    /** These limits with another output limit (tests, the fault suite). */
    public Limits withOutputBytes(long bytes) {
        return new Limits(startup, probe, grace, bytes);
    }

    /** Everything a run may take before the harness kills what runs it. */
    public Duration total() {
        return startup.plus(probe).plus(grace);
    }

    /** One line for messages and evidence. */
    public String describe() {
        return "start-up " + seconds(startup) + ", probe " + seconds(probe) + " from hand-over, grace " + seconds(grace)
                + ", output " + outputBytes + " bytes";
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
