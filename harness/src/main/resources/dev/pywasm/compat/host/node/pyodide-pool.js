// pywasm-compat: a pool that runs many Python programs on Pyodide under Node, each on a fresh
// interpreter in its own worker thread.
//
// usage: node [flags] pyodide-pool.js <pyodide-dir> [--snapshot-file PATH] [--warm N] [--no-snapshot]
//                                      [--snapshot-by-file] [--no-code-cache] [--no-bytecode-cache]
//                                      [--no-wrapper-cache]
//
// The same script runs under Bun as is, and under Deno as pyodide-pool.cjs (its Node compatibility
// layer). --snapshot-by-file (with --snapshot-file) has each worker read the snapshot file itself
// instead of receiving the bytes in workerData: Deno's worker_threads never finish loading Pyodide
// from a transferred snapshot (measured with Deno 2.9), while reading the file works.
//
// The pool loads Pyodide once and takes a memory snapshot of the freshly started interpreter
// (Pyodide's private _makeSnapshot/_loadSnapshot options; without them, or when they fail, every
// worker loads Pyodide from scratch). Every probe then runs in a new worker_threads Worker that
// restores that snapshot: a fresh interpreter, a fresh Emscripten file system and fresh JavaScript
// globals, and nothing a probe does survives it. The compiled WebAssembly.Module is shared with the
// workers (compiled code is immutable); each worker gets its own copy of the snapshot. A worker
// runs one program and is thrown away. The pool keeps --warm N workers (default 2) restored ahead of
// time, before any request: each is handed exactly one program, and the next one starts restoring
// as soon as one is handed over, while that program runs. A worker that ran a program is never
// given another.
//
// Code cache: Pyodide's runtime JavaScript (pyodide.asm.mjs, an ES module) would be parsed and
// compiled again in every worker. The pool compiles it once as a classic script (vm.Script; the
// module's two module-only constructs rewritten: import.meta.url becomes the file's URL and import()
// a function that resolves specifiers as the module would), and hands each worker the source and
// V8's code cache of it (createCachedData, made after the pool's own load so that it holds the
// functions a load runs). The cache is compiled code, no state: each worker still runs the script
// afresh in its own realm. Older Pyodide (before 0.26: a classic pyodide.asm.js that Node loads as
// CommonJS and that ends by setting globalThis._createPyodideModule, which their loadPyodide then uses
// instead of loading the file) is compiled the same way, in CommonJS's wrapper, and run before
// loadPyodide. Without either file in that shape, or with --no-code-cache, or when a worker cannot
// load with it, workers import the module as Pyodide does.
//
// Wrapper modules: while linking, Emscripten's addFunction compiles a tiny WebAssembly module for each
// JavaScript function it puts in the table (~260 per load, ~15 ms). The first worker's load reports the ones
// it compiled, and later workers' loads take a byte-identical module from that set (see
// chromium/wrapper-modules.js, shared with the Chromium worker). Off with --no-wrapper-cache.
//
// Bytecode cache: such an older Pyodide has no memory snapshot, and each worker's load compiles the
// standard library's modules it imports from the zip again (two thirds of the load). The pool's own load
// records the code objects zipimport compiled, and each worker's load replays them (see
// chromium/bytecode-cache.js, shared with the Chromium worker: the runtime stays the released one). Only
// with the code cache of a classic pyodide.asm.js (the seam is its _createPyodideModule); off with
// --no-bytecode-cache.
//
// Protocol: one JSON object per line.
//   stdin   {"id": "7", "program": "print(1)", "startupMillis": 120000, "timeoutMillis": 30000,
//            "outputLimit": 4194304}
//   stdout  {"event": "ready", "pid": 123, "snapshot": true, "millis": 4000, "note": null}   once, first
//           {"event": "out", "id": "7", "stream": "stdout"|"stderr", "line": "..."}         as printed
//             (a long line comes in chunks; all but its last have "more": true)
//           {"event": "done", "id": "7", "exitCode": 0, "timedOut": false, "durationMillis": 812,
//            "loadMillis": 350, "startupMillis": 3, "worker": 12, "snapshot": true}
// Per program the lines and the exit code are what pyodide-driver.js would print and exit with in a
// process of its own: a runtime that dies prints "PYWASM-FATAL {json}" and ends with status 70, an
// uncaught Python exception prints its traceback on stderr and ends with status 1. Two limits: a
// request waits at most startupMillis for a loaded worker (its fresh runtime); then the program is
// handed over ("startupMillis" in done says when) and may run timeoutMillis. On either timeout the
// worker is terminated and the result has "timedOut": true and "exitCode": null (a request that got
// no worker has "worker": null). A program that prints more than outputLimit bytes (stdout and
// stderr together; default 4 MiB) is ended there: its worker drops the rest and is terminated, and
// the result has "outputLimit": <the limit> and "exitCode": null. Programs may run concurrently.
// Closing stdin ends the pool.
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const url = require("url");
const vm = require("vm");
const { Worker, isMainThread, parentPort, workerData } = require("worker_threads");
// Beside this script, with its suffix (Deno runs both as .cjs).
const bytecodeCache = require("./bytecode-cache" + path.extname(__filename));
const { wrapperModules, keep: keepWrappers } = require("./wrapper-modules" + path.extname(__filename));

