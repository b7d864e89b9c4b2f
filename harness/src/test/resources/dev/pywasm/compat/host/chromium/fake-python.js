// A stand-in for an Emscripten 3.1.x python.js (browser target, no MODULARIZE), small enough to
// load in a test: it honours the Module hooks CPython's real build uses (arguments, preRun with the
// global FS and ENV, onRuntimeInitialized, print/printErr, locateFile, onAbort, quit with
// ExitStatus) and, instead of Python, obeys one word in the probe's source: OBSERVE, EXIT <n>,
// CRASH, ABORT, HANG, RELOADS, FLOOD.
var Module = typeof Module !== "undefined" ? Module : {};
function ExitStatus(status) { this.name = "ExitStatus"; this.message = "Program terminated with exit(" + status + ")"; this.status = status; }
var ENV = { HOME: "/home/web_user" };
var FS = { files: {}, writeFile(path, data) { this.files[path] = String(data); }, readFile(path) { return this.files[path]; } };
var quit_ = (status, toThrow) => { throw toThrow; };
if (Module.quit) quit_ = Module.quit;
var out = Module.print || console.log.bind(console);
var err = Module.printErr || console.warn.bind(console);

function probeSource(program) {
  // ProbeProgram: the helper, then the probe, each base64 in b64decode('...'); the probe is the last.
  const all = [...program.matchAll(/b64decode\('([^']*)'\)/g)];
  return all.length ? atob(all[all.length - 1][1]) : program;
}

function observation(program) {
  // The run's token, as ProbeProgram arms it into the helper: _arm('<token>').
  const token = (program.match(/_arm\('([^']*)'\)/) || [])[1] || "-";
  return "PYWASM-OBSERVATION " + token + " ";
}

function exit(status) {
  quit_(status, new ExitStatus(status));
}

function main(argv) {
  const program = FS.readFile(argv[0]);
  const source = probeSource(program);
  const word = (source.match(/\b(OBSERVE|EXIT|CRASH|ABORT|HANG|RELOADS|FLOOD)\b(?:\s+(\d+))?/) || [])[1];
  if (word === "OBSERVE") {
    out("some output first");
    out(observation(program) + JSON.stringify({ outcome: "returned",
      value: { argv, globals: JSON.parse(ENV.PYWASM_PAGE_GLOBALS || "null"), wasm: Module.locateFile("python.wasm", "") } }));
    return 0;
  }
  if (word === "EXIT") {
    err("exiting on purpose");
    exit(Number(source.match(/EXIT\s+(\d+)/)[1]));
  }
  if (word === "CRASH") {
    out("about to crash");
    throw new WebAssembly.RuntimeError("unreachable");
  }
  if (word === "ABORT") {
    if (Module.onAbort) Module.onAbort("Assertion failed: fake");
    throw new WebAssembly.RuntimeError("Aborted(Assertion failed: fake)");
  }
  if (word === "HANG") {
    out("hanging now");
    for (;;) { /* a Python that never returns blocks the page */ }
  }
  if (word === "FLOOD") {
    // A Python printing in a loop: thousands of lines while the main thread stays busy.
    for (let i = 0; i < 2000; i++) out("line " + i);
    out(observation(program) + JSON.stringify({ outcome: "returned", value: { lines: 2000 } }));
    return 0;
  }
  if (word === "RELOADS") {
    const n = Number(sessionStorage.getItem("loads") || "0") + 1;
    sessionStorage.setItem("loads", String(n));
    out(observation(program) + JSON.stringify({ outcome: "returned", value: { loads: n } }));
    return 0;
  }
  err("fake python.js: no word to obey");
  return 2;
}

function callMain(args) {
  try {
    const ret = main(args);
    exit(ret);
    return ret;
  } catch (e) {
    if (e instanceof ExitStatus) return e.status;
    quit_(1, e);
  }
}

(Module.preRun || []).forEach((f) => f(Module));
// Like the real build: the data and wasm arrive asynchronously, then main() runs.
setTimeout(() => {
  if (Module.onRuntimeInitialized) Module.onRuntimeInitialized();
  callMain(Module.arguments || []);
}, 50);
