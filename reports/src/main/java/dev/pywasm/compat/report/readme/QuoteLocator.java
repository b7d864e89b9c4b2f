package dev.pywasm.compat.report.readme;

import java.util.Optional;

/**
 * Finds a quote in the claims source. Claims quote the README word for word with whitespace collapsed
 * (a quote may span a line break), so the search runs on a collapsed copy of the source and maps the
 * hit back to offsets in the original text.
 */
public final class QuoteLocator {

    /**
     * Where a quote stands in the source.
     *
     * @param start offset of its first character
     * @param end   offset after its last character
     */
    public record Span(int start, int end) {
    }

    private final String collapsed;
    private final int[] origin;

    public QuoteLocator(String source) {
        StringBuilder text = new StringBuilder(source.length());
        int[] map = new int[source.length()];
        boolean space = true; // also drops leading whitespace
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (isSpace(c)) {
                if (!space) {
                    map[text.length()] = i;
                    text.append(' ');
                    space = true;
                }
            } else {
                map[text.length()] = i;
                text.append(c);
                space = false;
            }
        }
        this.collapsed = text.toString();
        this.origin = map;
    }

    /** The first place the quote stands, whitespace differences aside. */
    public Optional<Span> find(String quote) {
        String q = collapse(quote);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        int at = collapsed.indexOf(q);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(new Span(origin[at], origin[at + q.length() - 1] + 1));
    }

    /** The same collapsing the catalog applies to quotes: trimmed, whitespace runs as one space. */
    public static String collapse(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    // Java's regex \s: the characters collapse() folds.
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
