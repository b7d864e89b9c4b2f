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
public record Limits(Duration startup, Duration probe, Duration grace) {

    public Limits {
        if (startup.isNegative() || probe.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("limits cannot be negative: " + startup + ", " + probe + ", " + grace);
        }
    }

    /** Everything a run may take before the harness kills what runs it. */
    public Duration total() {
        return startup.plus(probe).plus(grace);
    }

    /** One line for messages and evidence. */
    public String describe() {
        return "start-up " + seconds(startup) + ", probe " + seconds(probe) + " from hand-over, grace " + seconds(grace);
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
