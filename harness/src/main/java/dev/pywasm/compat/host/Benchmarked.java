package dev.pywasm.compat.host;

import dev.pywasm.compat.runtime.RuntimeImage;
import java.util.List;

/**
 * A host whose isolation cost the benchmark ({@code dev.pywasm.compat.bench}) measures, three
 * ways: the naive isolation (a fresh process or page per probe, loading the runtime from scratch),
 * ours (what the host does by default), and the floor (fresh runtimes one after the other with
 * nothing else around them). A host implements this and the bench needs to know nothing else of it.
 */
public interface Benchmarked {

    /**
     * How the bench's table names this host's measures.
     *
     * @param host        the host's line, e.g. {@code node v20.19.2}
     * @param naive       the naive measure's row, e.g. {@code naive  fresh node process + load}
     * @param ours        our measure's row
     * @param floor       the floor's row
     * @param first       the row for the start of our isolation plus its first probe
     * @param floorTarget whether ours/floor has a target (3x)
     * @param naiveSuite  what the naive suite run is called, e.g. {@code process}
     * @param oursSuite   what our suite run is called, e.g. {@code worker}
     */
    record Labels(String host, String naive, String ours, String floor, String first, boolean floorTarget,
                  String naiveSuite, String oursSuite) {
    }

    /**
     * What the floor measured.
     *
     * @param millis   one fresh runtime each, in milliseconds
     * @param snapshot whether they were snapshot restores (false: plain loads, the runtime has no snapshot)
     */
    record Floor(List<Double> millis, boolean snapshot) {
    }

    Labels benchLabels();

    /** A session with the naive isolation: every probe on a runtime loaded from scratch in a fresh process or page. */
    HostSession naiveSession(RuntimeImage image);

    /** A session with our isolation, whatever the options say. */
    HostSession oursSession(RuntimeImage image);

    /** {@code samples} fresh runtimes one after the other, the floor of {@code ours} (a session {@link #oursSession} made). */
    Floor floor(RuntimeImage image, HostSession ours, int samples);

    /** Lines the bench prints after this host's table, about {@code ours} (e.g. what its pool said when ready). */
    default List<String> describe(HostSession ours) {
        return List.of();
    }

    /** Sets {@code options} to this host's naive isolation, or to ours, for a suite run. */
    void useIsolation(HostOptions options, boolean naive);
}
