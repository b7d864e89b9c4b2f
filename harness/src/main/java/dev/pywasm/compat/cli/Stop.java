package dev.pywasm.compat.cli;

import dev.pywasm.compat.model.ResultDocument;
import dev.pywasm.compat.model.RunInfo;
import dev.pywasm.compat.report.Summary;
import dev.pywasm.compat.run.Check;
import dev.pywasm.compat.run.Runner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code run} does when a signal stops it (see {@link Interrupts}): cancels the running cells,
 * marks the result file interrupted with what was planned and done, writes the summary and the
 * dashboard of the finished cells, says how to continue, and closes every host by handle.
 */
final class Stop {

    private Stop() {
    }

    /**
     * @param check the run's check, or null when the signal came before it existed
     * @param run   the started run, or null when the signal came before the first cell started
     */
    static void afterSignal(String signal, Check check, Runner.Run run, PrintStream progress) {
        progress.println();
        progress.println("pywasm-compat: " + signal + " received: stopping; the running cells are cancelled");
        if (check == null) {
            return;
        }
        try {
            if (run == null) {
                progress.println("pywasm-compat: stopped before any cell ran; nothing written");
                return;
            }
            ResultDocument doc = run.interrupt(signal);
            List<Path> written = check.finish(doc, progress);
            PrintStream out = System.out;
            out.println();
            out.print(Summary.console(doc, check.history(progress)));
            out.println();
            written.forEach(p -> out.println("Wrote " + p));
            RunInfo.Interruption stop = doc.run().interrupted();
            out.println("Interrupted by " + signal + ": " + stop.done() + " of " + stop.planned()
                    + " results written; continue with the same command and --resume (finished cells are kept)");
        } finally {
            check.close();
        }
    }
}
