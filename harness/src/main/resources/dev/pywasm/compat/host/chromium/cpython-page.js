// pywasm-compat probe page for CPython's own browser build (Tools/wasm: --with-emscripten-target=browser).
// The build's python.html is an interactive REPL whose python.worker.js waits for keyboard input; a
// probe needs "python probe.py" instead, so this page loads the same python.js the way any Emscripten
// page does: it defines `Module` (the probe file as argv, written into MEMFS before main runs, output
// and exit hooks), then adds python.js as a classic script. Python then runs on this page's main
// thread; a probe that hangs blocks the page, and the harness ends it by closing the browser context.
//
// window.pywasmStartCPython(req) starts one run and returns what the page's globals say about
// isolation. req: {runtimeUrl, script, probePath, program, arguments}. Every event is one console
// message "pywasm-event [kind, payload]" (JSON): console messages reach the harness while Python
// still blocks the main thread and need no answer from the page (an exposed function's answer waits
// for the page, and a probe that prints thousands of lines would pile them up). Kinds: "prerun",
// "started" (main() is about to run), "stdout"/"stderr" (one line), "end" ({how: "exit", status} or
// {how: "fatal", name, message}); the first "end" wins.
// CPython's build has no `js` module, so Python cannot look at the page; the page hands what its
// globals say about isolation to the probe as the environment variable PYWASM_PAGE_GLOBALS (JSON).
"use strict";

window.pywasmState = null;

function pywasmGlobals() {
  return { crossOriginIsolated: self.crossOriginIsolated === true,
           SharedArrayBuffer: typeof SharedArrayBuffer !== "undefined",
           isSecureContext: self.isSecureContext === true };
}

document.getElementById("env").textContent = JSON.stringify(pywasmGlobals());

window.pywasmStartCPython = function (req) {
  const started = performance.now();
  const state = { done: false, end: null, stdout: [], stderr: [] };
  window.pywasmState = state;
  const log = document.getElementById("log");
  const title = document.getElementById("title");
  title.textContent = "running " + req.probePath;

  function ms() { return Math.round(performance.now() - started); }
  function send(kind, payload) {
    console.debug("pywasm-event " + JSON.stringify([kind, payload === undefined ? null : payload]));
  }
  function emit(stream, line) {
    line = String(line);
    state[stream].push(line);
    const div = document.createElement("div");
    div.className = stream;
    div.textContent = line;
    log.appendChild(div);
    send(stream, line);
  }
  function end(info) {
    if (state.end) return;
    info.ms = ms();
    state.end = info;
    state.done = true;
    title.textContent = req.probePath + ": " + (info.how === "exit" ? "exit status " + info.status
                                                                      : info.name + ": " + info.message) + " after " + info.ms + " ms";
    send("end", info);
  }
  function fatal(error, fallbackName) {
    const name = error && error.name ? String(error.name) : fallbackName;
    const message = error && error.message !== undefined ? String(error.message) : String(error);
    end({ how: "fatal", name, message });
  }
  function isExit(thrown) {
    return thrown && (thrown.name === "ExitStatus" || (typeof ExitStatus === "function" && thrown instanceof ExitStatus));
  }

  window.addEventListener("error", (e) => fatal(e.error || e.message, "Error"));
  window.addEventListener("unhandledrejection", (e) => fatal(e.reason, "UnhandledRejection"));

  window.Module = {
    arguments: req.arguments,
    // No terminal here: stdin is at its end, as for a probe run with its input closed.
    stdin: () => null,
    print: (line) => emit("stdout", line),
    printErr: (line) => emit("stderr", line),
    // python.js and python.data live under the runtime's URL, not next to this page.
    locateFile: (path) => req.runtimeUrl + path,
    preRun: [function () {
      FS.writeFile(req.probePath, req.program);
      if (typeof ENV === "object") ENV.PYWASM_PAGE_GLOBALS = JSON.stringify(pywasmGlobals());
      send("prerun", ms());
    }],
    onRuntimeInitialized: () => send("started", ms()),
    // abort() then throws a RuntimeError "Aborted(...)", which quit or the error event reports.
    onAbort: (what) => emit("stderr", "pywasm-chromium: Emscripten abort(" + (what === undefined ? "" : what) + ")"),
    onExit: (status) => end({ how: "exit", status }),
    // Every way main() ends comes here: Emscripten calls quit(status, ExitStatus) on exit and
    // quit(1, error) for an exception it could not handle. Rethrow, as its own quit does.
    quit: (status, thrown) => {
      if (isExit(thrown)) end({ how: "exit", status });
      else fatal(thrown, "Error");
      throw thrown;
    },
  };

  const script = document.createElement("script");
  script.src = req.runtimeUrl + req.script;
  script.onerror = () => end({ how: "fatal", name: "LoadError", message: "the browser did not load " + script.src });
  document.body.appendChild(script);
  return pywasmGlobals();
};
