package dev.pywasm.compat.claim;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A README sentence the catalog answers for without a verdict: the words, and why no probe can say
 * whether they are true. Two kinds, both shown by every report (summary, dashboard, annotated README):
 * <ul>
 *   <li>a sentence entry, from a catalog file's {@code not_checkable:} list (<code>- {quote: "...", reason:
 *       "..."}</code>): a sentence of a checked section that no claim quotes, e.g. a summary whose content
 *       the next sentence states ("Signal support is limited.") or a statement about a platform the harness
 *       has no runtime for ({@code sys.platform == "wasi"});</li>
 *   <li>a claim's {@code not_checkable: "reason"}: a claim with a probe that no runtime and host of the
 *       harness can answer today (SKIPPED on all of them but the control), with what would make it
 *       checkable.</li>
 * </ul>
 *
 * @param quote   the README's words, whitespace collapsed (a claim's: its quote)
 * @param reason  why it cannot be checked here, and what would make it checkable
 * @param section the catalog file's README section
 * @param source  the catalog file it was read from
 * @param claimId the claim, for a claim's reason; null for a sentence entry
 */
public record NotCheckable(String quote, String reason, String section, Path source, String claimId) {

    public NotCheckable {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(reason, "reason");
    }

    /** How an error message names it: the file and the entry. */
    public String where() {
        return source + ": " + (claimId == null ? "not_checkable entry \"" + shortQuote() + "\"" : "entry '" + claimId + "'");
    }

    private String shortQuote() {
        return quote.length() <= 60 ? quote : quote.substring(0, 57) + "...";
    }
}
