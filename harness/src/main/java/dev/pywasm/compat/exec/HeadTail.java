package dev.pywasm.compat.exec;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that keeps the first {@code head} and the last {@code tail} bytes of what it is
 * given and counts the rest: the beginning of a probe's output says what it set out to do, the end
 * says how it ended, and the memory it takes is bounded whatever the probe prints. Each byte is also
 * counted against an {@link OutputCap} when one is given.
 */
public final class HeadTail extends OutputStream {

    private final byte[] head;
    private final TailBuffer tail;
    private final OutputCap cap;
    private int headUsed;
    private long written;

    public HeadTail(int head, int tail, OutputCap cap) {
        this.head = new byte[head];
        this.tail = new TailBuffer(tail);
        this.cap = cap;
    }

    /** A buffer of {@code bytes} in all, a quarter of them for the head, with no cap. */
    public static HeadTail of(int bytes) {
        return new HeadTail(bytes / 4, bytes - bytes / 4, null);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int toHead = Math.min(len, head.length - headUsed);
        if (toHead > 0) {
            System.arraycopy(b, off, head, headUsed, toHead);
            headUsed += toHead;
        }
        if (len > toHead) {
            tail.write(b, off + toHead, len - toHead);
        }
        written += len;
        if (cap != null) {
            cap.add(len);
        }
    }

    /** Appends a line (and its newline). */
    public void line(String text) {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    /** Bytes given, kept or not. */
    public synchronized long written() {
        return written;
    }

    /** Bytes given but kept in neither the head nor the tail. */
    public synchronized long omitted() {
        return Math.max(0, written - headUsed - Math.min(written - headUsed, tailCapacity()));
    }

    private int tailCapacity() {
        return tail.capacity();
    }

    /** The head, a line saying how much was left out when something was, and the tail; decoded as UTF-8. */
    public synchronized String text() {
        String first = new String(head, 0, headUsed, StandardCharsets.UTF_8);
        long left = omitted();
        if (left == 0) {
            return first + tail.text();
        }
        return first + (first.endsWith("\n") ? "" : "\n") + "[pywasm-compat: " + left + " bytes of output omitted]\n"
                + tail.text();
    }
}
