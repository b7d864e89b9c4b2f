// pywasm-compat probe worker: one fresh Pyodide in one fresh dedicated worker, for one program.
// Mirrors the Node pool's workers: Python's stdout and stderr go out line by line as they happen;
// when the runtime dies (a fatal error, an Emscripten exit, a load failure) it reports one fatal
// record. A module worker importing pyodide.mjs: current Pyodide refuses classic workers.
//
// Messages from the page:
//   {type: "snapshot", indexURL}   make a memory snapshot of a freshly started interpreter and
//                                  answer {type: "snapshot", snapshot, module, fetched, ms} or {type: "no-snapshot",
//                                  why, module, fetched, bytecode} (module: the compiled pyodide.asm.wasm when Pyodide
//                                  loaded, else null; fetched: the URLs this worker fetched; bytecode: what the load
//                                  recorded for the bytecode cache of a Pyodide without snapshots, see bytecode-cache.js)
//                                  (the page keeps both and ends this worker)
//   {type: "load", indexURL, snapshot?, module?, files?, bytecode?, wrappers?}
//                                  start a fresh Pyodide: restore the snapshot into a new instance
//                                  of the shared compiled module when given, else load from scratch (into a
//                                  new instance of the shared module when given); files: {url: bytes} the
//                                  page fetched once (the lock file, the standard library), each served
//                                  to this load as a Response of its own copy instead of a fetch; bytecode: the
//                                  bytecode cache the snapshot worker recorded, replayed by this load;
//                                  wrappers: Emscripten's wrapper modules earlier loads compiled ([key, module]
//                                  pairs, see wrapper-modules.js), taken by this load instead of compiling them;
//                                  answers {type: "timing", what: "load", wrappers} (or a fatal record;
//                                  wrappers: the ones this load compiled, for the page to keep)
//   {type: "run", program}         run the program once loaded; answers lines, then {type: "done"}
//   {type: "floor", indexURL, snapshot, module, n}
//                                  the bench's floor: restores the snapshot once while watching what
//                                  Pyodide instantiates the module with, then n times a new instance
//                                  alike with the snapshot heap copied into its memory (no runtime JS
//                                  runs: only the bound); answers {type: "floor", floor: [ms...]} or
//                                  {type: "floor", floor: [], why}
"use strict";

function post(message, transfer) {
  self.postMessage(message, transfer || []);
}

function line(stream) {
  return (text) => post({ type: "line", stream, line: String(text) });
}

let fatalReported = false;
function fatalInfo(kind, error) {
  const status = error && typeof error.status === "number" ? error.status : null;
  return {
    kind: status !== null ? "exit" : kind,
    name: (error && (error.name || (error.constructor && error.constructor.name))) || typeof error,
    message: String((error && error.message) || error).slice(0, 2000),
    status,
  };
}
function fatal(kind, error) {
  if (fatalReported) return;
  fatalReported = true;
  post({ type: "fatal", info: fatalInfo(kind, error) });
}

self.addEventListener("unhandledrejection", (event) => fatal("unhandled-rejection", event.reason));

const TYPES = { zip: "application/zip", json: "application/json", wasm: "application/wasm" };

/**
 * Replaces self.fetch, until the returned function puts it back, with one that answers the URLs in
 * `files` with a Response of a copy of their bytes (a runtime never gets the page's own bytes, nor
 * the page's buffer) and every other URL as fetch does. With `module` (the page compiled
 * pyodide.asm.wasm), the runtime's fetch of that file gets an empty body: the instantiation below
 * never reads it. Counts what it served in phases.served.
 */
function serve(indexURL, files, module, phases) {
  const real = self.fetch;
  const wasm = new URL("pyodide.asm.wasm", indexURL).href;
  self.fetch = function (input, init) {
    let url;
    try {
      url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    } catch (e) {
      return real.apply(this, arguments);
    }
    const bytes = files && Object.prototype.hasOwnProperty.call(files, url) ? files[url] : module && url === wasm ? null : undefined;
    if (bytes === undefined) return real.apply(this, arguments);
    if (phases) phases.served = (phases.served || 0) + 1;
    const type = TYPES[url.slice(url.lastIndexOf(".") + 1)] || "application/octet-stream";
    return Promise.resolve(new Response(bytes ? bytes.slice() : new Uint8Array(0), { status: 200, headers: { "Content-Type": type } }));
  };
  return () => { self.fetch = real; };
}

/** The URLs this worker fetched so far (resource timing). */
function fetchedUrls() {
  return performance.getEntriesByType("resource").map((e) => e.name);
}

