// pywasm-compat probe page: runs one Python program on Pyodide in a fresh dedicated Web Worker and
// keeps what it prints. The page itself never runs Python, so a probe that hangs or spins cannot
// block it: on timeout the worker is terminated and the page is ready for the next probe.
//
// window.pywasmPrepare({indexURL, timeoutMs}) makes the fast path ready, once per page: a worker
// starts Pyodide, takes a memory snapshot of the fresh interpreter (Pyodide's private
// _makeSnapshot / makeMemorySnapshot; without them every probe loads Pyodide from scratch) and hands
// the snapshot and the compiled wasm module to the page. Every probe's worker then restores its own
// copy of the snapshot into a new instance of that module: a fresh interpreter, file system and
// JavaScript realm at a fraction of a load. The page keeps `warm` such workers (pywasmPrepare's
// req.warm, default 1) restoring or restored ahead ("warm"): each is handed exactly one program and
// has run nothing when it gets it, and the next starts restoring as soon as one is handed over,
// while that program runs (and again when a probe ends). A worker that ran a program is never
// given another.
//
// window.pywasmRun({name, program, indexURL, loadTimeoutMs, timeoutMs, plain, outputLimit}) starts a
// run (plain: a worker that loads Pyodide from scratch, no snapshot, no warm worker);
// window.pywasmState says how it is going (done, timedOut, outputLimit, stdout[], stderr[], timings,
// note). When a worker cannot restore the snapshot, the page drops it for good, the run loads Pyodide
// from scratch instead and its state's note says why. A run that prints more than outputLimit bytes
// (stdout and stderr together) is ended there: its worker is terminated and state.outputLimit is set.
// The harness pulls the lines in batches (window.pywasmPull), never one call per line: a flood of
// page-to-harness calls nests in the driver's dispatch until its stack overflows.
//
// Wrapper modules (wrapper-modules.js, loaded before this script): a restoring worker reports the tiny
// modules Emscripten's addFunction compiled during its load, the page keeps them with what it prepared,
// and hands them to the next workers, whose loads take byte-identical ones instead of compiling them.
"use strict";

window.pywasmState = null;

document.getElementById("env").textContent =
  "crossOriginIsolated=" + self.crossOriginIsolated +
  " SharedArrayBuffer=" + (typeof SharedArrayBuffer !== "undefined");

/**
 * What pywasmPrepare produced: {indexURL, snapshot, module, files, note}, or null before it ran. In a
 * cross-origin isolated page the snapshot and the files' bytes live in SharedArrayBuffers, so handing
 * them to a worker copies nothing; each worker copies what it uses into its own runtime (Pyodide copies
 * the snapshot into the new instance's memory, probe-worker.js the files into the Responses it serves),
 * and keeps no reference to them once its runtime is up.
 */
let prepared = null;
/** The next probes' workers, loading or loaded, oldest first: at most warmCount. */
let warm = [];
let warmCount = 1;

function dropWarm() {
  for (const w of warm) w.worker.terminate();
  warm = [];
}

function newWorker() {
  return new Worker("probe-worker.js", { type: "module", name: "pywasm-probe" });
}

function workerErrorInfo(event) {
  return { kind: "fatal", name: "WorkerError",
           message: String(event.message || "the probe worker failed") +
                    (event.filename ? " (" + event.filename + ":" + event.lineno + ")" : "") };
}

/**
 * Starts a worker loading Pyodide; its messages wait in a backlog until a run takes it. With
 * `fast`, the worker restores the prepared snapshot into the prepared module.
 */
function startLoading(indexURL, fast) {
  const w = { worker: newWorker(), indexURL, backlog: [], sink: null, started: performance.now(), fast };
  const deliver = (m) => (w.sink ? w.sink(m) : w.backlog.push(m));
  const p = fast && prepared && prepared.indexURL === indexURL ? prepared : null;
  w.worker.onmessage = (event) => {
    const m = event.data;
    if (m && m.type === "timing" && m.wrappers) {
      // The wrapper modules this load compiled, for the next loads (before any probe ran in it).
      pywasmWrapperModules.keep(p && p.wrappers, m.wrappers);
      m.wrappers = null;
    }
    deliver(m);
  };
  w.worker.onerror = (event) => { event.preventDefault(); deliver({ type: "fatal", info: workerErrorInfo(event) }); };
  w.worker.onmessageerror = () => deliver({ type: "fatal", info: { kind: "fatal", name: "MessageError",
                                                                    message: "unreadable worker message" } });
  w.usedSnapshot = !!(p && p.snapshot);
  w.usedModule = !!(p && p.module);
  w.usedShared = !!(p && isShared(p.snapshot));
  w.usedBytecode = !!(p && !p.snapshot && p.bytecode);
  w.worker.postMessage({ type: "load", indexURL, snapshot: p ? p.snapshot : null, module: p ? p.module : null,
                        files: p ? p.files : null, bytecode: w.usedBytecode ? p.bytecode : null,
                        wrappers: p && p.wrappers ? [...p.wrappers] : null });
  return w;
}

