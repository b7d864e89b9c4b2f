/**
 * Hosts: where probes run. {@link dev.pywasm.compat.host.Host} opens a {@link dev.pywasm.compat.host.HostSession}
 * on a runtime image, which runs probe programs each on a fresh runtime within their limits ({@link
 * dev.pywasm.compat.host.Timeouts}). {@link dev.pywasm.compat.host.HostKind} is the registry of every host
 * (adding a host is its class and one row there); {@link dev.pywasm.compat.host.HostOptions} how to find and
 * drive them; {@link dev.pywasm.compat.host.Benchmarked} what the benchmark measures. Node, Deno and Bun
 * ({@link dev.pywasm.compat.host.JsRuntimeHost}) and the compiler live here, browsers below. Hosts know nothing of claims or verdicts.
 */
package dev.pywasm.compat.host;
