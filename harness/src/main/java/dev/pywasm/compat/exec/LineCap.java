package dev.pywasm.compat.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Lines kept the way {@link HeadTail} keeps bytes: the first {@code head} lines and the last
 * {@code tail}, each cut to {@code width} characters, and a count of the rest. For output that arrives
 * as lines (a page's console, a page's events): whatever a probe floods them with, the harness holds
 * a bounded amount. Safe to call from several threads.
 */
public final class LineCap {

    private final int head;
    private final int tail;
    private final int width;
    private final List<String> first = new ArrayList<>();
    private final Deque<String> last = new ArrayDeque<>();
    private long omitted;

    public LineCap(int head, int tail, int width) {
        this.head = head;
        this.tail = tail;
        this.width = width;
    }

    /** Room for a probe's console: 2000 lines from each end, 2000 characters each. */
    public static LineCap console() {
        return new LineCap(2000, 2000, 2000);
    }

    public synchronized void add(String line) {
        String cut = line == null || line.length() <= width ? line
                : line.substring(0, width) + " [... " + (line.length() - width) + " more chars]";
        if (first.size() < head) {
            first.add(cut);
            return;
        }
        last.addLast(cut);
        if (last.size() > tail) {
            last.removeFirst();
            omitted++;
        }
    }

    /** Lines given but kept in neither end. */
    public synchronized long omitted() {
        return omitted;
    }

    /** The kept lines in order, with one line saying how many were left out between the ends. */
    public synchronized List<String> lines() {
        List<String> all = new ArrayList<>(first);
        if (omitted > 0) {
            all.add("[pywasm-compat: " + omitted + " lines omitted]");
        }
        all.addAll(last);
        return all;
    }
}
