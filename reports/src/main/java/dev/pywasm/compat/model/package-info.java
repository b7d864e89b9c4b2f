/**
 * The {@code results.json} schema ({@code pywasm-compat/results/v1}) as records: a run, its runtimes and hosts,
 * and per cell the {@link dev.pywasm.compat.model.Verdict}, the observation and the evidence. It is the contract
 * between the harness that writes results and everything that reads them, which is why it (with the
 * verdicts) lives in the {@code reports} module: reports, the dashboard and the diff read a result file
 * with this module alone, without Playwright, Node or the harness. Fields are only ever added.
 */
package dev.pywasm.compat.model;
