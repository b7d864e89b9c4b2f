/**
 * The probe protocol, both ends: {@link dev.pywasm.compat.probe.ProbeProgram} (a probe file made into one
 * self-contained program with the {@code pywasm_probe} helper) and {@link dev.pywasm.compat.probe.ProbeOutput}
 * (its lines: {@code PYWASM-OBSERVATION}, the hosts' {@code PYWASM-FATAL} and {@code PYWASM-STARTED}, read
 * into an observation). Knows nothing of hosts.
 */
package dev.pywasm.compat.probe;
