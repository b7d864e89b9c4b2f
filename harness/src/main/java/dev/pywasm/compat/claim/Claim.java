package dev.pywasm.compat.claim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One checkable statement of the README.
 *
 * @param id       stable identifier, e.g. {@code network.socketpair}
 * @param section  the README heading path the quote stands under
 * @param quote    the README's words, exactly (whitespace collapsed)
 * @param hosts    the hosts the statement is about ({@code node}, {@code chromium})
 * @param probe    the probe file, relative to the probes directory
 * @param predicts what the README predicts: the claim holds when any matcher matches
 * @param timeout  how long the probe may take, counted from the moment its program is handed to a fresh
 *                 runtime, on every host; the host's start-up (a process start, loading or restoring
 *                 Pyodide) and grace are separate limits of their own (see {@code host.Timeouts})
 * @param note     how the probe reads the statement, when that is not obvious
 * @param reload   run the probe twice in the same host context, restarting the runtime (reloading the
 *                 page) in between; the second run is the observation (e.g. persistence claims)
 * @param source   the catalog file the claim was read from
 * @param refutedBy observations that would refute the claim (each judged STALE): the proof that the claim
 *                 can fail, checked when the catalog loads and by the judge's tests
 * @param control  why the claim is not STALE on the native control host (plain CPython, no wasm), or null
 *                 when it is (a limitation the native CPython does not have)
 * @param notCheckable why no runtime and host of the harness can check the claim today (it is SKIPPED on all
 *                 of them but the control), and what would make it checkable; null for a claim that is checked
 */
public record Claim(
        String id,
        String section,
        String quote,
        Set<String> hosts,
        String probe,
        List<Matcher> predicts,
        Duration timeout,
        String note,
        boolean reload,
        Path source,
        List<Matcher> refutedBy,
        String control,
        String notCheckable) {

    public Claim {
        Objects.requireNonNull(id, "id");
        hosts = Set.copyOf(hosts);
        predicts = List.copyOf(predicts);
        refutedBy = refutedBy == null ? List.of() : List.copyOf(refutedBy);
    }

    public boolean appliesTo(String host) {
        return hosts.contains(host);
    }

    /** The quote cut to a length that fits a test name. */
    public String shortQuote() {
        String q = quote.replace("``", "").replace("`", "");
        return q.length() <= 70 ? q : q.substring(0, 67) + "...";
    }
}
