// pywasm-compat bench: the floor of a fresh Pyodide interpreter on this machine, i.e. what
// restoring a memory snapshot costs with nothing else around it (one thread, no worker, no process).
//
// usage: node [flags] pyodide-floor.js <pyodide-dir> <samples>
//
// Prints one JSON line: {"snapshot": true, "makeMillis": n, "samples": [ms, ...]}; each sample is
// loadPyodide({_loadSnapshot}) plus running "1+1". Without snapshot support it measures plain
// loadPyodide() instead and says "snapshot": false.
"use strict";
const path = require("path");

(async () => {
  const dir = path.resolve(process.argv[2]) + path.sep;
  const n = Math.max(1, parseInt(process.argv[3], 10) || 5);
  const { loadPyodide } = require(path.join(dir, "pyodide.js"));
  const quiet = () => {};
  let snapshot = null;
  let makeMillis = null;
  let note = null;
  try {
    const t = performance.now();
    const py = await loadPyodide({ indexURL: dir, _makeSnapshot: true, stdout: quiet, stderr: quiet });
    snapshot = py.makeMemorySnapshot();
    makeMillis = Math.round(performance.now() - t);
  } catch (e) {
    note = String((e && e.message) || e).slice(0, 300);
  }
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const options = { indexURL: dir, stdout: quiet, stderr: quiet };
    if (snapshot) options._loadSnapshot = snapshot;
    const py = await loadPyodide(options);
    py.runPython("1+1");
    samples.push(Math.round((performance.now() - t) * 10) / 10);
  }
  process.stdout.write(JSON.stringify({ snapshot: snapshot !== null, makeMillis, note, samples }) + "\n");
  process.exit(0);
})().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + "\n");
  process.exit(70);
});
