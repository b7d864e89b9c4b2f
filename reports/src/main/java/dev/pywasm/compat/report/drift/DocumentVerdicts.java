package dev.pywasm.compat.report.drift;

import dev.pywasm.compat.model.DocumentVersion;
import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ClaimStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verdicts of one document version's claims: what results.json records per version, and its claim marks. */
public final class DocumentVerdicts {

    private DocumentVerdicts() {
    }

    /** Per runtime and host (in result order), the verdict counts of the version's claims and the STALE ones. */
    public static List<DocumentVersion.VersionVerdicts> of(DocumentVersion version, List<Result> results) {
        Map<String, List<Result>> byCell = new LinkedHashMap<>();
        for (Result r : results) {
            if (version.quotes().containsKey(r.claimId())) {
                byCell.computeIfAbsent(r.runtime() + "\u0000" + r.host(), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> order = List.copyOf(version.quotes().keySet());
        List<DocumentVersion.VersionVerdicts> sets = new ArrayList<>();
        byCell.forEach((key, cells) -> {
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            cells.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
            List<String> stale = cells.stream().filter(r -> r.verdict() == Verdict.STALE).map(Result::claimId)
                    .sorted(java.util.Comparator.comparingInt(order::indexOf)).toList();
            sets.add(new DocumentVersion.VersionVerdicts(cells.get(0).runtime(), cells.get(0).host(), counts, stale));
        });
        return sets;
    }

    /** Every version with its verdict sets filled from the results. */
    public static List<DocumentVersion> fill(List<DocumentVersion> versions, List<Result> results) {
        return versions.stream().map(v -> v.withVerdicts(of(v, results))).toList();
    }

    /**
     * One status per claim of the version that has results, carrying the version's words for it (so its
     * annotated README finds them); claims the version does not make are left out.
     */
    public static List<ClaimStatus> statuses(DocumentVersion version, List<Result> results) {
        List<Result> mine = results.stream().filter(r -> version.quotes().containsKey(r.claimId())).toList();
        return ClaimStatus.of(mine).stream().map(s -> new ClaimStatus(s.claimId(), s.section(),
                version.quotes().get(s.claimId()), s.verdict(), s.differsByHost(), s.differsByRuntime(), s.detail()))
                .toList();
    }
}
