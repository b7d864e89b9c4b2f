package dev.pywasm.compat.host;

import dev.pywasm.compat.exec.Limits;
import java.time.Duration;

/**
 * The part of a run's {@link Limits} a host decides: how long it may take to give a probe a fresh
 * runtime ({@code startup}: start a process, load or restore Pyodide, reach {@code main()}), and how
 * long past the probe's timeout it may take to report (the {@code grace} for hosts that enforce the
 * timeout themselves, zero where the harness does). The one resolver of a run's limits, like
 * playwright-java's TimeoutSettings: the probe's timeout is the claim's ({@code timeout:}, else the
 * catalog's default), the rest the session's.
 */
public record Timeouts(Duration startup, Duration grace) {

    /**
     * What a host gets unless it says otherwise: two minutes to start (a fresh Pyodide loads in
     * seconds on an idle machine, many more on a busy one), no grace (the harness kills at the deadline).
     */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(120), Duration.ZERO);

    /** The limits of a run whose probe may take {@code probe} from the hand-over. */
    public Limits limits(Duration probe) {
        return new Limits(startup, probe, grace);
    }
}