/** `bytes` (a Uint8Array) in a SharedArrayBuffer when this page may have one, else as it is. */
function shareable(bytes) {
  if (!bytes || !self.crossOriginIsolated || typeof SharedArrayBuffer !== "function") return bytes;
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}

function isShared(view) {
  return !!view && typeof SharedArrayBuffer === "function" && view.buffer instanceof SharedArrayBuffer;
}

/**
 * The runtime's data files a load fetched (those of `urls` under indexURL: the lock file and the
 * standard library's zip, by the snapshot worker's resource timing), fetched once here (from the HTTP cache) so that the next
 * workers get their bytes with the load message instead of fetching them again: {url: Uint8Array}. A
 * file that does not come is left out (its workers fetch it themselves).
 */
async function prefetch(indexURL, urls) {
  const files = {};
  const data = (u) => u.startsWith(indexURL) && /\.(zip|json)$/.test(new URL(u).pathname);
  await Promise.all(urls.filter(data).map(async (u) => {
    try {
      const r = await fetch(u);
      if (r.ok) files[u] = shareable(new Uint8Array(await r.arrayBuffer()));
    } catch (e) {
      // the workers fetch it themselves
    }
  }));
  return files;
}

function prewarm(indexURL) {
  if (!prepared) return;
  while (warm.length < warmCount) {
    try {
      warm.push(startLoading(indexURL, true));
    } catch (e) {
      return; // the run will try again and report why
    }
  }
}

window.pywasmPrepare = function (req) {
  dropWarm();
  if (Number.isInteger(req.warm) && req.warm >= 0) warmCount = req.warm;
  const started = performance.now();
  return new Promise((resolve) => {
    let worker;
    let answered = false;
    const done = async (result) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (worker) worker.terminate();
      const files = await prefetch(req.indexURL, result.fetched || []);
      prepared = { indexURL: req.indexURL, snapshot: shareable(result.snapshot || null), module: result.module || null,
                   files, bytecode: result.snapshot ? null : shareable(result.bytecode || null),
                   wrappers: typeof pywasmWrapperModules === "object" ? new Map() : null, // see wrapper-modules.js
                   note: [result.note, result.snapshot ? null : result.bytecodeWhy].filter(Boolean).join("; ") || null };
      prewarm(req.indexURL);
      resolve({ snapshot: !!prepared.snapshot, sharedModule: !!prepared.module,
                snapshotBytes: prepared.snapshot ? prepared.snapshot.byteLength : 0,
                bytecodeBytes: prepared.bytecode ? prepared.bytecode.byteLength : 0,
                shared: isShared(prepared.snapshot),
                files: Object.keys(files).map((u) => u.slice(req.indexURL.length)),
                ms: Math.round(performance.now() - started), note: prepared.note });
    };
    const timer = setTimeout(() => done({ note: "no memory snapshot within " + req.timeoutMs + " ms" }), req.timeoutMs);
    try {
      worker = newWorker();
    } catch (e) {
      done({ note: "cannot start a worker: " + e });
      return;
    }
    worker.onmessage = (event) => {
      const m = event.data;
      if (m.type === "snapshot") done({ snapshot: m.snapshot, module: m.module, fetched: m.fetched });
      else if (m.type === "no-snapshot") done({ note: "no memory snapshot, every probe loads Pyodide: " + m.why, module: m.module,
                                                fetched: m.fetched, bytecode: m.bytecode, bytecodeWhy: m.bytecodeWhy });
    };
    worker.onerror = (event) => { event.preventDefault(); done({ note: "no memory snapshot: " + workerErrorInfo(event).message }); };
    worker.postMessage({ type: "snapshot", indexURL: req.indexURL });
  });
};