const FATAL_STATUS = 70;
const DEFAULT_OUTPUT_LIMIT = 4 << 20;
// Protocol lines are written with one write(2) each, never longer than PIPE_BUF (4096 on Linux), so
// lines that several threads write at once cannot cut into each other. Workers write their probe's
// output themselves, synchronously: what a probe printed is out even if it kills the process next.
const CHUNK_CHARS = 600; // at most 6 bytes per char once JSON-escaped: a chunk's line stays < 4096 bytes
const sleeper = new Int32Array(new SharedArrayBuffer(4));
// A probe must see the stack a Node main thread has (`node python.js`, the README's host), not a
// worker's: V8 gives the main thread --stack-size KB (984 by default) and a worker its
// resourceLimits.stackSizeMb (4 by default) minus the 192 KB Node keeps in reserve. With the
// larger worker stack, deep recursion that crashes `node` raised a clean RecursionError instead.
const V8_DEFAULT_STACK_KB = 984;
const NODE_WORKER_STACK_RESERVE_KB = 192;
function mainThreadStackMb() {
  let kb = V8_DEFAULT_STACK_KB;
  for (const arg of process.execArgv) {
    const m = /^--stack[-_]size=(\d+)$/.exec(arg);
    if (m) kb = Number(m[1]);
  }
  return (kb + NODE_WORKER_STACK_RESERVE_KB) / 1024;
}

function writeLine(text) {
  const buf = Buffer.from(text + "\n", "utf8");
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(1, buf, off, buf.length - off);
    } catch (e) {
      if (e.code !== "EAGAIN") throw e;
      Atomics.wait(sleeper, 0, 0, 2); // the pipe is full: the reader is behind
    }
  }
}

const send = (obj) => writeLine(JSON.stringify(obj));

/** One output line of probe `id`; a long line goes out in chunks, all but the last with "more": true. */
function emitOut(id, stream, line) {
  let rest = String(line);
  for (;;) {
    if (rest.length <= CHUNK_CHARS) {
      send({ event: "out", id, stream, line: rest });
      return;
    }
    let n = CHUNK_CHARS;
    const c = rest.charCodeAt(n - 1);
    if (c >= 0xd800 && c <= 0xdbff) n--; // keep surrogate pairs whole
    send({ event: "out", id, stream, line: rest.slice(0, n), more: true });
    rest = rest.slice(n);
  }
}

if (isMainThread) {
  main();
} else {
  worker();
}

// ---------------------------------------------------------------------------------------------
// The pool (main thread)

