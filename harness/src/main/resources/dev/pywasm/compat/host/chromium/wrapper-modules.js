// pywasm-compat: Emscripten's wrapper modules compiled once for the loads of one pool or page, shared by
// the Node pool (node/pyodide-pool.js, require) and the Chromium probe worker (probe-worker.js, import).
// Plain script: CommonJS exports under Node, globalThis.pywasmWrapperModules in a worker.
//
// While linking, Emscripten's addFunction makes a tiny WebAssembly module for each JavaScript function
// it puts in the table (convertJsFunctionToWasm: ~260 per load of Pyodide 314, 33-44 bytes each, ~15 ms
// to compile them all). The first load reports the ones it compiled (bytes and compiled module, before
// any probe runs), and later loads take a byte-identical module from that set instead of compiling it
// again: compiled code holds no state, each load still makes its own instances of it. Only during the
// load; a probe sees WebAssembly.Module as it is.
"use strict";

/** Larger modules (the runtime itself, whatever a probe compiles) are never looked up. */
const WRAPPER_MAX_BYTES = 256;

/**
 * The load's WebAssembly.Module constructor for small modules: a byte-identical one from `known` ([key,
 * compiled module] pairs a pool or page kept from earlier loads; null: no cache, the constructor stays as
 * it is), else compiled and remembered. install() and uninstall() put it in place for the load and take it
 * out; made() is what this load compiled ([key, module] pairs, for the next loads), hits() how many
 * constructions it answered with a module compiled before (the pool's or its own; null without a cache).
 */
function wrapperModules(known) {
  const original = WebAssembly.Module;
  if (!known) return { install() {}, uninstall() {}, made: () => [], hits: () => null };
  const cache = new Map(known);
  const made = [];
  let hits = 0;
  const cached = new Proxy(original, {
    construct(target, args, newTarget) {
      const bytes = args[0];
      if (args.length !== 1 || !(bytes instanceof Uint8Array) || bytes.byteLength > WRAPPER_MAX_BYTES) {
        return Reflect.construct(target, args, newTarget);
      }
      const key = String.fromCharCode.apply(null, bytes); // one char per byte (latin1)
      const hit = cache.get(key);
      if (hit) {
        hits++;
        return hit;
      }
      const compiled = Reflect.construct(target, args, newTarget);
      cache.set(key, compiled);
      made.push([key, compiled]);
      return compiled;
    },
  });
  return {
    install: () => { WebAssembly.Module = cached; },
    uninstall: () => { WebAssembly.Module = original; },
    made: () => made,
    hits: () => hits,
  };
}

/** Adds to `into` (a Map, or null: no cache) the [key, module] pairs a load reported that it does not have yet. */
function keep(into, reported) {
  for (const [key, compiled] of (into && reported) || []) {
    if (typeof key === "string" && compiled instanceof WebAssembly.Module && !into.has(key)) into.set(key, compiled);
  }
}

if (typeof module === "object" && module && module.exports) module.exports = { wrapperModules, keep };
else globalThis.pywasmWrapperModules = { wrapperModules, keep };
