package dev.pywasm.compat.run;

import dev.pywasm.compat.model.Result;
import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.report.ResultFile;
import dev.pywasm.compat.runtime.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's output directory ({@code --out}), checked before anything starts: that it can be
 * written, and for {@code --resume} that it holds a readable result file, whose finished cells are
 * kept.
 */
public final class OutDir {

    private OutDir() {
    }

    /**
     * Creates {@code dir} when needed and writes a probe file into it; throws {@link SetupException}
     * naming {@code --out} when either fails.
     */
    static void checkWritable(Path dir) {
        checkWritable(dir, "--out " + dir);
    }

    /** As {@link #checkWritable(Path)}, the message naming {@code what} (e.g. {@code --out bench.json's directory DIR}). */
    public static void checkWritable(Path dir, String what) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".pywasm-compat-writable", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new SetupException(what + " is not a writable directory: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /**
     * The cells an earlier run wrote into {@code resultsJson} (an interrupted one, or one that finished:
     * then nothing is left to run), except those that ended as the harness's ERROR (a browser server gone, a host
     * session that threw: see {@link CellFailure#isHarnessFailure}), which run again; throws {@link SetupException} naming the file and {@code --resume} when
     * there is none or it is not a result file (a file truncated mid-write, say).
     */
    static Map<Cell, Result> finishedCells(Path resultsJson) {
        return finishedCells(resultsJson, Shard.ALL);
    }

    /** As {@link #finishedCells(Path)}, for a run of {@code shard}: the file must hold that shard's cells. */
    static Map<Cell, Result> finishedCells(Path resultsJson, Shard shard) {
        ResultDocument doc;
        try {
            doc = ResultFile.read(resultsJson);
        } catch (IllegalArgumentException e) {
            throw new SetupException("--resume: " + e.getMessage().lines().findFirst().orElse("")
                    + " (resume continues the run whose results.json is in --out; run without --resume to start afresh)");
        }
        String recorded = doc.run().plan() == null ? Shard.ALL.toString() : doc.run().plan().shard();
        if (!shard.toString().equals(recorded)) {
            throw new SetupException("--resume: " + resultsJson + " holds shard " + recorded + ", not --shard " + shard
                    + " (resume a shard with its own --shard and --out)");
        }
        Map<Cell, Result> cells = new LinkedHashMap<>();
        for (Result r : doc.results()) {
            if (CellFailure.isHarnessFailure(r)) {
                continue; // infrastructure, not an observation of the runtime: run it again
            }
            cells.put(new Cell(r.claimId(), r.host(), r.runtime()), r);
        }
        return cells;
    }
}
