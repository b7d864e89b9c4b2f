/**
 * The isolation benchmark's document ({@code bench.json}, {@link dev.pywasm.compat.report.bench.BenchDocument}),
 * its history (one copy per bench run beside the run records, {@link dev.pywasm.compat.report.bench.BenchHistory})
 * and the trend the dashboard shows from it ({@link dev.pywasm.compat.report.bench.BenchTrend}).
 */
package dev.pywasm.compat.report.bench;
