package dev.pywasm.compat.claim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks the catalog against the README it quotes: every quote must stand in the README word for
 * word, and every <em>sentence</em> of the checked sections must be answered for, by a claim or by a
 * {@link NotCheckable} entry with its reason. This is what keeps the catalog complete when the README
 * moves, down to the sentence a bullet adds after the one a claim quotes.
 *
 * <p>What a sentence is, under the top-level headings a suite's {@code coverage} names:
 * <ul>
 *   <li><b>Prose</b> (each bullet and paragraph, its lines joined, whitespace collapsed) is cut after a
 *       {@code .}, {@code !} or {@code ?} followed by a space and a capital letter, a digit or a backtick
 *       ("resource leaks. 3.1.8 contains", "limited. ``select.select()`` crashes"), except after
 *       {@code e.g.}, {@code i.e.}, {@code etc.} and {@code vs.}. A lower-case continuation stays in its
 *       sentence ("unstable. flush (``msync``) can crash" is one).</li>
 *   <li><b>Code blocks</b> are statements too: the detect section's snippets are the README's advice
 *       ({@code if sys.platform == "wasi":} says what a WASI build's {@code sys.platform} is), and the
 *       {@code .htaccess} block is what the hosting section tells a server to send. Each non-blank line
 *       of a fenced block is one sentence (the fence and its info string, {@code ```# python}, are not);
 *       a comment line is a sentence of its own, so a claim about the branch above it quotes both lines
 *       ({@code if sys.platform == "emscripten": # Python on Emscripten}).</li>
 *   <li>Headings are not sentences.</li>
 * </ul>
 * A claim or entry <em>covers</em> a sentence when its words stand in the sentence (the claim checks one
 * statement of it, "Blocking sockets are not available") or the sentence stands in its words (a quote
 * spanning two sentences, or a code block's lines). A not-checkable entry must stand in the README, and
 * must not be for a sentence a claim covers already ({@link #problems}).
 */
public final class ReadmeCoverage {

    /** Top-level README headings whose sentences are claims (the project's own suite's {@code coverage}). */
    public static final Set<String> CHECKED_SECTIONS = Set.of(
            "wasm32-emscripten limitations and issues",
            "Hosting Python WASM builds",
            "Detect WebAssembly builds");

    private static final Set<String> ABBREVIATIONS = Set.of("e.g.", "i.e.", "etc.", "vs.");

    /**
     * One sentence of the README.
     *
     * @param heading the heading path it stands under ({@code top / sub})
     * @param line    the (1-based) line it starts on
     * @param text    its words, whitespace collapsed
     * @param code    true when it is a line of a fenced code block
     */
    public record Sentence(String heading, int line, String text, boolean code) {
        @Override
        public String toString() {
            return "line " + line + " (" + heading + "): \"" + (text.length() > 100 ? text.substring(0, 97) + "..." : text) + "\"";
        }

        /** True when {@code quote} (collapsed) covers this sentence: one stands in the other. */
        public boolean coveredBy(String quote) {
            return text.contains(quote) || quote.contains(text);
        }
    }

    private final String collapsedReadme;
    private final List<Sentence> sentences;

    private ReadmeCoverage(String collapsedReadme, List<Sentence> sentences) {
        this.collapsedReadme = collapsedReadme;
        this.sentences = sentences;
    }

    public static ReadmeCoverage of(Path readme) {
        return of(readme, CHECKED_SECTIONS);
    }

    /** @param sections the top-level headings whose sentences must be covered (a suite's {@code coverage}) */
    public static ReadmeCoverage of(Path readme, Collection<String> sections) {
        try {
            return parse(Files.readString(readme), Set.copyOf(sections));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the claims source " + readme, e);
        }
    }

    static ReadmeCoverage parse(String markdown) {
        return parse(markdown, CHECKED_SECTIONS);
    }

    static ReadmeCoverage parse(String markdown, Set<String> sections) {
        List<Sentence> sentences = new ArrayList<>();
        String top = "";
        String heading = "";
        boolean inCode = false;
        Block block = null;
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            boolean fence = line.startsWith("```");
            boolean isHeading = !inCode && line.startsWith("#");
            boolean isBullet = !inCode && (line.startsWith("- ") || line.startsWith("* "));
            boolean checked = sections.contains(top);
            if (fence || isHeading || isBullet || line.isEmpty() || inCode) {
                if (block != null && checked) {
                    sentences.addAll(block.sentences(heading));
                }
                block = null;
            }
            if (fence) {
                inCode = !inCode;
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (inCode) {
                if (checked) {
                    sentences.add(new Sentence(heading, i + 1, Catalog.collapse(line), true));
                }
                continue;
            }
            if (isHeading) {
                String title = line.replaceFirst("^#+\\s*", "");
                if (line.startsWith("# ")) {
                    top = title;
                    heading = title;
                } else {
                    heading = top + " / " + title;
                }
                continue;
            }
            if (block == null) {
                block = new Block();
            }
            block.add(isBullet ? line.substring(2) : line, i + 1);
        }
        if (block != null && sections.contains(top)) {
            sentences.addAll(block.sentences(heading));
        }
        return new ReadmeCoverage(Catalog.collapse(markdown), List.copyOf(sentences));
    }

    /** A bullet or paragraph being read: its lines joined by one space, and where each line starts in the text. */
    private static final class Block {
        private final StringBuilder text = new StringBuilder();
        private final List<int[]> lineAt = new ArrayList<>();

        void add(String line, int number) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            lineAt.add(new int[] {text.length(), number});
            text.append(Catalog.collapse(line));
        }

        List<Sentence> sentences(String heading) {
            List<Sentence> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (endsSentence(i)) {
                    out.add(new Sentence(heading, lineOf(start), text.substring(start, i + 1), false));
                    start = i + 2;
                }
            }
            if (start < text.length()) {
                out.add(new Sentence(heading, lineOf(start), text.substring(start).strip(), false));
            }
            return out;
        }

        private boolean endsSentence(int i) {
            char c = text.charAt(i);
            if ((c != '.' && c != '!' && c != '?') || i + 2 >= text.length() || text.charAt(i + 1) != ' ') {
                return false;
            }
            char next = text.charAt(i + 2);
            if (!Character.isUpperCase(next) && !Character.isDigit(next) && next != '`') {
                return false;
            }
            int wordStart = text.lastIndexOf(" ", i) + 1;
            return !ABBREVIATIONS.contains(text.substring(wordStart, i + 1));
        }

        private int lineOf(int offset) {
            int line = lineAt.get(0)[1];
            for (int[] at : lineAt) {
                if (at[0] <= offset) {
                    line = at[1];
                }
            }
            return line;
        }
    }

    public List<Sentence> sentences() {
        return sentences;
    }

    /** Claims whose quote is not in the README word for word. */
    public List<Claim> misquoted(Catalog catalog) {
        return misquoted(catalog.claims());
    }

    /** Of these claims (e.g. those the source makes, see {@code ClaimsSource.makes}), the ones not in the README word for word. */
    public List<Claim> misquoted(Collection<Claim> claims) {
        return claims.stream().filter(c -> !collapsedReadme.contains(c.quote())).toList();
    }

    /** README sentences that neither a claim nor a not-checkable entry covers. */
    public List<Sentence> uncovered(Catalog catalog) {
        return uncovered(catalog.claims(), catalog.notCheckable());
    }

    /** Of these claims (those the source makes) and entries, the README sentences none of them covers. */
    public List<Sentence> uncovered(Collection<Claim> claims, Collection<NotCheckable> entries) {
        return sentences.stream()
                .filter(s -> claims.stream().noneMatch(c -> s.coveredBy(c.quote())))
                .filter(s -> entries.stream().noneMatch(e -> s.coveredBy(e.quote())))
                .toList();
    }

    /**
     * What is wrong with the not-checkable sentence entries (a claim's own {@code not_checkable} reason is
     * about its quote, checked with the claims): words not in the README, words a claim covers already (the
     * entry would hide a verdict), words that are no sentence of the checked sections. One line each,
     * naming the file and the entry.
     */
    public List<String> problems(Collection<Claim> claims, Collection<NotCheckable> entries) {
        List<String> problems = new ArrayList<>();
        for (NotCheckable e : entries) {
            if (e.claimId() != null) {
                continue;
            }
            if (!collapsedReadme.contains(e.quote())) {
                problems.add(e.where() + ": not in the README word for word: \"" + e.quote() + "\"");
                continue;
            }
            List<Sentence> covers = sentences.stream().filter(s -> s.coveredBy(e.quote())).toList();
            if (covers.isEmpty()) {
                problems.add(e.where() + ": no sentence of the checked sections (" + "the suite's coverage) has these words; "
                        + "remove the entry");
            }
            for (Sentence s : covers) {
                claims.stream().filter(c -> s.coveredBy(c.quote())).findFirst().ifPresent(c -> problems.add(e.where()
                        + ": " + s + " is covered by claim '" + c.id() + "' already; remove the entry"));
            }
        }
        return problems;
    }
}
