/**
 * Which release changed a claim: the result of a bisection over the Pyodide releases between two (its
 * JSON form {@code bisect.json} and Markdown page), and the neighbouring runtimes of a matrix run whose
 * verdicts differ, i.e. the intervals worth bisecting.
 */
package dev.pywasm.compat.report.bisect;
