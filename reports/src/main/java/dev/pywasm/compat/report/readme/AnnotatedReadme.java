package dev.pywasm.compat.report.readme;

import dev.pywasm.compat.model.NotCheckable;
import dev.pywasm.compat.report.ClaimStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims source with every quoted sentence located and marked with its claims' statuses. Quotes
 * that are not in the source are kept in {@link #notFound()}, never dropped: a claim whose words left
 * the README is itself news. Where claims quote overlapping text, the overlap is one marked region
 * carrying every claim. The sentences the catalog answers for without a verdict ({@link NotCheckable}) are
 * regions too, carrying their reasons, so that no report shows them as if they had been checked.
 */
public final class AnnotatedReadme {

    /**
     * A marked stretch of the source.
     *
     * @param start  offset of its first character
     * @param end    offset after its last character
     * @param claims the claims quoting it, in claim order
     * @param inCode true when it stands in a fenced code block (Markdown cannot emphasise there)
     * @param notCheckable the not-checkable entries for it (a sentence no claim quotes, or a claim no runtime here
     *               checks), with their reasons
     */
    public record Region(int start, int end, List<ClaimStatus> claims, boolean inCode, List<NotCheckable> notCheckable) {
        public Region {
            claims = List.copyOf(claims);
            notCheckable = notCheckable == null ? List.of() : List.copyOf(notCheckable);
        }

        public Region(int start, int end, List<ClaimStatus> claims, boolean inCode) {
            this(start, end, claims, inCode, List.of());
        }
    }

    private final String source;
    private final String sourceName;
    private final List<Region> regions;
    private final List<ClaimStatus> notFound;
    private final Map<String, Integer> positions;
    private final boolean[] codeLine;
    private final int[] lineStart;

    private AnnotatedReadme(String source, String sourceName, List<Region> regions, List<ClaimStatus> notFound,
                            Map<String, Integer> positions, boolean[] codeLine, int[] lineStart) {
        this.source = source;
        this.sourceName = sourceName;
        this.regions = regions;
        this.notFound = notFound;
        this.positions = positions;
        this.codeLine = codeLine;
        this.lineStart = lineStart;
    }

    /**
     * @param source     the claims source's text
     * @param sourceName how to name it in headings, e.g. its file name
     * @param claims     one status per claim
     */
    public static AnnotatedReadme of(String source, String sourceName, List<ClaimStatus> claims) {
        return of(source, sourceName, claims, List.of());
    }

    /**
     * @param notCheckable the version's not-checkable entries ({@code DocumentVersion.notCheckable}); one not in
     *                     the source is left out (the catalog check reports it)
     */
    public static AnnotatedReadme of(String source, String sourceName, List<ClaimStatus> claims,
            List<NotCheckable> notCheckable) {
        String text = source.replace("\r\n", "\n");
        QuoteLocator locator = new QuoteLocator(text);
        List<ClaimStatus> notFound = new ArrayList<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<Region> located = new ArrayList<>();
        for (ClaimStatus c : claims) {
            Optional<QuoteLocator.Span> span = locator.find(c.quote());
            if (span.isEmpty()) {
                notFound.add(c);
                continue;
            }
            positions.put(c.claimId(), span.get().start());
            located.add(new Region(span.get().start(), span.get().end(), List.of(c), false));
        }
        for (NotCheckable n : notCheckable) {
            locator.find(n.quote()).ifPresent(span -> located.add(new Region(span.start(), span.end(), List.of(), false,
                    List.of(n))));
        }
        String[] lines = text.split("\n", -1);
        int[] starts = new int[lines.length];
        boolean[] code = new boolean[lines.length];
        boolean inCode = false;
        for (int i = 0, at = 0; i < lines.length; at += lines[i].length() + 1, i++) {
            starts[i] = at;
            boolean fence = lines[i].strip().startsWith("```");
            code[i] = inCode || fence;
            if (fence) {
                inCode = !inCode;
            }
        }
        AnnotatedReadme readme = new AnnotatedReadme(text, sourceName, new ArrayList<>(), List.copyOf(notFound),
                positions, code, starts);
        readme.regions.addAll(readme.merge(located));
        return readme;
    }

    /** Overlapping quotes become one region with all their claims. */
    private List<Region> merge(List<Region> located) {
        List<Region> sorted = new ArrayList<>(located);
        sorted.sort(Comparator.comparingInt(Region::start).thenComparingInt(Region::end));
        List<Region> merged = new ArrayList<>();
        for (Region r : sorted) {
            Region last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.start() < last.end()) {
                List<ClaimStatus> claims = new ArrayList<>(last.claims());
                claims.addAll(r.claims());
                List<NotCheckable> reasons = new ArrayList<>(last.notCheckable());
                reasons.addAll(r.notCheckable());
                merged.set(merged.size() - 1, new Region(last.start(), Math.max(last.end(), r.end()), claims, last.inCode(),
                        reasons));
            } else {
                merged.add(new Region(r.start(), r.end(), r.claims(), isCode(r.start()), r.notCheckable()));
            }
        }
        return List.copyOf(merged);
    }

    public String source() {
        return source;
    }

    public String sourceName() {
        return sourceName;
    }

    public List<Region> regions() {
        return List.copyOf(regions);
    }

    /** The not-checkable entries located in the source, in the source's order. */
    public List<NotCheckable> notCheckable() {
        return regions.stream().flatMap(r -> r.notCheckable().stream()).toList();
    }

    /** Claims whose quote the source does not contain. */
    public List<ClaimStatus> notFound() {
        return notFound;
    }

    /** Where a claim's quote starts in the source, for ordering claims as the README does; empty when not found. */
    public Optional<Integer> position(String claimId) {
        return Optional.ofNullable(positions.get(claimId));
    }

    /** The line (0-based) an offset is on. */
    int lineOf(int offset) {
        int i = java.util.Arrays.binarySearch(lineStart, offset);
        return i >= 0 ? i : -i - 2;
    }

    boolean isCode(int offset) {
        return codeLine[lineOf(offset)];
    }

    /** Offset just after the line holding the fence that closes the code block around {@code offset}. */
    int afterClosingFence(int offset) {
        int line = lineOf(offset);
        for (int i = line + 1; i < codeLine.length; i++) {
            if (source.startsWith("```", lineStart[i] + leading(i))) {
                return i + 1 < lineStart.length ? lineStart[i + 1] : source.length();
            }
        }
        return source.length();
    }

    int lineCount() {
        return lineStart.length;
    }

    int lineStart(int line) {
        return lineStart[line];
    }

    boolean codeLine(int line) {
        return codeLine[line];
    }

    private int leading(int line) {
        int i = lineStart[line];
        int n = 0;
        while (i + n < source.length() && (source.charAt(i + n) == ' ' || source.charAt(i + n) == '\t')) {
            n++;
        }
        return n;
    }
}
