/**
 * The ground floor: running processes with a timeout or with a probe's {@link dev.pywasm.compat.exec.Limits}
 * (start-up, probe, grace), killing a process tree by handle, keeping the tail of a flood of output,
 * the probe file that exists only while it runs, named daemon threads, SHA-256; and {@link
 * dev.pywasm.compat.exec.RawRun}, what one run printed and how it ended. Every host and the source build
 * use it; it uses nothing of the harness above it.
 */
package dev.pywasm.compat.exec;
