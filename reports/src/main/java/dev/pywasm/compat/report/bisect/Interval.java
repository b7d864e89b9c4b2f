package dev.pywasm.compat.report.bisect;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.RuntimeIdentity;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.ResultSet;
import dev.pywasm.compat.report.VersionOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims whose verdict differs between two neighbouring Pyodide runtimes of a result set (e.g. 0.26.4 and
 * 0.28.3 of the nightly matrix) on one host: an interval that a bisection narrows down to the release that
 * changed them.
 *
 * @param host    the host
 * @param from    the older runtime
 * @param to      the newer runtime, the next Pyodide of the set
 * @param changes the claims whose verdict differs, by claim id
 */
public record Interval(String host, RuntimeIdentity from, RuntimeIdentity to, List<Change> changes) {

    /** One claim that changed between the two. */
    public record Change(String claimId, Verdict from, Verdict to) {
    }

    public Interval {
        changes = List.copyOf(changes);
    }

    /** The command that bisects this interval. */
    public String command() {
        return "./pywasm-compat bisect --host " + host + " --from " + from.version() + " --to " + to.version()
                + " --claims " + String.join(",", changes.stream().map(Change::claimId).toList());
    }

    /**
     * Every interval of the set with a change: its Pyodide runtimes in release order, each with the next, per
     * host; cells on one side only are not changes.
     */
    public static List<Interval> of(ResultSet set) {
        List<RuntimeIdentity> pyodide = set.runtimes().stream()
                .filter(rt -> "pyodide".equals(rt.kind()) && rt.version() != null)
                .sorted(Comparator.comparing(RuntimeIdentity::version, VersionOrder.VERSIONS)).toList();
        Map<String, Result> cells = new LinkedHashMap<>();
        set.results().forEach(r -> cells.put(r.key(), r));
        List<String> hosts = set.hosts().stream().map(h -> h.id()).toList();
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i + 1 < pyodide.size(); i++) {
            RuntimeIdentity a = pyodide.get(i);
            RuntimeIdentity b = pyodide.get(i + 1);
            for (String host : hosts) {
                List<Change> changes = new ArrayList<>();
                for (Result x : set.results()) {
                    if (!x.host().equals(host) || !x.runtime().equals(a.id())) {
                        continue;
                    }
                    Result y = cells.get(x.claimId() + " @ " + host + " / " + b.id());
                    if (y != null && y.verdict() != x.verdict()) {
                        changes.add(new Change(x.claimId(), x.verdict(), y.verdict()));
                    }
                }
                if (!changes.isEmpty()) {
                    changes.sort(Comparator.comparing(Change::claimId));
                    intervals.add(new Interval(host, a, b, changes));
                }
            }
        }
        return intervals;
    }

    /**
     * Whether a bisection answers this interval's change of a claim: same host and ends, and the same
     * verdicts at the ends (a bisection of other results, e.g. an old file, does not).
     */
    public boolean answeredBy(Bisection b, Change change) {
        if (!b.host().equals(host) || !b.from().equals(from.version()) || !b.to().equals(to.version())) {
            return false;
        }
        return b.claims().stream().anyMatch(c -> c.claimId().equals(change.claimId())
                && c.fromEnd().verdict() == change.from() && c.toEnd().verdict() == change.to());
    }
}
