package dev.pywasm.compat.exec;

import java.nio.file.Path;
import java.util.List;

/**
 * What a host printed while running one probe, and how it ended: the raw material of an
 * observation and its evidence.
 *
 * @param command        the command line or page URL, for evidence and error messages
 * @param exitCode       exit status, or null when there is none (killed on timeout, or a page)
 * @param stdout         what it printed on stdout (the tail, when it printed a lot)
 * @param stderr         what it printed on stderr (likewise)
 * @param timedOut       true when the timeout ran out and the process tree was killed
 * @param durationMillis wall time
 * @param attachments    files the host kept as evidence (screenshots, full logs)
 * @param fresh          how the run got its fresh runtime, or null when the host does not say
 * @param startupMillis  how long the start-up took, to the hand-over of the program (see {@link Limits}),
 *                       or null when the program was never handed over or the host cannot tell
 * @param outputLimit    the output limit ({@link Limits#outputBytes()}) when the run passed it and the host
 *                       ended it there, else null
 */
public record RawRun(
        String command,
        Integer exitCode,
        String stdout,
        String stderr,
        boolean timedOut,
        long durationMillis,
        List<Path> attachments,
        FreshRuntime fresh,
        Long startupMillis,
        Long outputLimit) {

    public RawRun {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A run within its output limit. */
    public RawRun(String command, Integer exitCode, String stdout, String stderr, boolean timedOut, long durationMillis,
            List<Path> attachments, FreshRuntime fresh, Long startupMillis) {
        this(command, exitCode, stdout, stderr, timedOut, durationMillis, attachments, fresh, startupMillis, null);
    }

    /** This run, ended by its host at the output limit {@code bytes}. */
    public RawRun withOutputLimit(long bytes) {
        return new RawRun(command, exitCode, stdout, stderr, timedOut, durationMillis, attachments, fresh, startupMillis,
                bytes);
    }

    /** A run that says nothing of its start-up. */
    public RawRun(String command, Integer exitCode, String stdout, String stderr, boolean timedOut, long durationMillis,
            List<Path> attachments) {
        this(command, exitCode, stdout, stderr, timedOut, durationMillis, attachments, null, null);
    }

    /** This run, saying how it got its runtime and how long the start-up took. */
    public RawRun withStart(FreshRuntime how, Long startup) {
        return new RawRun(command, exitCode, stdout, stderr, timedOut, durationMillis, attachments, how, startup,
                outputLimit);
    }

    /**
     * A run whose output arrived as lines (a page's console, a pool's events): each stream is its
     * lines joined, each ended by a newline, as a process would have printed them.
     */
    public static RawRun ofLines(String command, Integer exitCode, List<String> stdout, List<String> stderr,
            boolean timedOut, long durationMillis, List<Path> attachments) {
        return new RawRun(command, exitCode, joined(stdout), joined(stderr), timedOut, durationMillis, attachments);
    }

    private static String joined(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** A run that kept no files. */
    public RawRun(String command, Integer exitCode, String stdout, String stderr, boolean timedOut, long durationMillis) {
        this(command, exitCode, stdout, stderr, timedOut, durationMillis, List.of());
    }
}
