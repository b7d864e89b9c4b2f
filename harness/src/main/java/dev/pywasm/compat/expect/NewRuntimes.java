package dev.pywasm.compat.expect;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.Verdict;
import dev.pywasm.compat.report.VersionOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runtimes that have no recorded verdicts yet on a host: a release that appeared since the expectations
 * were last recorded (typically a new {@code latest} on npm). Their cells are news, not failures: each is
 * compared with the same cell of the <em>baseline</em>, the newest recorded runtime of the same kind that is
 * older (else the oldest newer one), and reported as
 * {@code new runtime pyodide-314.0.8: 0 expectations yet; compared with pyodide-314.0.7: 2 changes}.
 * Runtimes are of the same kind when their ids differ only in version numbers ({@code pyodide-#},
 * {@code cpython-#-node}).
 */
public final class NewRuntimes {

    /**
     * A cell whose verdict differs from the baseline's recorded one.
     *
     * @param baseline the baseline's recorded verdict
     * @param observed this run's verdict
     */
    public record Change(String claimId, String host, Verdict baseline, Verdict observed, String observation) {
    }

    /**
     * One new runtime.
     *
     * @param hosts      the hosts it has no recorded verdicts on (of those this run used)
     * @param baseline   the runtime it was compared with, or null when no runtime of its kind is recorded
     * @param compared   cells that had a recorded baseline verdict
     * @param changes    those whose verdict differs from it
     */
    public record Report(String runtime, List<String> hosts, String baseline, int compared, List<Change> changes) {

        /** The one-line news: {@code new runtime X: 0 expectations yet; compared with Y: N changes}. */
        public String headline() {
            String base = baseline == null ? "no recorded runtime of its kind to compare with"
                    : "compared with " + baseline + ": " + changes.size() + " change" + (changes.size() == 1 ? "" : "s")
                    + " in " + compared + " cells";
            return "new runtime " + runtime + ": 0 expectations yet (" + String.join(", ", hosts) + "); " + base;
        }

        /** The headline, each change on a line, and how to record the runtime. */
        public String text() {
            StringBuilder s = new StringBuilder(headline()).append('\n');
            for (Change c : changes) {
                s.append("  ").append(c.claimId()).append(" @ ").append(c.host()).append(": ").append(c.baseline())
                        .append(" -> ").append(c.observed()).append("  (").append(c.observation()).append(")\n");
            }
            return s.append("  Record its verdicts with ./pywasm-compat run --pyodide ")
                    .append(runtime.replaceFirst("^pyodide-", "")).append(" --update-expectations")
                    .append(" (or mvn verify -D").append(Expectations.UPDATE_PROPERTY).append("=true), then review the diff.")
                    .toString();
        }
    }

    private final Expectations expectations;

    public NewRuntimes(Expectations expectations) {
        this.expectations = expectations;
    }

    /** True when nothing is recorded for this runtime on this host. */
    public boolean isNew(String runtime, String host) {
        return !expectations.recorded(runtime, host);
    }

    /** The runtime a new one is compared with, if any runtime of its kind is recorded. */
    public Optional<String> baseline(String runtime) {
        String kind = kind(runtime);
        List<String> same = expectations.recordedRuntimes().stream()
                .filter(id -> !id.equals(runtime) && kind(id).equals(kind))
                .sorted(VersionOrder.VERSIONS).toList();
        Optional<String> older = same.stream().filter(id -> VersionOrder.VERSIONS.compare(id, runtime) < 0)
                .max(VersionOrder.VERSIONS);
        return older.isPresent() ? older : same.stream().findFirst();
    }

    /** What a new runtime's cell says, for a test that is skipped rather than failed or passed. */
    public String describe(Result r) {
        Optional<String> base = baseline(r.runtime());
        String head = "new runtime " + r.runtime() + ": 0 expectations yet on " + r.host() + "; ";
        if (base.isEmpty()) {
            return head + "no recorded runtime of its kind to compare with. Observed " + r.verdict() + " - " + r.reason();
        }
        Optional<Verdict> was = expectations.expected(base.get(), r.host(), r.claimId());
        String compared = was.isEmpty() ? "compared with " + base.get() + ": nothing recorded there for this cell"
                : was.get() == r.verdict() ? "compared with " + base.get() + ": the same verdict, " + r.verdict()
                : "compared with " + base.get() + ": changed " + was.get() + " -> " + r.verdict();
        return head + compared + ". Observed " + r.verdict() + " - " + r.reason()
                + ". Record it with -D" + Expectations.UPDATE_PROPERTY + "=true (or ./pywasm-compat run --update-expectations).";
    }

    /** One report per new runtime among the results, in the order they appear. */
    public List<Report> reports(List<Result> results) {
        Map<String, List<Result>> byRuntime = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.expected() == null && isNew(r.runtime(), r.host())) {
                byRuntime.computeIfAbsent(r.runtime(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Report> reports = new ArrayList<>();
        byRuntime.forEach((runtime, cells) -> {
            String base = baseline(runtime).orElse(null);
            List<Change> changes = new ArrayList<>();
            int compared = 0;
            for (Result r : cells) {
                Optional<Verdict> was = base == null ? Optional.empty() : expectations.expected(base, r.host(), r.claimId());
                if (was.isPresent()) {
                    compared++;
                    if (was.get() != r.verdict()) {
                        changes.add(new Change(r.claimId(), r.host(), was.get(), r.verdict(),
                                r.observation() == null ? r.reason() : r.observation().summary()));
                    }
                }
            }
            changes.sort(Comparator.comparing(Change::claimId).thenComparing(Change::host));
            List<String> hosts = new ArrayList<>(new TreeSet<>(cells.stream().map(Result::host).toList()));
            reports.add(new Report(runtime, hosts, base, compared, changes));
        });
        return reports;
    }

    /** Ids that differ only in their version numbers are of one kind: {@code pyodide-#}, {@code cpython-#-node}. */
    static String kind(String runtimeId) {
        return runtimeId.replaceAll("\\d+(\\.\\d+)+(-(alpha|beta|rc|dev)[.\\d]*)?", "#");
    }
}
