package dev.pywasm.compat.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A sentence of a claims source version that the catalog answers for without a verdict, and why: a
 * sentence no probe can check (the catalog's {@code not_checkable} entries), or a claim no runtime and
 * host of the harness can check today (its {@code claim} id given). Reports list them apart from the
 * verdicts ("Not checkable"), so that what was never checked is never taken for checked. Since issue 12.
 *
 * @param quote  the document's words
 * @param reason why it cannot be checked here, and what would make it checkable
 * @param claim  the claim, when it is a claim's reason; null for a sentence no claim quotes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotCheckable(String quote, String reason, String claim) {
}
