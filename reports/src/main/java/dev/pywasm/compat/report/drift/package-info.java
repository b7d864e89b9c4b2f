/**
 * Which document fits which runtime: the verdicts of each version of the claims source, and the
 * documentation drift report (drift.md and its dashboard section) that turns them into the edits the
 * current text needs.
 */
package dev.pywasm.compat.report.drift;
