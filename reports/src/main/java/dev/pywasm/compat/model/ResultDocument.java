package dev.pywasm.compat.model;

import java.util.List;
import java.util.Objects;

/**
 * One run's results: the stream every report, the JUnit suite and the expectation updater read.
 * Written as {@code results.json}; see the README's "Result file" section for the schema.
 *
 * @param schema  {@value #SCHEMA}
 * @param run     the run's header
 * @param results one entry per claim x host x runtime, in the order they finished
 */
public record ResultDocument(String schema, RunInfo run, List<Result> results) {

    public static final String SCHEMA = "pywasm-compat/results/v1";

    public ResultDocument {
        Objects.requireNonNull(run, "run");
        results = results == null ? List.of() : List.copyOf(results);
    }

    public static ResultDocument start(RunInfo run) {
        return new ResultDocument(SCHEMA, run, List.of());
    }
}
