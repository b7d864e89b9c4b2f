package dev.pywasm.compat.report.bisect;

import dev.pywasm.compat.report.Json;
import dev.pywasm.compat.report.ResultSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Per claim, what the reports say about the release that changed it: for each change between neighbouring
 * runtimes of a result set (see {@link Interval}), {@code node: changed in 0.28.0 (Emscripten 3.1.58 -> 4.0.9)}
 * when a bisection answers it, else the command that would.
 */
public final class ChangeNotes {

    /** Where the bisections of a run live, beside its results: {@code bisect/<host>-<from>-<to>/bisect.json}. */
    public static final String DIR = "bisect";

    private ChangeNotes() {
    }

    /**
     * The note for each claim that changed between neighbouring runtimes, by claim id.
     *
     * @param bisections bisections to answer the changes with (those of other ends or verdicts are not used)
     */
    public static Map<String, List<String>> of(ResultSet set, List<Bisection> bisections) {
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (Interval iv : Interval.of(set)) {
            for (Interval.Change change : iv.changes()) {
                Optional<Bisection> answer = bisections.stream().filter(b -> iv.answeredBy(b, change)).findFirst();
                String note = answer.map(b -> iv.host() + ": " + b.changedIn(b.claims().stream()
                                .filter(c -> c.claimId().equals(change.claimId())).findFirst().orElseThrow()))
                        .orElse(iv.host() + ": " + change.from() + " in " + iv.from().id() + ", " + change.to() + " in "
                                + iv.to().id() + "; find the release that changed it: ./pywasm-compat bisect --host "
                                + iv.host() + " --from " + iv.from().version() + " --to " + iv.to().version()
                                + " --claims " + change.claimId() + " (or run --bisect)");
                notes.computeIfAbsent(change.claimId(), k -> new ArrayList<>()).add(note);
            }
        }
        return notes;
    }

    /**
     * The bisections written beside a result file ({@code <dir>/bisect/*}/bisect.json); one that cannot be read
     * is named in {@code warnings} and left out.
     */
    public static List<Bisection> read(Path resultsDir, List<String> warnings) {
        Path dir = resultsDir.resolve(DIR);
        List<Bisection> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.map(d -> d.resolve("bisect.json")).filter(Files::isRegularFile).sorted().toList()) {
                try {
                    found.add(Json.mapper().readValue(file.toFile(), Bisection.class));
                } catch (IOException | RuntimeException e) {
                    warnings.add("cannot read the bisection " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                            + "); it is left out: bisect again, or move it away");
                }
            }
        } catch (IOException e) {
            warnings.add("cannot list " + dir + ": " + e.getMessage());
        }
        return found;
    }
}
