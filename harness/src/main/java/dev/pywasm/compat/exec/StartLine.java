package dev.pywasm.compat.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A process's stdout on its way to a buffer, watched for the line that says the probe program has
 * just been handed to the runtime: the first line equal to the marker is noted (when it came) and
 * left out; everything else passes through unchanged.
 */
final class StartLine extends OutputStream {

    private final byte[] marker;
    private final OutputStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final CountDownLatch seen = new CountDownLatch(1);
    private boolean atLineStart = true;
    private volatile long seenAtNanos;

    StartLine(String marker, OutputStream target) {
        this.marker = (marker + "\n").getBytes(StandardCharsets.UTF_8);
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (seen.getCount() == 0 || (!atLineStart && pending.size() == 0)) {
            target.write(b);
            atLineStart = b == '\n';
            return;
        }
        pending.write(b);
        int n = pending.size();
        if (marker[n - 1] != (byte) b) {
            pending.writeTo(target);
            pending.reset();
            atLineStart = b == '\n';
        } else if (n == marker.length) {
            pending.reset();
            atLineStart = true;
            seenAtNanos = System.nanoTime();
            seen.countDown();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (seen.getCount() == 0) {
            target.write(b, off, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    /** Waits at most {@code timeout} for the marker; true when it has come. */
    boolean await(Duration timeout) throws InterruptedException {
        return seen.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** When the marker came ({@link System#nanoTime()}), or 0 while it has not. */
    long seenAtNanos() {
        return seenAtNanos;
    }

    /** Passes on what is held back (the start of a last line that looked like the marker). */
    synchronized void drain() throws IOException {
        pending.writeTo(target);
        pending.reset();
    }
}
