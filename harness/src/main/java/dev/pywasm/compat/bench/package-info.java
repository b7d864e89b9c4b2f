/**
 * The isolation benchmark: what a fresh runtime per probe costs on a host, naive vs ours vs the
 * floor ({@link dev.pywasm.compat.host.Benchmarked}), and the default suite run both ways with the same
 * verdicts. It measures this machine; it is not a test.
 */
package dev.pywasm.compat.bench;