function main() {
  const args = process.argv.slice(2);
  const pyodideDir = args[0];
  let snapshotFile = null;
  let warm = 2;
  let useSnapshot = true;
  let snapshotByFile = false;
  let useCodeCache = true;
  let useBytecodeCache = true;
  let useWrapperCache = true;
  for (let i = 1; i < args.length; i++) {
    if (args[i] === "--snapshot-file") snapshotFile = args[++i];
    else if (args[i] === "--warm") warm = Math.max(0, parseInt(args[++i], 10) || 0);
    else if (args[i] === "--no-snapshot") useSnapshot = false;
    else if (args[i] === "--snapshot-by-file") snapshotByFile = true;
    else if (args[i] === "--no-code-cache") useCodeCache = false;
    else if (args[i] === "--no-bytecode-cache") useBytecodeCache = false;
    else if (args[i] === "--no-wrapper-cache") useWrapperCache = false;
    else usage("unknown argument " + args[i]);
  }
  if (!pyodideDir) usage("no pyodide directory");
  if (snapshotByFile && !snapshotFile) usage("--snapshot-by-file needs --snapshot-file");
  const dir = path.resolve(pyodideDir) + path.sep;

  const state = {
    dir,
    snapshot: null, // Uint8Array or null (plain loads)
    snapshotFile: snapshotByFile ? snapshotFile : null, // workers read the snapshot from here themselves
    module: null, // the compiled pyodide.asm.wasm, or null
    moduleBytes: 0,
    code: null, // the runtime JavaScript as a script with its V8 code cache ({source, cachedData, ...}), or null
    bytecode: null, // what the pool's own load recorded for the workers' loads (see "Bytecode cache"), or null
    wrappers: useWrapperCache ? new Map() : null, // compiled wrapper modules by their bytes (latin1), reported by workers (see "Wrapper modules")
    warm,
    ready: [], // loaded workers waiting for a program
    loading: 0,
    waiting: [], // requests waiting for a loaded worker
    slots: new Set(), // every worker not yet ended, by its handle
    serial: 0,
    note: null,
  };

  (async () => {
    const start = Date.now();
    const notes = [];
    try {
      const bytes = fs.readFileSync(path.join(dir, "pyodide.asm.wasm"));
      state.module = await WebAssembly.compile(bytes);
      state.moduleBytes = bytes.byteLength;
    } catch (e) {
      notes.push("no shared wasm module: " + String((e && e.message) || e));
    }
    let code = null;
    if (useCodeCache) {
      try {
        code = runtimeScript(dir);
      } catch (e) {
        notes.push("no code cache, workers import pyodide.asm.mjs: " + String((e && e.message) || e).slice(0, 300));
      }
    }
    if (useSnapshot) {
      try {
        const made = {};
        try {
          state.snapshot = await snapshot(dir, snapshotFile, code, useBytecodeCache && !!code && !!code.classic, made);
        } finally {
          if (made.bytecode && made.bytecode.table) state.bytecode = made.bytecode.table;
          else if (made.bytecode && made.bytecode.why) notes.push(made.bytecode.why);
        }
      } catch (e) {
        notes.push("no memory snapshot, every probe loads Pyodide: " + String((e && e.message) || e).slice(0, 300));
      }
    }
    if (code) {
      try {
        state.code = codeCache(code);
      } catch (e) {
        notes.push("no code cache, workers import pyodide.asm.mjs: " + String((e && e.message) || e).slice(0, 300));
      }
    }
    state.note = notes.length ? notes.join("; ") : null;
    if (state.snapshot) state.bytecode = null; // restored runtimes import nothing from the zip at start
    if (!state.code) state.bytecode = null; // the workers' seam is the code cache's script
    send({ event: "ready", pid: process.pid, snapshot: state.snapshot !== null, sharedModule: state.module !== null,
      codeCache: state.code !== null, bytecodeCache: state.bytecode !== null, wrapperCache: state.wrappers !== null, warm: state.warm, millis: Date.now() - start, note: state.note });
    fill(state, send);
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    rl.on("line", (line) => {
      if (!line.trim()) return;
      let request;
      try {
        request = JSON.parse(line);
      } catch (e) {
        process.stderr.write("pyodide-pool: unreadable request: " + line.slice(0, 200) + "\n");
        return;
      }
      const job = { request, received: Date.now() };
      const startup = Number(request.startupMillis) > 0 ? Number(request.startupMillis) : 120000;
      job.timer = setTimeout(() => expire(state, send, job, startup), startup);
      state.waiting.push(job);
      dispatch(state, send);
    });
    rl.on("close", () => shutdown(state));
  })().catch((e) => {
    process.stderr.write("pyodide-pool: cannot start: " + ((e && e.stack) || e) + "\n");
    process.exit(FATAL_STATUS);
  });
}

function usage(why) {
  process.stderr.write("pyodide-pool: " + why + "\n"
    + "usage: pyodide-pool.js <pyodide-dir> [--snapshot-file PATH] [--warm N] [--no-snapshot] [--snapshot-by-file]"
    + " [--no-code-cache] [--no-bytecode-cache] [--no-wrapper-cache]\n");
  process.exit(64);
}

/**
 * Closing stdin ends the pool: every worker, the restored-ahead ones included, is terminated by its
 * handle before the process exits (which would end them too).
 */
function shutdown(state) {
  // The workers end because the pool does: no load failed, nothing is dropped or replaced.
  state.closing = true;
  const all = state.slots ? [...state.slots] : [];
  Promise.race([Promise.allSettled(all.map((slot) => slot.worker.terminate())),
    new Promise((r) => setTimeout(r, 2000))]).then(() => process.exit(0));
}

const RUNTIME_EXPORT = "export default _createPyodideModule;";

/**
 * Pyodide's runtime JavaScript as a classic script (see "Code cache" above): {source, filename, url,
 * script}. Throws, saying why, when pyodide.asm.mjs is not there or not in the shape this rewrite knows.
 */
