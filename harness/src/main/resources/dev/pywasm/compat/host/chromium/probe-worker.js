// pywasm-compat probe worker: one fresh Pyodide in one fresh dedicated worker, for one program.
// Mirrors the Node driver: Python's stdout and stderr go out line by line as they happen; when the
// runtime dies (a fatal error, an Emscripten exit, a load failure) it reports one fatal record.
// A module worker importing pyodide.mjs: current Pyodide refuses classic workers.
"use strict";

function post(message) {
  self.postMessage(message);
}

function line(stream) {
  return (text) => post({ type: "line", stream, line: String(text) });
}

let fatalReported = false;
function fatal(kind, error) {
  if (fatalReported) return;
  fatalReported = true;
  const status = error && typeof error.status === "number" ? error.status : null;
  post({ type: "fatal", info: {
    kind: status !== null ? "exit" : kind,
    name: (error && (error.name || (error.constructor && error.constructor.name))) || typeof error,
    message: String((error && error.message) || error).slice(0, 2000),
    status,
  } });
}

self.addEventListener("unhandledrejection", (event) => fatal("unhandled-rejection", event.reason));

self.onmessage = async (event) => {
  const { program, indexURL } = event.data;
  const t0 = performance.now();
  let pyodide;
  try {
    const { loadPyodide } = await import(indexURL + "pyodide.mjs");
    pyodide = await loadPyodide({ indexURL, stdout: line("stdout"), stderr: line("stderr") });
  } catch (e) {
    fatal("load", e);
    return;
  }
  const t1 = performance.now();
  post({ type: "timing", what: "load", ms: t1 - t0 });
  try {
    await pyodide.runPythonAsync(program);
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
};
