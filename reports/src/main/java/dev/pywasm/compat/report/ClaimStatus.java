package dev.pywasm.compat.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A claim's verdict across all its cells, for the places that show one mark per README sentence:
 * {@code holds} or {@code stale} everywhere it was checked, or {@code differs} by host or runtime.
 *
 * @param claimId          the claim
 * @param section          its README section
 * @param quote            its README words
 * @param verdict          the one verdict of every checked (not SKIPPED) cell; SKIPPED when no cell was
 *                         checked; null when the cells disagree
 * @param differsByHost    some runtime gave different verdicts on different hosts
 * @param differsByRuntime some host gave different verdicts with different runtimes
 * @param detail           which cells said what, when they disagree ({@code HOLDS: node; STALE: chromium})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimStatus(String claimId, String section, String quote, Verdict verdict, boolean differsByHost,
                          boolean differsByRuntime, String detail) {

    /** One status per claim, in the order the claims first appear; the control host's cells do not count. */
    public static List<ClaimStatus> of(List<Result> results) {
        Map<String, List<Result>> byClaim = new LinkedHashMap<>();
        results.forEach(r -> byClaim.computeIfAbsent(r.claimId(), k -> new ArrayList<>()).add(r));
        return byClaim.values().stream().map(ClaimStatus::ofClaim).toList();
    }

    static ClaimStatus ofClaim(List<Result> cells) {
        Result first = cells.get(0);
        // The control (native CPython) says what a probe sees without wasm, nothing about the README.
        List<Result> checked = cells.stream().filter(r -> r.verdict() != Verdict.SKIPPED)
                .filter(r -> !Text.CONTROL_HOST.equals(r.host())).toList();
        Set<Verdict> verdicts = checked.stream().map(Result::verdict).collect(Collectors.toSet());
        if (verdicts.size() <= 1) {
            Verdict v = verdicts.isEmpty() ? Verdict.SKIPPED : verdicts.iterator().next();
            return new ClaimStatus(first.claimId(), first.section(), first.quote(), v, false, false, null);
        }
        boolean byHost = disagree(checked, Result::runtime);
        boolean byRuntime = disagree(checked, Result::host);
        boolean oneRuntime = checked.stream().map(Result::runtime).distinct().count() == 1;
        boolean oneHost = checked.stream().map(Result::host).distinct().count() == 1;
        Map<Verdict, Set<String>> where = new EnumMap<>(Verdict.class);
        for (Result r : checked) {
            String cell = oneRuntime ? r.host() : oneHost ? r.runtime() : r.host() + "/" + r.runtime();
            where.computeIfAbsent(r.verdict(), k -> new TreeSet<>()).add(cell);
        }
        String detail = where.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
        return new ClaimStatus(first.claimId(), first.section(), first.quote(), null, byHost, byRuntime, detail);
    }

    /** True when the cells within each group (same runtime, or same host) do not all agree. */
    private static boolean disagree(List<Result> checked, java.util.function.Function<Result, String> group) {
        Map<String, Set<Verdict>> byGroup = new LinkedHashMap<>();
        checked.forEach(r -> byGroup.computeIfAbsent(group.apply(r), k -> new TreeSet<>()).add(r.verdict()));
        return byGroup.values().stream().anyMatch(s -> s.size() > 1);
    }

    /** Lower-case words: {@code holds}, {@code stale}, {@code differs by host}, {@code not checked}. */
    public String label() {
        if (verdict == null) {
            return "differs by " + (differsByHost == differsByRuntime ? "host and runtime"
                    : differsByRuntime ? "runtime" : "host");
        }
        return verdict == Verdict.SKIPPED ? "not checked" : verdict.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One character that reads without colour: ✔ holds, ✘ stale, ≠ differs, ⚠ no usable answer, – skipped. */
    public String symbol() {
        if (verdict == null) {
            return "≠";
        }
        return switch (verdict) {
            case HOLDS -> "✔";
            case STALE -> "✘";
            case SKIPPED -> "–";
            default -> "⚠";
        };
    }

    /** The CSS class the dashboard colours it with. */
    public String cssClass() {
        return verdict == null ? "st-DIFFERS" : "st-" + verdict.name();
    }
}
