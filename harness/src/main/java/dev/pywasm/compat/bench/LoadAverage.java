package dev.pywasm.compat.bench;

import dev.pywasm.compat.report.bench.BenchDocument;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's 1, 5 and 15 minute load averages ({@code /proc/loadavg}; elsewhere the JVM's 1-minute figure), which
 * {@code bench.json} keeps beside every figure: on a shared machine a bench measures the load too.
 */
public final class LoadAverage {

    private static final Path PROC = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** Now; empty when the system says nothing. */
    public static List<Double> now() {
        return parse(PROC);
    }

    static List<Double> parse(Path loadavg) {
        try {
            String[] fields = Files.readString(loadavg).strip().split("\\s+");
            List<Double> load = new ArrayList<>();
            for (int i = 0; i < 3 && i < fields.length; i++) {
                load.add(Double.parseDouble(fields[i]));
            }
            return List.copyOf(load);
        } catch (IOException | NumberFormatException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? List.of() : List.of(one);
        }
    }

    /** This machine: its cores, the load {@code before} (as {@link #now} gave it when the bench started) and now. */
    public static BenchDocument.Machine machine(List<Double> before) {
        return new BenchDocument.Machine(Runtime.getRuntime().availableProcessors(), before, now(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }
}
