/**
 * {@code bisect}: which Pyodide release (and which Emscripten upgrade) changed a claim. {@link
 * dev.pywasm.compat.bisect.Search} is the search over an ordered list of releases (pure, tested with fakes);
 * {@link dev.pywasm.compat.bisect.Bisect} runs its cells on real runtimes through the ordinary runner, with a
 * cache of every cell ({@link dev.pywasm.compat.bisect.CellCache}), and writes {@code bisect.json} and
 * {@code bisect.md}.
 */
package dev.pywasm.compat.bisect;
