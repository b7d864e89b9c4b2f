package dev.pywasm.compat.exec;

/**
 * Kills what the harness started, and everything that started, by handle: descendants first, then
 * the process itself. Never by name, so other users' processes (and other engineers' Node or
 * Chromium) are never touched. The one place the harness kills a process tree.
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /** Kills {@code root}'s descendants and then {@code root}; does nothing for a process that is gone. */
    public static void kill(ProcessHandle root) {
        if (root == null) {
            return;
        }
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    /** Kills {@code process} and its descendants. */
    public static void kill(Process process) {
        if (process != null) {
            kill(process.toHandle());
        }
    }
}