/** Whether this Pyodide's runtime JavaScript is the classic pyodide.asm.js (before 0.26), the bytecode cache's seam. */
async function classicRuntime(indexURL) {
  const found = async (name) => {
    try {
      return (await fetch(indexURL + name, { method: "HEAD" })).ok;
    } catch (e) {
      return false;
    }
  };
  return !(await found("pyodide.asm.mjs")) && (await found("pyodide.asm.js"));
}

/**
 * Runs loadPyodide with WebAssembly instantiation redirected to `module` when one is given (the
 * page's compiled pyodide.asm.wasm: compiled code is immutable, so sharing it shares nothing a probe
 * can change) and the runtime's data files served from `files` (see serve), and reports the module
 * Pyodide instantiated to `onModule`. With `bytecode` ("record", or the bytes recorded) the load
 * records or replays the bytecode cache (bytecode-cache.js; a classic runtime only) and the cache's
 * finish() goes to `onBytecode`. With `wrappers` (wrapper-modules.js's wrapperModules()) the load takes the
 * wrapper modules compiled before.
 */
async function load(indexURL, options, module, onModule, phases, files, bytecode, onBytecode, wrappers) {
  const t0 = performance.now();
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  if (phases) phases.import = performance.now() - t0;
  let cache = null;
  let create = null;
  if (bytecode) {
    await import(new URL("bytecode-cache.js", self.location.href).href); // served beside this worker
    // What that loadPyodide does in a module worker (importScripts refuses), done first to reach its seam.
    await import(indexURL + "pyodide.asm.js");
    create = globalThis._createPyodideModule;
    if (typeof create === "function") {
      cache = globalThis.pywasmBytecodeCache.hook(create, bytecode === "record" ? null : bytecode);
      globalThis._createPyodideModule = cache.create;
    }
  }
  const streaming = WebAssembly.instantiateStreaming;
  const plain = WebAssembly.instantiate;
  const reuse = (imports) => {
    const t = performance.now();
    if (phases && phases.beforeInstantiate === undefined) phases.beforeInstantiate = t - t0 - phases.import;
    return plain.call(WebAssembly, module, imports).then((instance) => {
      if (phases) phases.instantiate = (phases.instantiate || 0) + performance.now() - t;
      return { instance, module };
    });
  };
  const seen = (result) => {
    if (onModule && result && result.module) onModule(result.module);
    return result;
  };
  WebAssembly.instantiateStreaming = function (source, imports) {
    if (module) {
      return reuse(imports);
    }
    return streaming.apply(WebAssembly, arguments).then(seen);
  };
  WebAssembly.instantiate = function (source, imports) {
    if (module && !(source instanceof WebAssembly.Module)) return reuse(imports);
    return plain.apply(WebAssembly, arguments).then(seen);
  };
  const unserve = serve(indexURL, files, module, phases);
  // A snapshot in a SharedArrayBuffer (see probe-page.js): Pyodide decodes its header with a TextDecoder, which
  // refuses shared views; for this load, it decodes a copy of them.
  const decode = TextDecoder.prototype.decode;
  TextDecoder.prototype.decode = function (input, opts) {
    const shared = typeof SharedArrayBuffer === "function" && ArrayBuffer.isView(input) && input.buffer instanceof SharedArrayBuffer;
    return decode.call(this, shared ? input.slice() : input, opts);
  };
  if (wrappers) wrappers.install();
  try {
    const pyodide = await loadPyodide({ indexURL, ...options });
    if (bytecode) {
      // Throws when zipimport could not be put back: no probe gets this runtime.
      const result = cache ? cache.finish() : { hits: 0, why: "no bytecode cache: pyodide.asm.js defined no _createPyodideModule" };
      if (onBytecode) onBytecode(result);
    }
    return pyodide;
  } finally {
    if (wrappers) wrappers.uninstall();
    if (cache) globalThis._createPyodideModule = create;
    WebAssembly.instantiateStreaming = streaming;
    WebAssembly.instantiate = plain;
    TextDecoder.prototype.decode = decode;
    unserve();
  }
}

async function makeSnapshot(indexURL) {
  const t0 = performance.now();
  let module = null;
  let bytecode = null;
  let bytecodeWhy = null;
  const quiet = () => {};
  try {
    const record = (await classicRuntime(indexURL)) ? "record" : null;
    let pyodide = await load(indexURL, { _makeSnapshot: true, stdout: quiet, stderr: quiet }, null, (m) => { module = m; },
                             null, null, record, (r) => { bytecode = r.table || null; bytecodeWhy = r.why; });
    if (typeof pyodide.makeMemorySnapshot !== "function") {
      throw new Error("this Pyodide has no makeMemorySnapshot()");
    }
    const snap = pyodide.makeMemorySnapshot();
    pyodide = null;
    if (!(snap instanceof Uint8Array) || snap.byteLength === 0) {
      throw new Error("makeMemorySnapshot() returned no bytes");
    }
    post({ type: "snapshot", snapshot: snap, module, fetched: fetchedUrls(), ms: performance.now() - t0 }, [snap.buffer]);
  } catch (e) {
    // Without a snapshot every probe loads from scratch; the compiled module (when the load got that far) still
    // saves each load its compilation.
    post({ type: "no-snapshot", why: String((e && e.message) || e).slice(0, 500), module, fetched: fetchedUrls(),
           ms: performance.now() - t0, bytecode, bytecodeWhy }, bytecode ? [bytecode.buffer] : []);
  }
}

