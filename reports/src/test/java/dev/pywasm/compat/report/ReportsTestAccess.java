package dev.pywasm.compat.report;

import dev.pywasm.compat.model.ResultDocument;
import java.nio.file.Path;
import java.util.List;

/** Writes the reports of one in-memory document, for tests in other packages; returns the warnings. */
public final class ReportsTestAccess {

    private ReportsTestAccess() {
    }

    public static List<String> write(Path out, ResultDocument doc, Path claimsSource) {
        return Reports.write(out.resolve("results.json"), doc, new Reports.Options().setOut(out)
                .setClaimsSource(claimsSource)).warnings();
    }
}
