/** The self-contained {@code dashboard.html}: its model (the matrix, evidence, history) and the page it is rendered into. */
package dev.pywasm.compat.report.dashboard;