async function measureFloor(m) {
  try {
    if (!m.snapshot || !m.module) throw new Error("no snapshot and compiled module to instantiate");
    await import(new URL("wasm-floor.js", self.location.href).href); // served beside this worker
    const { watch, instantiate } = globalThis.pywasmWasmFloor;
    const seen = watch(m.module);
    const quiet = () => {};
    try {
      await load(m.indexURL, { _loadSnapshot: m.snapshot, stdout: quiet, stderr: quiet }, m.module, null);
    } finally {
      seen.stop();
    }
    if (!seen.imports) throw new Error("Pyodide's load did not instantiate pyodide.asm.wasm through WebAssembly.instantiate");
    const floor = [];
    for (let i = 0; i < m.n; i++) {
      const t = performance.now();
      const { memory } = await instantiate(m.module, seen, m.snapshot.byteLength);
      new Uint8Array(memory.buffer).set(m.snapshot);
      floor.push(Math.round((performance.now() - t) * 10) / 10);
    }
    post({ type: "floor", floor });
  } catch (e) {
    post({ type: "floor", floor: [], why: String((e && e.message) || e).slice(0, 300) });
  }
}

let pyodide = null;
let loading = null;

self.onmessage = async (event) => {
  const m = event.data;
  if (m.type === "snapshot") {
    await makeSnapshot(m.indexURL);
  } else if (m.type === "floor") {
    await measureFloor(m);
  } else if (m.type === "load") {
    const t0 = performance.now();
    const restored = !!m.snapshot;
    const options = { stdout: line("stdout"), stderr: line("stderr") };
    if (m.snapshot) options._loadSnapshot = m.snapshot;
    // Where the load's time goes, for the evidence and the bench: the import of pyodide.mjs, the
    // instantiation of the shared module, and the runtime files fetched (resource timing, overlapping).
    const phases = {};
    const replayed = (r) => {
      if (r.why) throw new Error(r.why);
      phases.bytecodeHits = r.hits;
    };
    let wrappers = null;
    loading = (async () => {
      if (m.wrappers) {
        await import(new URL("wrapper-modules.js", self.location.href).href); // served beside this worker
        wrappers = globalThis.pywasmWrapperModules.wrapperModules(m.wrappers);
      }
      return load(m.indexURL, options, m.module || null, null, phases, m.files || null, m.bytecode || null, replayed, wrappers);
    })().then(
      (p) => {
        m.snapshot = m.files = m.bytecode = m.wrappers = null; // this runtime keeps no reference to the page's bytes
        if (p._api && p._api.config) p._api.config._loadSnapshot = undefined; // let the copy go
        pyodide = p;
        const fetches = performance.getEntriesByType("resource").filter((e) => e.startTime >= t0);
        phases.fetch = fetches.reduce((sum, e) => sum + e.duration, 0);
        phases.fetched = fetches.length;
        phases.total = performance.now() - t0;
        phases.started = t0; // since the worker's time origin: its own start and the load message
        if (wrappers) phases.wrapperHits = wrappers.hits();
        const timing = { type: "timing", what: "load", ms: phases.total, snapshot: restored, phases };
        try {
          post({ ...timing, wrappers: wrappers ? wrappers.made() : null });
        } catch (e) {
          post(timing); // an engine that cannot post compiled modules: the page keeps none
        }
      },
      (e) => fatal("load", e));
  } else if (m.type === "run") {
    await loading;
    if (!pyodide) return; // the load failed and said so
    const t1 = performance.now();
    try {
      await pyodide.runPythonAsync(m.program);
    } catch (e) {
      if (e && e.constructor && e.constructor.name === "PythonError") {
        // An exception the program did not catch: the runtime is alive, the probe is broken.
        line("stderr")(String(e.message));
      } else {
        fatal(e && e.name === "ExitStatus" ? "exit" : "fatal", e);
        return;
      }
    }
    post({ type: "timing", what: "run", ms: performance.now() - t1 });
    post({ type: "done" });
  }
};
