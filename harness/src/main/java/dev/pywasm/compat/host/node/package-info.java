/**
 * The node host's pooled isolation: long-lived {@code pyodide-pool.js} processes, each probe in a fresh
 * worker thread that restores a memory snapshot of a just-started Pyodide.
 */
package dev.pywasm.compat.host.node;
