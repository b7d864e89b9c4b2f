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
 * Runs one host process through commons-exec with a timeout. On timeout it kills the whole process
 * tree it started (descendants first, by handle, never by name), so a hanging runtime costs only its
 * own probe.
 */
public final class ProcessRunner {

    private static final int KEEP_BYTES = 256 * 1024;

    private ProcessRunner() {
    }

    /** Runs {@code command} and waits at most {@code timeout}. */
    public static RawRun run(List<String> command, Duration timeout, Path workDir, Map<String, String> env) {
        CommandLine line = new CommandLine(command.get(0));
        command.subList(1, command.size()).forEach(arg -> line.addArgument(arg, false));
        TailBuffer out = new TailBuffer(KEEP_BYTES);
        TailBuffer err = new TailBuffer(KEEP_BYTES);
        TrackingExecutor executor = new TrackingExecutor();
        PumpStreamHandler streams = new PumpStreamHandler(out, err);
        streams.setStopTimeout(Duration.ofSeconds(5));
        executor.setStreamHandler(streams);
        executor.setExitValues(null);
        if (workDir != null) {
            executor.setWorkingDirectory(workDir.toFile());
        }
        DefaultExecuteResultHandler done = new DefaultExecuteResultHandler();
        long start = System.nanoTime();
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
            if (!done.hasResult()) {
                done.waitFor(timeout);
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
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Integer exit = timedOut || !done.hasResult() ? null : exitCode(done);
        if (done.hasResult() && done.getException() != null && exit == null && !timedOut) {
            throw new UncheckedIOException("cannot run: " + printable, new IOException(done.getException()));
        }
        return new RawRun(printable, exit, out.text(), err.text(), timedOut, millis);
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
            ProcessTree.kill(process);
        }
    }
}
