package dev.pywasm.compat.report.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bench runs over time, one series per host and runtime (a host's cost depends on the runtime it
 * restores): per run, our per-probe cost and every ratio the run measured, with the machine's load,
 * since a bench on a loaded machine measures the load too.
 *
 * @param host    the host id
 * @param runtime the runtime id
 * @param ratios  the names of the ratios any point has, in the order first seen
 * @param points  oldest first
 */
public record BenchTrend(String host, String runtime, List<String> ratios, List<Point> points) {

    /** The measure whose cost the trend follows: our isolation. */
    public static final String OURS = "ours";

    /**
     * One bench run's figures for the series.
     *
     * @param date       when the bench ran
     * @param harness    the tool that measured
     * @param version    the host's version
     * @param cores      the machine's cores
     * @param load       the 1-minute load average when the bench started; null where unknown
     * @param oursMedian our median per-probe cost (ms); null when the run has no {@code ours} row
     * @param oursMean   its mean (ms); null likewise
     * @param ratios     ratio name -> the run's ratio (with its target and whether it was met)
     */
    public record Point(Instant date, String harness, String version, int cores, Double load, Double oursMedian,
                        Double oursMean, Map<String, BenchDocument.Ratio> ratios) {
    }

    /** The series of {@code docs} (any order), by host then runtime in the order first seen, each oldest first. */
    public static List<BenchTrend> of(List<BenchDocument> docs) {
        List<BenchDocument> sorted = docs.stream().sorted(java.util.Comparator.comparing(BenchDocument::date)).toList();
        Map<String, List<Point>> points = new LinkedHashMap<>();
        Map<String, Set<String>> ratioNames = new LinkedHashMap<>();
        for (BenchDocument doc : sorted) {
            for (BenchDocument.HostBench h : doc.hosts()) {
                String key = h.host() + "\n" + doc.runtime();
                Map<String, BenchDocument.Ratio> ratios = new LinkedHashMap<>();
                h.ratios().forEach(r -> ratios.put(r.name(), r));
                ratioNames.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(ratios.keySet());
                BenchDocument.Measure ours = h.measure(OURS).orElse(null);
                List<Double> load = doc.machine() == null ? null : doc.machine().loadAverage();
                points.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(doc.date(), doc.harness(), h.version(),
                        doc.machine() == null ? 0 : doc.machine().cores(), load == null || load.isEmpty() ? null : load.get(0),
                        ours == null ? null : ours.median(), ours == null ? null : ours.mean(), Map.copyOf(ratios)));
            }
        }
        List<BenchTrend> trends = new ArrayList<>();
        points.forEach((key, list) -> {
            String[] hostRuntime = key.split("\n", 2);
            trends.add(new BenchTrend(hostRuntime[0], hostRuntime[1], List.copyOf(ratioNames.get(key)), List.copyOf(list)));
        });
        return trends;
    }
}
