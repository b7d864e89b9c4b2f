package dev.pywasm.compat.claim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks the catalog against the README it quotes: every quote must stand in the README word for
 * word, and every limitation statement (bullet or paragraph) of the checked sections must contain at
 * least one claim's quote. This is what keeps the catalog complete when the README moves.
 */
public final class ReadmeCoverage {

    /** Top-level README headings whose bullets and paragraphs are claims. */
    public static final Set<String> CHECKED_SECTIONS = Set.of(
            "wasm32-emscripten limitations and issues",
            "Hosting Python WASM builds");

    /** One bullet or paragraph of the README. */
    public record Statement(String heading, int line, String text) {
        @Override
        public String toString() {
            return "line " + line + " (" + heading + "): " + (text.length() > 100 ? text.substring(0, 97) + "..." : text);
        }
    }

    private final String collapsedReadme;
    private final List<Statement> statements;

    private ReadmeCoverage(String collapsedReadme, List<Statement> statements) {
        this.collapsedReadme = collapsedReadme;
        this.statements = statements;
    }

    public static ReadmeCoverage of(Path readme) {
        return of(readme, CHECKED_SECTIONS);
    }

    /** @param sections the top-level headings whose statements must be covered (a suite's {@code coverage}) */
    public static ReadmeCoverage of(Path readme, java.util.Collection<String> sections) {
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
        List<Statement> statements = new ArrayList<>();
        String top = "";
        String heading = "";
        boolean inCode = false;
        StringBuilder current = null;
        int currentLine = 0;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            boolean fence = line.startsWith("```");
            boolean isHeading = !inCode && line.startsWith("#");
            boolean isBullet = !inCode && (line.startsWith("- ") || line.startsWith("* "));
            if (fence || isHeading || isBullet || line.isEmpty() || inCode) {
                if (current != null && sections.contains(top)) {
                    statements.add(new Statement(heading, currentLine, Catalog.collapse(current.toString())));
                }
                current = null;
            }
            if (fence) {
                inCode = !inCode;
                continue;
            }
            if (inCode || line.isEmpty()) {
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
            if (current == null) {
                current = new StringBuilder(isBullet ? line.substring(2) : line);
                currentLine = i + 1;
            } else {
                current.append(' ').append(line);
            }
        }
        if (current != null && sections.contains(top)) {
            statements.add(new Statement(heading, currentLine, Catalog.collapse(current.toString())));
        }
        return new ReadmeCoverage(Catalog.collapse(markdown), statements);
    }

    public List<Statement> statements() {
        return statements;
    }

    /** Claims whose quote is not in the README word for word. */
    public List<Claim> misquoted(Catalog catalog) {
        return misquoted(catalog.claims());
    }

    /** Of these claims (e.g. those the source makes, see {@code ClaimsSource.makes}), the ones not in the README word for word. */
    public List<Claim> misquoted(java.util.Collection<Claim> claims) {
        return claims.stream().filter(c -> !collapsedReadme.contains(c.quote())).toList();
    }

    /** README statements no claim quotes from. */
    public List<Statement> uncovered(Catalog catalog) {
        return statements.stream()
                .filter(s -> catalog.claims().stream().noneMatch(c -> s.text().contains(c.quote())))
                .toList();
    }
}