window.pywasmRun = function (req) {
  const log = document.getElementById("log");
  const title = document.getElementById("title");
  log.textContent = "";
  const started = performance.now();
  const state = { name: req.name, done: false, timedOut: false, fatal: null, outputLimit: null, stdout: [], stderr: [],
                  timings: {}, waiters: [] };
  const outputLimit = req.outputLimit > 0 ? req.outputLimit : 4 << 20;
  let printed = 0;
  window.pywasmState = state;
  title.textContent = "running " + req.name;

  function emit(stream, line) {
    line = String(line);
    if (state.outputLimit) return;
    printed += line.length + 1;
    if (printed > outputLimit && !state.fatal) {
      state.outputLimit = outputLimit;
      finish("output limit (" + outputLimit + " bytes)");
      return;
    }
    state[stream].push(line);
    wake(state);
    if (log.childElementCount < 1000) {
      const div = document.createElement("div");
      div.className = stream;
      div.textContent = line;
      log.appendChild(div);
    }
  }

  let w = null;
  function finish(how) {
    if (state.done) return;
    clearTimeout(timer);
    if (w) w.worker.terminate();
    state.timings.total = Math.round(performance.now() - started);
    title.textContent = req.name + ": " + how + " after " + state.timings.total + " ms";
    state.done = true;
    wake(state);
    if (!req.plain) prewarm(req.indexURL);
  }
  function fatal(info) {
    if (state.fatal || state.done) return;
    state.fatal = info;
    emit("stdout", "PYWASM-FATAL " + JSON.stringify(info));
    finish("runtime died (" + info.name + ")");
  }

  // Two deadlines: loading Pyodide (slow on a busy machine, and not what a probe observes), then
  // the probe's own timeout, which starts when its Python starts.
  function deadline(ms, what) {
    return setTimeout(() => {
      state.timedOut = true;
      emit("stderr", "pywasm-chromium: " + what + " within " + ms + " ms; worker terminated");
      finish("timed out");
    }, ms);
  }
  let timer = deadline(req.loadTimeoutMs, "Pyodide did not load");

  try {
    const i = req.plain ? -1 : warm.findIndex((x) => x.indexURL === req.indexURL);
    if (i >= 0) {
      w = warm.splice(i, 1)[0];
      state.timings.warm = 1;
    } else {
      dropWarm();
      w = startLoading(req.indexURL, !req.plain);
    }
    // The next probes' runtimes restore while this one runs.
    if (!req.plain) prewarm(req.indexURL);
  } catch (e) {
    fatal({ kind: "fatal", name: (e && e.name) || "Error", message: "cannot start the probe worker: " + e });
    return;
  }
  state.timings.snapshot = w.usedSnapshot ? 1 : 0;
  state.timings.sharedModule = w.usedModule ? 1 : 0;
  state.timings.sharedBytes = w.usedShared ? 1 : 0;
  const sink = (m) => {
    if (state.done) return;
    if (m.type === "line") emit(m.stream, m.line);
    else if (m.type === "timing") {
      state.timings[m.what] = Math.round(m.ms);
      if (m.phases) {
        for (const [k, v] of Object.entries(m.phases)) state.timings[m.what + "." + k] = Math.round(v);
      }
      if (m.what === "load") {
        state.timings.waited = Math.round(performance.now() - started);
        clearTimeout(timer);
        timer = deadline(req.timeoutMs, "no result");
      }
    }
    else if (m.type === "fatal") {
      if (m.info.kind === "load" && (w.usedSnapshot || w.usedModule || w.usedBytecode) && prepared) {
        // The snapshot does not restore here: drop it for good and load from scratch, as the Node
        // pool does; no probe pays for it, and the run says so. (A worker restored ahead from it
        // before it was dropped ends up here too.) The workers still restoring it ahead would fail
        // alike: they are replaced by ones that load from scratch.
        // Likewise a load from scratch into the shared module (a runtime without snapshots): such loads
        // compile the module themselves from then on.
        // Likewise a load replaying the bytecode cache: the loads after it compile the standard library themselves.
        if (w.usedBytecode && prepared.bytecode) {
          prepared.bytecode = null;
          prepared.note = (prepared.note ? prepared.note + "; " : "") + "a load with the bytecode cache failed, every "
            + "probe compiles the standard library: " + String(m.info.message).slice(0, 300);
        } else if (w.usedSnapshot && prepared.snapshot) {
          prepared.snapshot = null;
          prepared.note = "snapshot restore failed, every probe loads Pyodide: " + String(m.info.message).slice(0, 300);
        } else if (!w.usedSnapshot && prepared.module) {
          prepared.module = null;
          prepared.note = (prepared.note ? prepared.note + "; " : "") + "a load into the shared compiled module "
            + "failed, every probe compiles its own: " + String(m.info.message).slice(0, 300);
        }
        state.note = prepared.note;
        const failed = w;
        failed.worker.terminate();
        w = startLoading(req.indexURL, false);
        state.timings.snapshot = 0;
        state.timings.sharedModule = 0;
        const stale = (x) => (failed.usedBytecode ? x.usedBytecode : x.usedSnapshot || (!failed.usedSnapshot && x.usedModule));
        warm = warm.filter((x) => (stale(x) ? (x.worker.terminate(), false) : true));
        prewarm(req.indexURL);
        attach();
        return;
      }
      fatal(m.info);
    }
    else if (m.type === "done") finish("finished");
  };
  function attach() {
    w.sink = sink;
    w.backlog.splice(0).forEach(sink);
    if (!state.done && !w.runSent) {
      w.runSent = true;
      w.worker.postMessage({ type: "run", program: req.program });
    }
  }
  attach();
};