function runtimeScript(dir) {
  const filename = path.join(dir, "pyodide.asm.mjs");
  if (!fs.existsSync(filename)) return classicRuntimeScript(dir);
  if (!fs.readFileSync(path.join(dir, "pyodide.js"), "utf8").includes("createPyodideModule")) {
    throw new Error("this loadPyodide() takes no createPyodideModule option");
  }
  const text = fs.readFileSync(filename, "utf8");
  const at = text.lastIndexOf(RUNTIME_EXPORT);
  if (at < 0 || text.slice(at + RUNTIME_EXPORT.length).trim() !== "" || text.indexOf(RUNTIME_EXPORT) !== at) {
    throw new Error("pyodide.asm.mjs does not end with '" + RUNTIME_EXPORT + "'");
  }
  if (/\bimport\s*\.\s*meta\b(?!\.url\b)/.test(text.replace(/import\.meta\.url/g, ""))) {
    throw new Error("pyodide.asm.mjs uses import.meta for more than its url");
  }
  if (/(^|[;\n}])\s*(import|export)\b[^(.]/.test(text.slice(0, at))) {
    throw new Error("pyodide.asm.mjs has static imports or exports");
  }
  const body = dynamicImports(text.slice(0, at).split("import.meta.url").join("__pywasmMetaUrl"));
  // A module's code is strict and its top-level names are its own: the function keeps both so.
  const source = "(function (__pywasmMetaUrl, __pywasmImport) {\"use strict\";" + body
    + "\nreturn _createPyodideModule;\n})";
  const script = new vm.Script(source, { filename });
  return { source, filename, url: url.pathToFileURL(filename).href, script };
}

/** The runtime JavaScript with its import() calls made calls of __pywasmImport (see moduleImporter). */
function dynamicImports(text) {
  return text.replace(/(?<![\w$.])import\s*\(/g, "__pywasmImport(");
}

const CLASSIC_EXPORT = "globalThis._createPyodideModule = _createPyodideModule;";

/**
 * An older Pyodide's classic pyodide.asm.js as a script in CommonJS's wrapper (how Node loads it), its import()
 * rewritten as in the module's case: {source, filename, url, script, classic: true}. Throws, saying why, when the
 * file or its loader is not in the shape this knows.
 */
function classicRuntimeScript(dir) {
  const filename = path.join(dir, "pyodide.asm.js");
  if (!fs.existsSync(filename)) throw new Error("no pyodide.asm.mjs or pyodide.asm.js in " + dir);
  if (!/typeof _createPyodideModule/.test(fs.readFileSync(path.join(dir, "pyodide.js"), "utf8"))) {
    throw new Error("this loadPyodide() always loads pyodide.asm.js itself");
  }
  const text = fs.readFileSync(filename, "utf8");
  if (!text.trimEnd().endsWith(CLASSIC_EXPORT)) throw new Error("pyodide.asm.js does not end with '" + CLASSIC_EXPORT + "'");
  const source = "(function (exports, require, module, __filename, __dirname, __pywasmImport) {"
    + dynamicImports(text) + "\n})";
  const script = new vm.Script(source, { filename });
  return { source, filename, url: url.pathToFileURL(filename).href, script, classic: true };
}

/**
 * Pyodide's createPyodideModule from the runtime script, run in this thread's realm (a classic one sets
 * globalThis._createPyodideModule as it runs, which the older loadPyodide takes instead of loading the file).
 */
function createPyodideModule(code, script) {
  if (code.classic) {
    const module = { exports: {} };
    script.runInThisContext().call(module.exports, module.exports, require("module").createRequire(code.filename),
      module, code.filename, path.dirname(code.filename), moduleImporter(code.filename));
    return globalThis._createPyodideModule;
  }
  return script.runInThisContext()(code.url, moduleImporter(code.filename));
}

/**
 * import() as it would resolve in the module at `filename`: builtins and URLs as they are, relative
 * paths against the module, bare package names through the package's "exports" with the conditions
 * node and import (Pyodide imports "ws" so), else as require would find them.
 */
function moduleImporter(filename) {
  const base = url.pathToFileURL(filename);
  const req = require("module").createRequire(filename);
  const builtins = new Set(require("module").builtinModules);
  const resolved = new Map();
  const pick = (target) => {
    if (typeof target === "string") return target;
    if (Array.isArray(target)) { for (const t of target) { const r = pick(t); if (r) return r; } return null; }
    if (target && typeof target === "object") {
      for (const key of Object.keys(target)) {
        if (key === "node" || key === "import" || key === "default") { const r = pick(target[key]); if (r) return r; }
      }
    }
    return null;
  };
  const resolve = (spec) => {
    if (spec.startsWith("node:") || builtins.has(spec) || /^[a-z][a-z0-9+.-]*:/i.test(spec)) return spec;
    if (spec.startsWith("/")) return url.pathToFileURL(spec).href;
    if (spec.startsWith("./") || spec.startsWith("../")) return new URL(spec, base).href;
    const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
    if (name === spec) {
      for (let d = path.dirname(filename); ; d = path.dirname(d)) {
        const pkg = path.join(d, "node_modules", name, "package.json");
        if (fs.existsSync(pkg)) {
          const meta = JSON.parse(fs.readFileSync(pkg, "utf8"));
          const exp = meta.exports;
          const target = exp === undefined ? null
            : pick(typeof exp === "object" && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith("."))
              ? exp["."] : exp);
          if (target) return url.pathToFileURL(path.join(path.dirname(pkg), target)).href;
          break;
        }
        if (path.dirname(d) === d) break;
      }
    }
    return url.pathToFileURL(req.resolve(spec)).href;
  };
  return (spec, options) => {
    spec = String(spec);
    if (!resolved.has(spec)) resolved.set(spec, resolve(spec));
    return options === undefined ? import(resolved.get(spec)) : import(resolved.get(spec), options);
  };
}

