// pywasm-compat bench: two lower bounds of a fresh Pyodide interpreter on this machine, one thread,
// no worker, no process around them.
//
// usage: node [flags] pyodide-floor.js <pyodide-dir> <samples>
//
// Prints one JSON line: {"snapshot": true, "makeMillis": n, "note": null, "restore": [ms, ...],
// "floor": [ms, ...], "floorNote": null}.
//   restore  Pyodide's own snapshot restore: loadPyodide({_loadSnapshot}) plus running "1+1" (without
//            snapshot support, plain loadPyodide() instead, and "snapshot": false)
//   floor    what any fresh runtime from that snapshot must cost at least: WebAssembly.instantiate of
//            the already-compiled pyodide.asm.wasm with the imports Pyodide gave it (its memory is
//            the new instance's own, grown to the snapshot's size), plus copying the snapshot heap
//            into that memory. No JavaScript of the
//            runtime runs, so this is not a usable interpreter, only the bound. Empty, with
//            "floorNote" saying why, where it cannot be measured (no snapshot, imports not seen).
"use strict";
const fs = require("fs");
const path = require("path");
const { watch, instantiate } = require("./wasm-floor.js");

(async () => {
  const dir = path.resolve(process.argv[2]) + path.sep;
  const n = Math.max(1, parseInt(process.argv[3], 10) || 5);
  const { loadPyodide } = require(path.join(dir, "pyodide.js"));
  const quiet = () => {};
  const module = await WebAssembly.compile(fs.readFileSync(path.join(dir, "pyodide.asm.wasm")));
  // What Pyodide's load gives the module: its imports, and how it makes its memory and table.
  const seen = watch(module);
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
  } finally {
    seen.stop();
  }
  const restore = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const options = { indexURL: dir, stdout: quiet, stderr: quiet };
    if (snapshot) options._loadSnapshot = snapshot;
    const py = await loadPyodide(options);
    py.runPython("1+1");
    restore.push(ms(t));
  }
  const floor = [];
  let floorNote = null;
  try {
    if (!snapshot) throw new Error("no snapshot to copy");
    if (!seen.imports) throw new Error("Pyodide's load did not instantiate pyodide.asm.wasm through WebAssembly.instantiate");
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const { memory } = await instantiate(module, seen, snapshot.byteLength);
      new Uint8Array(memory.buffer).set(snapshot);
      floor.push(ms(t));
    }
  } catch (e) {
    floorNote = String((e && e.message) || e).slice(0, 300);
  }
  process.stdout.write(JSON.stringify({ snapshot: snapshot !== null, makeMillis, note, restore, floor, floorNote }) + "\n");
  process.exit(0);
})().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + "\n");
  process.exit(70);
});

function ms(t) {
  return Math.round((performance.now() - t) * 10) / 10;
}
