/** The version diff: which claim x host verdicts changed between two runs or two runtimes, as Markdown and JSON. */
package dev.pywasm.compat.report.diff;