/**
 * V8's code cache of the runtime script, checked by compiling the script from it once more here:
 * {source, filename, url, cachedData}. Throws when V8 would not take it.
 */
function codeCache(code) {
  const cachedData = code.script.createCachedData();
  const again = new vm.Script(code.source, { filename: code.filename, cachedData });
  if (again.cachedDataRejected) throw new Error("V8 rejected its own code cache");
  return { source: code.source, filename: code.filename, url: code.url, cachedData, classic: !!code.classic };
}

/**
 * The snapshot bytes: read from snapshotFile when it is there, else made here (and written there).
 * Made here, Pyodide runs from the runtime script `code` when there is one, so that its code cache
 * holds what a load runs; with `record` (a classic script) the load records the workers' bytecode cache
 * into made.bytecode (bytecode-cache.js's finish(): {table} or {why}), snapshot or not.
 */
async function snapshot(dir, snapshotFile, code, record, made) {
  if (snapshotFile && fs.existsSync(snapshotFile) && fs.statSync(snapshotFile).size > 0) {
    const b = fs.readFileSync(snapshotFile);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const { loadPyodide } = require(path.join(dir, "pyodide.js"));
  const quiet = () => {};
  const options = { indexURL: dir, _makeSnapshot: true, stdout: quiet, stderr: quiet };
  if (code) options.createPyodideModule = createPyodideModule(code, code.script);
  let recorder = null;
  const create = globalThis._createPyodideModule;
  if (record && typeof create === "function") {
    recorder = bytecodeCache.hook(create, null);
    globalThis._createPyodideModule = recorder.create;
  }
  let pyodide;
  try {
    pyodide = await loadPyodide(options);
    if (recorder) made.bytecode = recorder.finish();
  } finally {
    if (recorder) globalThis._createPyodideModule = create;
  }
  if (typeof pyodide.makeMemorySnapshot !== "function") {
    throw new Error("this Pyodide has no makeMemorySnapshot()");
  }
  const snap = pyodide.makeMemorySnapshot();
  pyodide = null;
  if (!(snap instanceof Uint8Array) || snap.byteLength === 0) {
    throw new Error("makeMemorySnapshot() returned no bytes");
  }
  if (snapshotFile) {
    const tmp = snapshotFile + "." + process.pid + ".tmp";
    fs.writeFileSync(tmp, snap);
    fs.renameSync(tmp, snapshotFile);
  }
  return snap;
}

/** Starts loading workers until `warm` are loaded or loading (and one per waiting request). */
function fill(state, send) {
  if (state.closing) return;
  while (state.ready.length + state.loading < state.warm + state.waiting.length) {
    spawn(state, send);
  }
}

function spawn(state, send) {
  const id = ++state.serial;
  const started = Date.now();
  let snapshotCopy = null;
  const transfer = [];
  if (state.snapshot && !state.snapshotFile) {
    // Each worker gets a private copy (transferred, not cloned): nothing a probe does to it can reach another.
    snapshotCopy = new Uint8Array(state.snapshot.byteLength);
    snapshotCopy.set(state.snapshot);
    transfer.push(snapshotCopy.buffer);
  }
  const w = new Worker(__filename, {
    workerData: { dir: state.dir, snapshot: snapshotCopy, snapshotFile: state.snapshot ? state.snapshotFile : null,
      module: state.module, moduleBytes: state.moduleBytes, code: state.code, bytecode: state.bytecode,
      wrappers: state.wrappers ? [...state.wrappers] : null },
    transferList: transfer,
    // What JavaScript prints in the worker (console.log, Pyodide's own warnings) belongs to its probe,
    // as it would in a process of its own.
    stdout: true,
    stderr: true,
    resourceLimits: { stackSizeMb: mainThreadStackMb() },
  });
  const slot = { id, worker: w, loaded: false, loadMillis: null, loadedAt: null, early: [], job: null, loadError: null,
    usedSnapshot: !!snapshotCopy || !!(state.snapshot && state.snapshotFile), usedCode: !!state.code, codeRejected: null,
    usedBytecode: !!state.bytecode, bytecodeHits: null, wrapperHits: null, ended: false };
  state.loading++;
  state.slots.add(slot);
  slot.streamsClosed = Promise.all(["stdout", "stderr"].map((stream) => new Promise((resolve) => {
    const rl = readline.createInterface({ input: w[stream], crlfDelay: Infinity });
    rl.on("line", (line) => onMessage(state, send, slot, { type: "out", stream, line }, started));
    rl.on("close", resolve);
  })));
  w.on("message", (m) => onMessage(state, send, slot, m, started));
  w.on("error", (e) => onError(state, send, slot, e));
  w.on("exit", (code) => {
    // Let what the worker printed last arrive before its probe is reported (at most half a second).
    Promise.race([slot.streamsClosed, new Promise((r) => setTimeout(r, 500))])
      .then(() => onExit(state, send, slot, code));
  });
}

function onMessage(state, send, slot, m, started) {
  if (m.type === "out") {
    // What JavaScript printed in the worker (console.log) counts against the same output limit.
    const job = slot.job;
    if (job && job.outputLimit) return;
    if (job) {
      const limit = Number(job.request.outputLimit) > 0 ? Number(job.request.outputLimit) : DEFAULT_OUTPUT_LIMIT;
      job.jsPrinted = (job.jsPrinted || 0) + Buffer.byteLength(m.line, "utf8") + 1;
      if (job.jsPrinted > limit && !job.finished) {
        job.outputLimit = limit;
        finish(state, send, slot, null, false);
        slot.worker.terminate();
        return;
      }
      if (!job.finished) emitOut(job.request.id, m.stream, m.line);
    } else slot.early.push(m);
  } else if (m.type === "loaded") {
    slot.loaded = true;
    slot.loadedAt = Date.now();
    slot.loadMillis = slot.loadedAt - started;
    slot.codeRejected = m.codeRejected === undefined ? null : m.codeRejected;
    slot.bytecodeHits = typeof m.bytecodeHits === "number" ? m.bytecodeHits : null;
    slot.wrapperHits = typeof m.wrapperHits === "number" ? m.wrapperHits : null;
    keepWrappers(state.wrappers, m.wrappers);
    state.loading--;
    state.ready.push(slot);
    send({ event: "prepared", worker: slot.id, loadMillis: slot.loadMillis, ready: state.ready.length });
    dispatch(state, send);
  } else if (m.type === "output-limit") {
    const job = slot.job;
    if (job && !job.finished) {
      job.outputLimit = m.limit;
      finish(state, send, slot, null, false);
      slot.worker.terminate();
    }
  } else if (m.type === "load-failed") {
    slot.early.push(...(m.early || []));
    loadFailure(state, send, slot, m.info);
  }
}

/** A worker could not load Pyodide (it said so, or it ended before it was loaded). */
function loadFailure(state, send, slot, info) {
  if (slot.loaded || slot.discarded || state.closing) return;
  state.loading--;
  // A worker restored ahead from a code cache or snapshot that was dropped meanwhile fails the same way: it too
  // is discarded (and replaced), never handed to a probe.
  // What the worker loaded with, newest first, is what failed: drop it for good (workers load without it).
  const dropped = slot.usedBytecode ? ["bytecode", "loading with the bytecode cache failed, workers compile the standard library"]
    : slot.usedCode ? ["code", "loading from the code cache failed, workers import pyodide.asm.mjs"]
      : slot.usedSnapshot ? ["snapshot", "snapshot restore failed, every probe loads Pyodide"] : null;
  if (dropped) {
    const [key, what] = dropped;
    if (state[key]) {
      state[key] = null;
      state.note = (state.note ? state.note + "; " : "") + what + ": " + String(info.message).slice(0, 300);
      process.stderr.write("pyodide-pool: " + state.note + "\n");
    }
    slot.discarded = true;
    slot.worker.terminate();
    fill(state, send);
  } else {
    // A plain load failed: that is what the next probe observes, as pyodide-driver.js would report it.
    slot.loaded = true;
    slot.loadError = info;
    state.ready.push(slot);
    dispatch(state, send);
  }
}

function onError(state, send, slot, e) {
  // An exception the worker could not catch itself: report it the way the driver would.
  if (!slot.job) return;
  const info = fatalInfo("uncaught", e);
  emitOut(slot.job.request.id, "stdout", "PYWASM-FATAL " + JSON.stringify(info));
  slot.job.errorExit = FATAL_STATUS;
}

function onExit(state, send, slot, code) {
  slot.ended = true;
  state.slots.delete(slot);
  if (!slot.loaded && !slot.discarded) {
    loadFailure(state, send, slot, { kind: "load", name: "WorkerExit",
      message: "the worker ended with status " + code + " before Pyodide was loaded", status: null });
    return;
  }
  if (!slot.loadError) {
    const i = state.ready.indexOf(slot);
    if (i >= 0) state.ready.splice(i, 1);
  }
  const job = slot.job;
  if (job && !job.finished) {
    finish(state, send, slot, job.errorExit != null && code === 1 ? job.errorExit : code, false);
  }
  fill(state, send);
  dispatch(state, send);
}

/** Gives waiting requests to loaded workers. */
function dispatch(state, send) {
  while (state.waiting.length && state.ready.length) {
    const slot = state.ready.shift();
    const job = state.waiting.shift();
    slot.job = job;
    job.assigned = Date.now();
    for (const m of slot.early) emitOut(job.request.id, m.stream, m.line);
    slot.early = [];
    const timeout = Number(job.request.timeoutMillis) > 0 ? Number(job.request.timeoutMillis) : 60000;
    // The probe's timeout counts from the hand-over to its fresh runtime, on every host.
    clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      if (job.finished) return;
      finish(state, send, slot, null, true);
      slot.worker.terminate();
    }, timeout);
    if (slot.loadError) {
      const e = slot.loadError;
      emitOut(job.request.id, "stdout", "PYWASM-FATAL " + JSON.stringify(e));
      finish(state, send, slot, FATAL_STATUS, false);
      slot.worker.terminate();
    } else {
      slot.worker.postMessage({ type: "run", id: String(job.request.id), program: String(job.request.program),
        outputLimit: Number(job.request.outputLimit) > 0 ? Number(job.request.outputLimit) : DEFAULT_OUTPUT_LIMIT });
    }
  }
  fill(state, send);
}

