/**
 * Expectations: the recorded verdict per claim, host and runtime ({@code suites/expectations/<runtime>/<host>.yaml}),
 * read, validated, compared with a run (the readable diff) and rewritten by the one update flag.
 */
package dev.pywasm.compat.expect;
