/**
 * The check from options to results: {@link dev.pywasm.compat.run.Check} (catalog, expectations, hosts from the
 * registry, runtimes), {@link dev.pywasm.compat.run.Runner} (the matrix of cells on worker threads, reruns, the
 * result file written as results come), and where things are ({@link dev.pywasm.compat.run.Layout}). The command
 * line and the JUnit suite both start here.
 */
package dev.pywasm.compat.run;