function finish(state, send, slot, exitCode, timedOut) {
  const job = slot.job;
  job.finished = true;
  clearTimeout(job.timer);
  send({ event: "done", id: job.request.id, exitCode: timedOut || job.outputLimit ? null : exitCode, timedOut,
    outputLimit: job.outputLimit || null,
    durationMillis: Date.now() - job.received, loadMillis: slot.loadMillis, startupMillis: job.assigned - job.received,
    worker: slot.id, snapshot: slot.usedSnapshot, codeCache: slot.usedCode && slot.codeRejected === false,
    bytecodeHits: slot.bytecodeHits, wrapperHits: slot.wrapperHits,
    ahead: slot.loadedAt !== null && slot.loadedAt <= job.received });
}

/** A request that got no loaded worker within its start-up limit: timed out before its program was handed over. */
function expire(state, send, job, startup) {
  const i = state.waiting.indexOf(job);
  if (i < 0) return;
  state.waiting.splice(i, 1);
  job.finished = true;
  emitOut(job.request.id, "stderr", "pyodide-pool: no fresh runtime within the start-up limit of " + startup + " ms");
  send({ event: "done", id: job.request.id, exitCode: null, timedOut: true, durationMillis: Date.now() - job.received,
    loadMillis: null, startupMillis: null, worker: null });
}

