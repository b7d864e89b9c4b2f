// pywasm-compat: runs one Python program on Pyodide under Node and relays what it prints.
//
// usage: node [flags] pyodide-driver.js <pyodide-dir> <program.py>
//
// Python's stdout goes to stdout and its stderr to stderr, line by line as they happen, so the last
// output survives a crash. The line "PYWASM-STARTED" says the moment Pyodide is loaded and the program
// is handed to it: the harness counts the probe's timeout from there (the load has its own limit). When the runtime dies (a fatal error, an Emscripten exit, an uncaught
// JavaScript exception) the driver prints one line "PYWASM-FATAL {json}" and exits with status 70.
// It is loaded with require() because the ESM entry of older Pyodide releases fails on Node 20.
"use strict";
const fs = require("fs");
const path = require("path");

const [pyodideDir, programFile] = process.argv.slice(2);
const FATAL_STATUS = 70;
let fatalReported = false;

function fatal(kind, error) {
  if (fatalReported) return;
  fatalReported = true;
  const info = {
    kind: error && typeof error.status === "number" ? "exit" : kind,
    name: (error && (error.name || (error.constructor && error.constructor.name))) || typeof error,
    message: String((error && error.message) || error).slice(0, 2000),
    status: error && typeof error.status === "number" ? error.status : null,
  };
  process.stdout.write("PYWASM-FATAL " + JSON.stringify(info) + "\n");
  process.exitCode = FATAL_STATUS;
}

process.on("uncaughtException", (e) => { fatal("uncaught", e); process.exit(FATAL_STATUS); });
process.on("unhandledRejection", (e) => { fatal("unhandled-rejection", e); process.exit(FATAL_STATUS); });

async function main() {
  if (!pyodideDir || !programFile) {
    process.stderr.write("usage: pyodide-driver.js <pyodide-dir> <program.py>\n");
    process.exit(64);
  }
  const { loadPyodide } = require(path.join(path.resolve(pyodideDir), "pyodide.js"));
  const program = fs.readFileSync(programFile, "utf8");
  const pyodide = await loadPyodide({
    indexURL: path.resolve(pyodideDir) + path.sep,
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  process.stdout.write("PYWASM-STARTED\n");
  try {
    await pyodide.runPythonAsync(program);
  } catch (e) {
    if (e && e.constructor && e.constructor.name === "PythonError") {
      // An exception the program did not catch: the runtime is alive, the probe is broken.
      process.stderr.write(String(e.message) + "\n");
      process.exitCode = 1;
    } else {
      fatal(e && e.name === "ExitStatus" ? "exit" : "fatal", e);
    }
  }
}

// Exit explicitly: a probe may leave handles (sockets, timers) that would keep Node alive.
main().then(
  () => process.exit(process.exitCode || 0),
  (e) => { fatal("load", e); process.exit(FATAL_STATUS); });
