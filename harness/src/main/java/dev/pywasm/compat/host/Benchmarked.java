package dev.pywasm.compat.host;

import dev.pywasm.compat.runtime.RuntimeImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host whose isolation cost the benchmark ({@code dev.pywasm.compat.bench}) measures: the naive
 * isolation (a fresh process or page per probe, loading the runtime from scratch), ours (what the
 * host does by default), the runtime's own snapshot restore one after the other with nothing else
 * around it, and the floor below that (instantiating the compiled module and copying the snapshot
 * heap into its memory), where the host can measure it. A host implements this and the bench needs
 * to know nothing else of it.
 */
public interface Benchmarked {

    /**
     * How the bench's table names this host's measures.
     *
     * @param host        the host's line, e.g. {@code node v20.19.2}
     * @param naive       the naive measure's row, e.g. {@code naive  fresh node process + load}
     * @param ours        our measure's row
     * @param restore     the snapshot restore's row
     * @param floor       the floor's row
     * @param first       the row for the start of our isolation plus its first probe
     * @param naiveSuite  what the naive suite run is called, e.g. {@code process}
     * @param oursSuite   what our suite run is called, e.g. {@code worker}
     */
    record Labels(String host, String naive, String ours, String restore, String floor, String first,
                  String naiveSuite, String oursSuite) {
    }

    /**
     * What the two lower bounds measured.
     *
     * @param restore   one snapshot restore each, in milliseconds
     * @param snapshot  whether they were snapshot restores (false: plain loads, the runtime has no snapshot)
     * @param floor     one instantiate-and-copy each, in milliseconds; empty where not measured
     * @param floorNote why the floor is empty, or null
     * @param phases    where the restores' time went, where the host can tell: a named phase (e.g. {@code import
     *                  of pyodide.mjs}) and its milliseconds in each restore, in order; the bench prints their medians
     */
    record Floor(List<Double> restore, boolean snapshot, List<Double> floor, String floorNote,
                 Map<String, List<Double>> phases) {

        public Floor {
            restore = List.copyOf(restore);
            floor = floor == null ? List.of() : List.copyOf(floor);
            LinkedHashMap<String, List<Double>> copy = new LinkedHashMap<>();
            if (phases != null) {
                phases.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            }
            phases = Collections.unmodifiableMap(copy); // in the host's order
        }

        public Floor(List<Double> restore, boolean snapshot, List<Double> floor, String floorNote) {
            this(restore, snapshot, floor, floorNote, null);
        }

        /** Only the restore: the floor is not measured on this host, for {@code why}. */
        public static Floor restoreOnly(List<Double> restore, boolean snapshot, String why) {
            return new Floor(restore, snapshot, List.of(), why);
        }
    }

    Labels benchLabels();

    /** A session with the naive isolation: every probe on a runtime loaded from scratch in a fresh process or page. */
    HostSession naiveSession(RuntimeImage image);

    /** A session with our isolation, whatever the options say. */
    HostSession oursSession(RuntimeImage image);

    /** {@code samples} snapshot restores one after the other, and as many floors, below {@code ours} (a session {@link #oursSession} made). */
    Floor floor(RuntimeImage image, HostSession ours, int samples);

    /** Lines the bench prints after this host's table, about {@code ours} (e.g. what its pool said when ready). */
    default List<String> describe(HostSession ours) {
        return List.of();
    }

    /** Sets {@code options} to this host's naive isolation, or to ours, for a suite run. */
    void useIsolation(HostOptions options, boolean naive);
}
