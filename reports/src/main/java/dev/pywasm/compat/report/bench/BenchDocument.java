package dev.pywasm.compat.report.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench.json}: what one {@code pywasm-compat bench} run measured, for dashboards that plot the
 * trend. The per-probe measures of a host are a list of named rows ({@code naive}, {@code ours},
 * {@code floor}, ... in the table's order), so a new measure is a new row and readers look rows up by
 * name; the ratios likewise, each with its target when it has one.
 *
 * @param schema  {@link #SCHEMA}
 * @param harness the tool that measured, e.g. {@code pywasm-compat 0.1.0 (bench)}
 * @param date    when the bench started
 * @param machine the machine and how loaded it was
 * @param runtime the runtime measured, e.g. {@code pyodide-314.0.7}
 * @param samples probes per measure (after one not counted)
 * @param hosts   one entry per host measured, in the table's order
 * @param suites  the default suite run both ways per host; empty with {@code --no-suite}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchDocument(String schema, String harness, Instant date, Machine machine, String runtime, int samples,
                            List<HostBench> hosts, List<SuiteTimes> suites) {

    public static final String SCHEMA = "pywasm-compat/bench/v1";

    public BenchDocument {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        suites = suites == null ? List.of() : List.copyOf(suites);
    }

    /**
     * @param cores       available processors
     * @param loadAverage the 1, 5 and 15 minute load averages when the bench started (empty where unknown)
     * @param loadAfter   the same when it ended
     * @param os          operating system and architecture
     * @param java        the JVM's version
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Machine(int cores, List<Double> loadAverage, List<Double> loadAfter, String os, String java) {
    }

    /**
     * One host's per-probe costs.
     *
     * @param host             the host id, e.g. {@code node}
     * @param version          its version, e.g. {@code v20.19.2}
     * @param label            the table's heading for it, e.g. {@code node v20.19.2}
     * @param measures         the rows, in the table's order
     * @param ratios           the ratios between rows, in the table's order
     * @param firstProbeMillis starting our isolation plus its first probe
     * @param notes            what the host said of our isolation (e.g. its pool's ready line)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HostBench(String host, String version, String label, List<Measure> measures, List<Ratio> ratios,
                            Long firstProbeMillis, List<String> notes) {

        public HostBench {
            measures = measures == null ? List.of() : List.copyOf(measures);
            ratios = ratios == null ? List.of() : List.copyOf(ratios);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        /** This host's bench with one more measure and ratio (appended) and more notes. */
        public HostBench plus(Measure measure, Ratio ratio, List<String> moreNotes) {
            List<Measure> m = new ArrayList<>(measures);
            m.add(measure);
            List<Ratio> r = new ArrayList<>(ratios);
            r.add(ratio);
            List<String> n = new ArrayList<>(notes);
            n.addAll(moreNotes);
            return new HostBench(host, version, label, m, r, firstProbeMillis, n);
        }

        public Optional<Measure> measure(String name) {
            return measures.stream().filter(m -> m.name().equals(name)).findFirst();
        }

        public Optional<Ratio> ratio(String name) {
            return ratios.stream().filter(r -> r.name().equals(name)).findFirst();
        }
    }

    /**
     * A measure: milliseconds per probe.
     *
     * @param name    the row's key: {@code naive}, {@code ours}, {@code floor}, ...
     * @param label   what the row measures, as the table says it
     * @param mean    the wall time of all samples over their number
     * @param median  the median sample
     * @param min     the fastest sample
     * @param samples how many samples
     * @param note    a remark, e.g. {@code NO SNAPSHOT}
     * @param target  a bound on the median in milliseconds ({@code value} is the milliseconds), or null when it has none
     * @param met     whether the median is within the target; null without a target
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measure(String name, String label, double mean, double median, double min, int samples, String note,
                          Target target, Boolean met) {

        public Measure(String name, String label, double mean, double median, double min, int samples, String note) {
            this(name, label, mean, median, min, samples, note, null, null);
        }

        /** This measure with a bound on its median, in milliseconds. */
        public Measure withTarget(Target target) {
            return new Measure(name, label, mean, median, min, samples, note, target, target.metBy(median));
        }
    }

    /**
     * A ratio of two measures.
     *
     * @param name   {@code <of>/<over>}, e.g. {@code naive/ours}
     * @param of     the numerator's measure name
     * @param over   the denominator's measure name
     * @param basis  which statistic of both: {@code mean} or {@code median}
     * @param value  the ratio
     * @param target its target, or null when it has none
     * @param met    whether the target is met; null without a target
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ratio(String name, String of, String over, String basis, double value, Target target, Boolean met) {

        /** {@code of}/{@code over} of the two measures' {@code basis} ({@code mean} or {@code median}). */
        public static Ratio of(Measure of, Measure over, String basis, Target target) {
            double value = "median".equals(basis) ? of.median() / over.median() : of.mean() / over.mean();
            return new Ratio(of.name() + "/" + over.name(), of.name(), over.name(), basis, value, target,
                    target == null ? null : target.metBy(value));
        }
    }

    /**
     * @param atLeast the ratio must be at least {@code value} (true), or at most (false)
     * @param value   the bound
     */
    public record Target(boolean atLeast, double value) {

        public boolean metBy(double ratio) {
            return atLeast ? ratio >= value : ratio <= value;
        }

        /** {@code >= 20x}, {@code <= 3x}. */
        public String describe() {
            return describe("x");
        }

        /** The bound with its unit: {@code <= 100 ms}. */
        public String describe(String unit) {
            return (atLeast ? ">= " : "<= ") + (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value))
                    + unit;
        }
    }

    /**
     * The default suite on one host, run with each isolation.
     *
     * @param host      the host id
     * @param jobs      probes at once
     * @param runs      one per isolation, naive first
     * @param results   results per run
     * @param identical whether every verdict was the same both ways
     * @param differ    one line per cell whose verdict differs
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SuiteTimes(String host, int jobs, List<SuiteRun> runs, int results, boolean identical,
                             List<String> differ) {

        public SuiteTimes {
            runs = runs == null ? List.of() : List.copyOf(runs);
            differ = differ == null ? List.of() : List.copyOf(differ);
        }
    }

    /**
     * @param isolation   {@code naive} or {@code ours}
     * @param name        what the host calls it, e.g. {@code process}, {@code worker}
     * @param wallMillis  the suite run's wall time
     * @param probeMillis the sum of its probes' durations
     */
    public record SuiteRun(String isolation, String name, long wallMillis, long probeMillis) {
    }
}
