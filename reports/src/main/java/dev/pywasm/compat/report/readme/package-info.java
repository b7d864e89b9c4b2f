/** The annotated README: the claims source with each quoted sentence marked in place by its verdicts. */
package dev.pywasm.compat.report.readme;
