// pywasm-compat: a pool that runs many Python programs on Pyodide under Node, each on a fresh
// interpreter in its own worker thread.
//
// usage: node [flags] pyodide-pool.js <pyodide-dir> [--snapshot-file PATH] [--warm N] [--no-snapshot]
//                                      [--snapshot-by-file]
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
// runs one program and is thrown away; the next one is loaded ahead of time ("warm").
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
const { Worker, isMainThread, parentPort, workerData } = require("worker_threads");

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
  let warm = 1;
  let useSnapshot = true;
  let snapshotByFile = false;
  for (let i = 1; i < args.length; i++) {
    if (args[i] === "--snapshot-file") snapshotFile = args[++i];
    else if (args[i] === "--warm") warm = Math.max(0, parseInt(args[++i], 10) || 0);
    else if (args[i] === "--no-snapshot") useSnapshot = false;
    else if (args[i] === "--snapshot-by-file") snapshotByFile = true;
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
    warm,
    ready: [], // loaded workers waiting for a program
    loading: 0,
    waiting: [], // requests waiting for a loaded worker
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
    if (useSnapshot) {
      try {
        state.snapshot = await snapshot(dir, snapshotFile);
      } catch (e) {
        notes.push("no memory snapshot, every probe loads Pyodide: " + String((e && e.message) || e).slice(0, 300));
      }
    }
    state.note = notes.length ? notes.join("; ") : null;
    send({ event: "ready", pid: process.pid, snapshot: state.snapshot !== null, sharedModule: state.module !== null,
      millis: Date.now() - start, note: state.note });
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
    rl.on("close", () => process.exit(0));
  })().catch((e) => {
    process.stderr.write("pyodide-pool: cannot start: " + ((e && e.stack) || e) + "\n");
    process.exit(FATAL_STATUS);
  });
}

function usage(why) {
  process.stderr.write("pyodide-pool: " + why + "\n"
    + "usage: pyodide-pool.js <pyodide-dir> [--snapshot-file PATH] [--warm N] [--no-snapshot]\n");
  process.exit(64);
}

/** The snapshot bytes: read from snapshotFile when it is there, else made here (and written there). */
async function snapshot(dir, snapshotFile) {
  if (snapshotFile && fs.existsSync(snapshotFile) && fs.statSync(snapshotFile).size > 0) {
    const b = fs.readFileSync(snapshotFile);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const { loadPyodide } = require(path.join(dir, "pyodide.js"));
  const quiet = () => {};
  let pyodide = await loadPyodide({ indexURL: dir, _makeSnapshot: true, stdout: quiet, stderr: quiet });
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
    workerData: { dir: state.dir, snapshot: snapshotCopy, snapshotFile: state.snapshot ? state.snapshotFile : null, module: state.module, moduleBytes: state.moduleBytes },
    transferList: transfer,
    // What JavaScript prints in the worker (console.log, Pyodide's own warnings) belongs to its probe,
    // as it would in a process of its own.
    stdout: true,
    stderr: true,
    resourceLimits: { stackSizeMb: mainThreadStackMb() },
  });
  const slot = { id, worker: w, loaded: false, loadMillis: null, early: [], job: null, loadError: null,
    usedSnapshot: !!snapshotCopy || !!(state.snapshot && state.snapshotFile), ended: false };
  state.loading++;
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
    slot.loadMillis = Date.now() - started;
    state.loading--;
    state.ready.push(slot);
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
  if (slot.loaded || slot.discarded) return;
  state.loading--;
  if (slot.usedSnapshot && state.snapshot) {
    // The snapshot does not restore here: fall back to plain loads for good; no probe pays for it.
    state.snapshot = null;
    state.note = (state.note ? state.note + "; " : "") + "snapshot restore failed, every probe loads Pyodide: "
      + String(info.message).slice(0, 300);
    process.stderr.write("pyodide-pool: " + state.note + "\n");
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
    worker: slot.id, snapshot: slot.usedSnapshot });
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
  const { dir, module, moduleBytes } = workerData;
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
      return pyodide;
    } finally {
      WebAssembly.instantiate = original;
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
      parentPort.postMessage({ type: "loaded" });
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
