package dev.pywasm.compat.exec;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs one host process through commons-exec with a timeout, or with a probe's {@link Limits} (a
 * start-up that ends when the process says the program was handed over, then the probe's own
 * timeout). On timeout it kills the whole process tree it started ({@link ProcessTree}), so a
 * hanging runtime costs only its own probe.
 */
public final class ProcessRunner {

    private static final int KEEP_BYTES = 256 * 1024;

    private ProcessRunner() {
    }

    /** Runs {@code command} and waits at most {@code timeout}. */
    public static RawRun run(List<String> command, Duration timeout, Path workDir, Map<String, String> env) {
        return execute(command, workDir, env, null, timeout, Duration.ZERO, 0);
    }

    /**
     * Runs a probe's process under {@code limits}: its start-up lasts until it prints the line
     * {@code startMarker} on stdout (the moment the program is handed to the fresh runtime; the line
     * itself is not kept), at most {@link Limits#startup()}; from then on the probe has
     * {@link Limits#probe()}. When either runs out the whole tree is killed. The run says how long
     * the start-up took (null when the marker never came). When stdout and stderr together pass
     * {@link Limits#outputBytes()} the tree is killed there and the run says so ({@link RawRun#outputLimit()});
     * either way only the head and the tail of each stream are kept.
     */
    public static RawRun run(List<String> command, Limits limits, String startMarker, Path workDir, Map<String, String> env) {
        return execute(command, workDir, env, startMarker, limits.startup(), limits.probe(), limits.outputBytes());
    }

    /**
     * Runs with a start-up phase (until the marker; none when it is null) and then a second phase, within
     * {@code outputBytes} of output (0: no limit).
     */
    private static RawRun execute(List<String> command, Path workDir, Map<String, String> env, String marker,
            Duration first, Duration second, long outputBytes) {
        CommandLine line = new CommandLine(command.get(0));
        command.subList(1, command.size()).forEach(arg -> line.addArgument(arg, false));
        OutputCap cap = new OutputCap(outputBytes);
        HeadTail out = new HeadTail(KEEP_BYTES / 4, KEEP_BYTES, cap);
        HeadTail err = new HeadTail(KEEP_BYTES / 4, KEEP_BYTES, cap);
        StartLine start = marker == null ? null : new StartLine(marker, out);
        TrackingExecutor executor = new TrackingExecutor();
        cap.onExceeded(executor::killTree);
        PumpStreamHandler streams = new PumpStreamHandler(start == null ? out : start, err);
        streams.setStopTimeout(Duration.ofSeconds(5));
        executor.setStreamHandler(streams);
        executor.setExitValues(null);
        if (workDir != null) {
            executor.setWorkingDirectory(workDir.toFile());
        }
        DefaultExecuteResultHandler done = new DefaultExecuteResultHandler();
        long begin = System.nanoTime();
        String printable = String.join(" ", command);
        try {
            Map<String, String> environment = null;
            if (env != null && !env.isEmpty()) {
                environment = new HashMap<>(System.getenv());
                environment.putAll(env);
            }
            executor.execute(line, environment, done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start: " + printable, e);
        }
        boolean timedOut = false;
        try {
            if (start == null) {
                waitAtMost(done, first.plus(second));
            } else {
                awaitStart(done, start, first);
                if (!done.hasResult() && start.seenAtNanos() != 0) {
                    long left = start.seenAtNanos() + second.toNanos() - System.nanoTime();
                    waitAtMost(done, Duration.ofNanos(Math.max(0, left)));
                }
            }
            if (!done.hasResult()) {
                timedOut = true;
                executor.killTree();
                done.waitFor(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            executor.killTree();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running: " + printable, e);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        Integer exit = timedOut || !done.hasResult() ? null : exitCode(done);
        if (done.hasResult() && done.getException() != null && exit == null && !timedOut && !cap.exceeded()) {
            throw new UncheckedIOException("cannot run: " + printable, new IOException(done.getException()));
        }
        if (cap.exceeded()) {
            timedOut = false;
            exit = null;
        }
        if (start == null) {
            RawRun r = new RawRun(printable, exit, out.text(), err.text(), timedOut, millis);
            return cap.exceeded() ? r.withOutputLimit(cap.limit()) : r;
        }
        try {
            start.drain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long startup = start.seenAtNanos() == 0 ? null : TimeUnit.NANOSECONDS.toMillis(start.seenAtNanos() - begin);
        return new RawRun(printable, exit, out.text(), err.text(), timedOut, millis, List.of(), FreshRuntime.NEW_PROCESS,
                startup, cap.exceeded() ? cap.limit() : null);
    }

    private static void waitAtMost(DefaultExecuteResultHandler done, Duration timeout) throws InterruptedException {
        if (!done.hasResult()) {
            done.waitFor(timeout);
        }
    }

    /** Waits until the start marker came or the process ended, at most {@code timeout}. */
    private static void awaitStart(DefaultExecuteResultHandler done, StartLine start, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration slice = Duration.ofMillis(50);
        while (!done.hasResult() && System.nanoTime() < deadline) {
            if (start.await(slice)) {
                return;
            }
        }
    }

    private static Integer exitCode(DefaultExecuteResultHandler done) {
        ExecuteException e = done.getException();
        if (e != null && e.getCause() != null) {
            return null;
        }
        return done.getExitValue();
    }

    /** Remembers the process it launches so that its tree can be killed by handle. */
    private static final class TrackingExecutor extends DefaultExecutor {
        private volatile Process process;

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, File dir) throws IOException {
            process = super.launch(command, env, dir);
            return process;
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, Path dir) throws IOException {
            process = super.launch(command, env, dir);
            return process;
        }

        void killTree() {
            Process p = process;
            if (p != null) {
                ProcessTree.kill(p);
            }
        }
    }
}
