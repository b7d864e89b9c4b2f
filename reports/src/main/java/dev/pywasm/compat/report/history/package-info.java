/** The history store: one small record per run outside the checkout, and the per-cell history read back from it. */
package dev.pywasm.compat.report.history;
