// pywasm-compat probe page: runs one Python program on Pyodide in a fresh dedicated Web Worker and
// keeps what it prints. The page itself never runs Python, so a probe that hangs or spins cannot
// block it: on timeout the worker is terminated and the page is ready for the next probe.
//
// window.pywasmRun({name, program, indexURL, loadTimeoutMs, timeoutMs}) starts a run; window.pywasmState says how
// it is going (done, timedOut, stdout[], stderr[], timings). Each line is also handed to
// window.pywasmEmit(stream, line) when the harness exposes it, so output survives a page crash.
"use strict";

window.pywasmState = null;

document.getElementById("env").textContent =
  "crossOriginIsolated=" + self.crossOriginIsolated +
  " SharedArrayBuffer=" + (typeof SharedArrayBuffer !== "undefined");

window.pywasmRun = function (req) {
  const log = document.getElementById("log");
  const title = document.getElementById("title");
  log.textContent = "";
  const started = performance.now();
  const state = { name: req.name, done: false, timedOut: false, fatal: null, stdout: [], stderr: [], timings: {} };
  window.pywasmState = state;
  title.textContent = "running " + req.name;

  function emit(stream, line) {
    state[stream].push(line);
    const div = document.createElement("div");
    div.className = stream;
    div.textContent = line;
    log.appendChild(div);
    if (typeof window.pywasmEmit === "function") {
      try { window.pywasmEmit(stream, line); } catch (e) { /* evidence only */ }
    }
  }

  let worker = null;
  function finish(how) {
    if (state.done) return;
    clearTimeout(timer);
    if (worker) worker.terminate();
    state.timings.total = Math.round(performance.now() - started);
    title.textContent = req.name + ": " + how + " after " + state.timings.total + " ms";
    state.done = true;
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
    worker = new Worker("probe-worker.js", { type: "module", name: "pywasm-probe" });
  } catch (e) {
    fatal({ kind: "fatal", name: (e && e.name) || "Error", message: "cannot start the probe worker: " + e });
    return;
  }
  worker.onmessage = (event) => {
    const m = event.data;
    if (m.type === "line") emit(m.stream, m.line);
    else if (m.type === "timing") {
      state.timings[m.what] = Math.round(m.ms);
      if (m.what === "load" && !state.done) {
        clearTimeout(timer);
        timer = deadline(req.timeoutMs, "no result");
      }
    }
    else if (m.type === "fatal") fatal(m.info);
    else if (m.type === "done") finish("finished");
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fatal({ kind: "fatal", name: "WorkerError",
            message: String(event.message || "the probe worker failed") +
                     (event.filename ? " (" + event.filename + ":" + event.lineno + ")" : "") });
  };
  worker.onmessageerror = () => fatal({ kind: "fatal", name: "MessageError", message: "unreadable worker message" });
  worker.postMessage({ program: req.program, indexURL: req.indexURL });
};
