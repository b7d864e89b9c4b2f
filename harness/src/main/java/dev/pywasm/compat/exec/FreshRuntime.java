package dev.pywasm.compat.exec;

/** How a run got the fresh runtime its probe ran on; results count them per host and runtime. */
public enum FreshRuntime {
    /** A fresh worker restored a memory snapshot of a just-started runtime. */
    SNAPSHOT_RESTORED,
    /** A fresh worker loaded the runtime from scratch (no snapshot, or after a page reload). */
    LOADED_FROM_SCRATCH,
    /** A new process started the runtime. */
    NEW_PROCESS,
    /** A new browser context and page loaded the runtime. */
    NEW_PAGE;

    /** The name results.json uses, e.g. {@code snapshot-restored}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
