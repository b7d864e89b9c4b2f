package dev.pywasm.compat.report;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A claim whose verdict differs by engine: on one runtime, served the same way, two engines (node, deno,
 * bun; chromium, firefox, webkit) gave different verdicts. The engine axis of issue 16, next to the
 * runtime diff: "this claim differs by engine" is a headline of the summary and the dashboard.
 *
 * <p>A host's engine is its id without the serving mode ({@code chromium-plain} is Chromium served
 * without the isolation headers), and only hosts served the same way are compared (the hosting claims
 * differ between serving modes by design). The control host and the compiler host run no engine.
 *
 * @param claimId the claim
 * @param runtime the runtime the engines ran
 * @param mode    the serving mode the compared hosts share ({@code ""}: the default one)
 * @param engines per verdict, the hosts that gave it
 */
public record EngineDifference(String claimId, String runtime, String mode, Map<Verdict, List<String>> engines) {

    /** Serving-mode suffixes of host ids (see the chromium and firefox hosts). */
    private static final List<String> MODES = List.of("-plain", "-badmime");
    /** Hosts that run no JavaScript engine of their own. */
    private static final List<String> NOT_ENGINES = List.of(Text.CONTROL_HOST, "emcc");

    /** One checked cell: what the comparison needs of a result or a dashboard cell. */
    public record Seen(String claimId, String host, String runtime, Verdict verdict) {
        static Seen of(Result r) {
            return new Seen(r.claimId(), r.host(), r.runtime(), r.verdict());
        }
    }

    /** The engine a host runs ({@code chromium-plain} -> {@code chromium}), or null for the control and emcc. */
    public static String engine(String host) {
        if (host == null || NOT_ENGINES.contains(host)) {
            return null;
        }
        return MODES.stream().filter(host::endsWith).findFirst()
                .map(m -> host.substring(0, host.length() - m.length())).orElse(host);
    }

    private static String mode(String host) {
        return MODES.stream().filter(host::endsWith).findFirst().map(m -> m.substring(1)).orElse("");
    }

    /** The differences among results, in the order their claims first appear. */
    public static List<EngineDifference> ofResults(List<Result> results) {
        return of(results.stream().map(Seen::of).toList());
    }

    /** The differences among checked cells (SKIPPED cells and hosts without an engine do not count). */
    public static List<EngineDifference> of(List<Seen> cells) {
        Map<List<String>, Map<Verdict, TreeSet<String>>> groups = new LinkedHashMap<>();
        for (Seen c : cells) {
            if (c.verdict() == null || c.verdict() == Verdict.SKIPPED || engine(c.host()) == null) {
                continue;
            }
            groups.computeIfAbsent(List.of(c.claimId(), c.runtime(), mode(c.host())), k -> new EnumMap<>(Verdict.class))
                    .computeIfAbsent(c.verdict(), k -> new TreeSet<>()).add(c.host());
        }
        List<EngineDifference> out = new ArrayList<>();
        groups.forEach((key, byVerdict) -> {
            if (byVerdict.size() > 1) {
                Map<Verdict, List<String>> engines = new EnumMap<>(Verdict.class);
                byVerdict.forEach((v, hosts) -> engines.put(v, List.copyOf(hosts)));
                out.add(new EngineDifference(key.get(0), key.get(1), key.get(2), engines));
            }
        });
        return out;
    }

    /** How many engines the cells ran on (the headline needs two). */
    public static long engineCount(List<Seen> cells) {
        return cells.stream().map(c -> engine(c.host())).filter(e -> e != null).distinct().count();
    }

    /** One line: {@code fs.large-files @ pyodide-314.0.8: HOLDS on bun, node, webkit; STALE on chromium, deno, firefox}. */
    public String line() {
        return claimId + " @ " + runtime + (mode.isEmpty() ? "" : " (served " + mode + ")") + ": "
                + engines.entrySet().stream().map(e -> e.getKey() + " on " + String.join(", ", e.getValue()))
                        .collect(Collectors.joining("; "));
    }
}