function fatalInfo(kind, error) {
  return {
    kind: error && typeof error.status === "number" ? "exit" : kind,
    name: (error && (error.name || (error.constructor && error.constructor.name))) || typeof error,
    message: String((error && error.message) || error).slice(0, 2000),
    status: error && typeof error.status === "number" ? error.status : null,
  };
}

// ---------------------------------------------------------------------------------------------
// One probe (a worker thread): what pyodide-driver.js does in a process of its own.

function worker() {
  const { dir, module, moduleBytes, code, bytecode } = workerData;
  // Read from the file, the worker's copy is as private as a transferred one.
  const snapshot = workerData.snapshot
    || (workerData.snapshotFile ? new Uint8Array(fs.readFileSync(workerData.snapshotFile)) : null);
  // Probes about threads (PROXY_TO_PTHREAD) must tell this harness-made worker from one the runtime
  // made: this thread's globals say it is ours.
  globalThis.pywasmHarnessWorker = true;
  // Output before the probe is known (warnings while loading) waits, then goes out as the probe's.
  let probeId = null;
  const early = [];
  // The program's output budget (its run message says it): past it, the rest is dropped here and the
  // pool is told, which terminates this worker; the pool's pipe never carries a flood.
  let outputLimit = DEFAULT_OUTPUT_LIMIT;
  let printed = 0;
  let overLimit = false;
  const out = (stream) => (line) => {
    if (overLimit) return;
    line = String(line);
    if (probeId === null) { early.push({ stream, line }); return; }
    printed += Buffer.byteLength(line, "utf8") + 1;
    if (printed > outputLimit) {
      overLimit = true;
      parentPort.postMessage({ type: "output-limit", limit: outputLimit });
      return;
    }
    emitOut(probeId, stream, line);
  };
  let fatalReported = false;
  let running = false;
  let codeRejected;
  let bytecodeHits;
  const wrappers = wrapperModules(workerData.wrappers); // null: --no-wrapper-cache

  function fatal(kind, error) {
    if (fatalReported) return;
    fatalReported = true;
    out("stdout")("PYWASM-FATAL " + JSON.stringify(fatalInfo(kind, error)));
    process.exitCode = FATAL_STATUS;
  }

  process.on("uncaughtException", (e) => {
    if (!running) { loadFailed(e); return; }
    fatal("uncaught", e);
    process.exit(FATAL_STATUS);
  });
  process.on("unhandledRejection", (e) => {
    if (!running) { loadFailed(e); return; }
    fatal("unhandled-rejection", e);
    process.exit(FATAL_STATUS);
  });

  let loadFailedSent = false;
  function loadFailed(e) {
    if (loadFailedSent) return;
    loadFailedSent = true;
    parentPort.postMessage({ type: "load-failed", info: fatalInfo("load", e), early: early.splice(0) });
  }

  async function load() {
    const { loadPyodide } = require(path.join(dir, "pyodide.js"));
    const options = {
      indexURL: dir,
      stdout: out("stdout"),
      stderr: out("stderr"),
      // The process host's stdin is a closed pipe; here fd 0 would be the pool's request pipe.
      stdin: () => null,
    };
    if (snapshot) options._loadSnapshot = snapshot;
    if (code) {
      // The pool's compiled runtime script (see "Code cache"): V8 takes the code from the cache; the
      // script itself runs here, in this worker's realm, as the module would have.
      const script = new vm.Script(code.source, { filename: code.filename, cachedData: code.cachedData });
      codeRejected = script.cachedDataRejected === true;
      options.createPyodideModule = createPyodideModule(code, script);
    }
    // The pool's bytecode cache (a classic script only: it defined globalThis._createPyodideModule just now).
    const create = globalThis._createPyodideModule;
    const replay = bytecode && code && code.classic && typeof create === "function" ? bytecodeCache.hook(create, bytecode) : null;
    if (replay) globalThis._createPyodideModule = replay.create;
    wrappers.install();
    const original = WebAssembly.instantiate;
    if (module) {
      // Instantiate the pool's compiled module instead of compiling the same bytes again.
      WebAssembly.instantiate = function (source, imports) {
        const size = source && (source.byteLength !== undefined ? source.byteLength : undefined);
        if (!(source instanceof WebAssembly.Module) && size === moduleBytes) {
          return original.call(WebAssembly, module, imports).then((instance) => ({ instance, module }));
        }
        return original.apply(WebAssembly, arguments);
      };
    }
    try {
      const pyodide = await loadPyodide(options);
      if (pyodide._api && pyodide._api.config) pyodide._api.config._loadSnapshot = undefined;
      if (replay) {
        const result = replay.finish(); // throws when zipimport could not be put back: no probe gets this runtime
        if (result.why) throw new Error(result.why);
        bytecodeHits = result.hits;
        workerData.bytecode = null; // this runtime keeps no reference to the cache
      }
      return pyodide;
    } finally {
      WebAssembly.instantiate = original;
      wrappers.uninstall();
      if (replay) globalThis._createPyodideModule = create;
    }
  }

  load().then(
    (pyodide) => {
      parentPort.once("message", (m) => {
        probeId = m.id;
        if (Number(m.outputLimit) > 0) outputLimit = Number(m.outputLimit);
        for (const e of early.splice(0)) out(e.stream)(e.line);
        running = true;
        run(pyodide, m.program).then(
          () => process.exit(process.exitCode || 0),
          (e) => { fatal("fatal", e); process.exit(FATAL_STATUS); });
      });
      parentPort.postMessage({ type: "loaded", codeRejected, bytecodeHits, wrapperHits: wrappers.hits(), wrappers: wrappers.made() });
    },
    (e) => loadFailed(e));

  async function run(pyodide, program) {
    try {
      await pyodide.runPythonAsync(program);
    } catch (e) {
      if (e && e.constructor && e.constructor.name === "PythonError") {
        // An exception the program did not catch: the runtime is alive, the probe is broken.
        out("stderr")(String(e.message));
        process.exitCode = 1;
      } else {
        fatal(e && e.name === "ExitStatus" ? "exit" : "fatal", e);
      }
    }
  }
}
