/**
 * Everything a result file becomes: reading and writing it atomically, the summary, and the "what
 * changed?" reports ({@link dev.pywasm.compat.report.Reports}: dashboard, annotated README, diff, history).
 * Each report is a function of result files and the claims source.
 */
package dev.pywasm.compat.report;
