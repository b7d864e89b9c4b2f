package dev.pywasm.compat.exec;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An output stream that keeps only the last {@code capacity} bytes: a crashing runtime can print
 * megabytes (Node echoes a whole minified source line), and only the end is evidence.
 */
public final class TailBuffer extends OutputStream {

    private final byte[] ring;
    private long written;

    public TailBuffer(int capacity) {
        this.ring = new byte[capacity];
    }

    @Override
    public synchronized void write(int b) {
        ring[(int) (written++ % ring.length)] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            ring[(int) (written++ % ring.length)] = b[off + i];
        }
    }

    public int capacity() {
        return ring.length;
    }

    public synchronized boolean truncated() {
        return written > ring.length;
    }

    /** Everything kept, oldest first, decoded as UTF-8. */
    public synchronized String text() {
        if (written <= ring.length) {
            return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
        }
        int start = (int) (written % ring.length);
        byte[] ordered = new byte[ring.length];
        System.arraycopy(ring, start, ordered, 0, ring.length - start);
        System.arraycopy(ring, 0, ordered, ring.length - start, start);
        return new String(ordered, StandardCharsets.UTF_8);
    }

    /** The last {@code lines} lines, each cut to {@code width} characters. */
    public static String lastLines(String text, int lines, int width) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String[] all = text.split("\r?\n");
        return String.join("\n", Arrays.stream(all, Math.max(0, all.length - lines), all.length)
                .map(l -> l.length() <= width ? l : l.substring(0, width) + " [... " + (l.length() - width) + " more chars]")
                .toList());
    }
}
