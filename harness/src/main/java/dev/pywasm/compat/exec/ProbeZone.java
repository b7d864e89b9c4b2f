package dev.pywasm.compat.exec;

import java.util.Map;

/**
 * The time zone every probe runs in, on every host that lets the harness choose one: a zone with daylight
 * saving time, so that date and time claims exercise the local-time code (DST transitions, {@code tm_isdst},
 * {@code tm_gmtoff}) rather than UTC, where most of it does nothing. Process hosts pass {@link #ENV} to the
 * runtime's process; Chromium opens each browser context with {@link #ID} as its time zone.
 */
public final class ProbeZone {

    /** The IANA zone id. */
    public static final String ID = "Europe/Berlin";
    /** The environment a process host adds for its runtime's process. */
    public static final Map<String, String> ENV = Map.of("TZ", ID);

    private ProbeZone() {
    }
}
