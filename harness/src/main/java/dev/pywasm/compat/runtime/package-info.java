/**
 * Runtimes: a wasm Python made ready to run ({@link dev.pywasm.compat.runtime.Runtime#prepare}) as a
 * {@link dev.pywasm.compat.runtime.RuntimeImage} of a {@link dev.pywasm.compat.runtime.RuntimeKind}: Pyodide
 * from npm ({@link dev.pywasm.compat.runtime.PyodideNpm}) or CPython built from source by the README's recipe
 * ({@link dev.pywasm.compat.runtime.SourceBuild}). Cached, checked, never run here: hosts run them.
 */
package dev.pywasm.compat.runtime;