/**
 * Answers the pulls waiting on `state` (pywasmPull's waitMs) once the current task is over, so that
 * the lines a run prints in one go come in one answer, not one each.
 */
function wake(state) {
  if (!state.waiters.length || state.waking) return;
  state.waking = true;
  setTimeout(() => {
    state.waking = false;
    state.waiters.splice(0).forEach((answer) => answer());
  }, 0);
}

/** How the run ended, without its lines: what the harness reads once the run is done. */
function outcome(s) {
  return { timedOut: s.timedOut, fatal: s.fatal, outputLimit: s.outputLimit, note: s.note || null, timings: s.timings };
}

/**
 * The lines of the current run from index req.out of stdout and req.err of stderr, at most req.max
 * of each, whether the run is done and, once it is, how it ended (`state`): the harness's one call
 * per poll. With req.waitMs, a long poll: when there is nothing new yet, the answer waits until
 * there is (new lines or the end) or waitMs have passed.
 */
window.pywasmPull = function (req) {
  const s = window.pywasmState;
  if (!s) return { done: false, stdout: [], stderr: [] };
  const answer = () => ({ done: s.done, stdout: s.stdout.slice(req.out, req.out + req.max),
                          stderr: s.stderr.slice(req.err, req.err + req.max), state: s.done ? outcome(s) : null });
  if (!(req.waitMs > 0) || s.done || s.stdout.length > req.out || s.stderr.length > req.err) return answer();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      s.waiters = s.waiters.filter((x) => x !== later);
      resolve(answer());
    }, req.waitMs);
    const later = () => { clearTimeout(timer); resolve(answer()); };
    s.waiters.push(later);
  });
};

/**
 * The floor of the fast path, for the benchmark: `n` snapshot restores one after the other, each in
 * a new worker that is ended as soon as its Pyodide is ready (the milliseconds of each, from creating the
 * worker to its "loaded"), then the instantiate-and-copy floor in one more worker; resolves to
 * {restore: [ms...], phases: [{import, instantiate, fetch, fetched}...], floor: [ms...], floorNote}
 * (phases: where each restore's time went, see probe-worker.js; floorNote says why floor is empty).
 */
window.pywasmFloor = async function (req) {
  if (!prepared || !prepared.snapshot) throw new Error("no snapshot prepared: " + (prepared && prepared.note));
  dropWarm();
  const samples = [];
  const phases = [];
  for (let i = 0; i < req.n; i++) {
    const t0 = performance.now();
    const w = startLoading(req.indexURL, true);
    await new Promise((resolve, reject) => {
      w.sink = (m) => {
        if (m.type === "timing" && m.what === "load") { phases.push(m.phases || {}); resolve(); }
        else if (m.type === "fatal") reject(new Error(m.info.name + ": " + m.info.message));
      };
      w.backlog.splice(0).forEach(w.sink);
    }).finally(() => w.worker.terminate());
    samples.push(performance.now() - t0);
  }
  // Below the restore: a new instance of the compiled module with the snapshot heap copied in, in a
  // worker (what any fresh runtime from the snapshot costs at least; see probe-worker.js).
  const worker = newWorker();
  try {
    const answer = await new Promise((resolve, reject) => {
      worker.onmessage = (event) => { if (event.data.type === "floor") resolve(event.data); };
      worker.onerror = (event) => { event.preventDefault(); reject(new Error("floor worker: " + event.message)); };
      worker.postMessage({ type: "floor", indexURL: req.indexURL, snapshot: prepared.snapshot, module: prepared.module,
                           n: req.n });
    });
    return { restore: samples, phases, floor: answer.floor, floorNote: answer.why || null };
  } catch (e) {
    return { restore: samples, phases, floor: [], floorNote: String((e && e.message) || e) };
  } finally {
    worker.terminate();
  }
};
