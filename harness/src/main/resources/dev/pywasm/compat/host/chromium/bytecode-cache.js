// pywasm-compat: a bytecode cache for the loads of a Pyodide without memory snapshots, shared by the
// Node pool (node/pyodide-pool.js, require) and the Chromium probe worker (probe-worker.js, import).
// Plain script: CommonJS exports under Node, globalThis.pywasmBytecodeCache in a worker.
//
// Such a Pyodide (before 0.26) starts Python from scratch in every fresh runtime, and every start
// compiles the standard library's modules it imports from python_stdlib.zip again (zipimport keeps no
// .pyc; the zip holds .py only): about 110 modules, a third of a load. The first load a pool or page
// makes anyway records, per module, the source bytes zipimport compiled and the code object it got
// (marshalled, as a .pyc holds it). Each later load replays it: from Python's start (Emscripten's
// postRun, before Pyodide's own imports) to the end of loadPyodide, zipimport's _compile_source
// answers a (path, source bytes) it was recorded with by unmarshalling the recorded code, and compiles
// anything else as before. Then the original _compile_source is put back. The code objects are the
// ones compile() makes of the same bytes under the same name (what a .pyc is for), so the runtime is
// the released one: same files, same __file__ and sys.path, same zipimport once loaded; no module is
// imported that a plain load does not import, and nothing is left in __main__ or the file system. The
// cache is made of the released files before any probe runs; nothing a probe does can reach it.
//
// Seam: the classic pyodide.asm.js of these releases defines globalThis._createPyodideModule, which
// their loadPyodide calls with the Emscripten Module; hook() wraps that function. The hook needs the
// Module's API.rawRun (PyRun_SimpleString) and FS, and zipimport._compile_source (CPython 3.11); when a
// piece is missing it does nothing and finish() says why.
"use strict";

const FILE = "/tmp/.pywasm-bytecode-cache";

// Python run with rawRun at postRun (in a dict of its own: nothing lands in __main__). `table` set:
// replay it; else record.
const INSTALL = `
import zipimport, marshal, os
original = zipimport._compile_source
if table_file is None:
    table = None
    recorded = {}
else:
    with open(table_file, "rb") as f:
        table = marshal.loads(f.read())
    os.unlink(table_file)
    recorded = None
stats = [0, 0]
def _compile_source(pathname, source):
    if table is not None:
        hit = table.get(pathname)
        if hit is not None and hit[0] == source:
            stats[0] += 1
            return marshal.loads(hit[1])
    stats[1] += 1
    code = original(pathname, source)
    if recorded is not None:
        recorded[pathname] = (source, marshal.dumps(code))
    return code
_compile_source.__qualname__ = original.__qualname__
_compile_source.pywasm_hook = (original, recorded, stats)
zipimport._compile_source = _compile_source
`;

// After loadPyodide: the original back; the stats (and what was recorded) written for the caller.
const FINISH = `
import zipimport, marshal
hook = getattr(zipimport._compile_source, "pywasm_hook", None)
if hook is None:
    raise RuntimeError("zipimport._compile_source is no longer the bytecode cache's hook")
original, recorded, stats = hook
zipimport._compile_source = original
with open(out_file + ".stats", "w") as f:
    f.write("%d %d" % tuple(stats))
if recorded is not None:
    with open(out_file, "wb") as f:
        f.write(marshal.dumps(recorded))
`;

/** Runs `source` (a constant of this file) with `names` bound, through rawRun: [status, its stderr]. */
function run(Module, source, names) {
  // A JSON string is a Python string literal too.
  const bind = Object.entries(names).map(([k, v]) => JSON.stringify(k) + ": " + (v === null ? "None" : JSON.stringify(v)));
  const result = Module.API.rawRun("exec(" + JSON.stringify(source) + ", {" + bind.join(", ") + "})");
  return Array.isArray(result) ? result : [result, ""];
}

/**
 * Wraps `create` (a classic runtime's _createPyodideModule). With `table` (what an earlier finish()
 * recorded, a Uint8Array) the load replays it; without, it records one. Returns {create, finish}:
 * finish() after loadPyodide resolved gives {hits, compiled, table (recording only), why (when the
 * hook did nothing)}.
 */
function hook(create, table) {
  const state = { Module: null, installed: false, why: null };
  const wrapped = function (Module) {
    state.Module = Module;
    const theirs = Module.postRun === undefined ? [] : [].concat(Module.postRun);
    Module.postRun = [() => install(state, table)].concat(theirs);
    return create.apply(this, arguments);
  };
  return { create: wrapped, finish: () => finish(state, table) };
}

function install(state, table) {
  try {
    const M = state.Module;
    if (!M.API || typeof M.API.rawRun !== "function" || !M.FS) throw new Error("this Pyodide's Module has no API.rawRun or FS");
    if (table) M.FS.writeFile(FILE, table.slice()); // a copy of its own (the caller's may be shared)
    const [status, err] = run(M, INSTALL, { table_file: table ? FILE : null });
    if (status !== 0) {
      if (table) try { M.FS.unlink(FILE); } catch (e) { /* gone already */ }
      throw new Error("Python said: " + String(err).trim().split("\n").pop());
    }
    state.installed = true;
  } catch (e) {
    state.why = "no bytecode cache: " + String((e && e.message) || e).slice(0, 300);
  }
}

function finish(state, table) {
  if (!state.installed) return { hits: 0, compiled: null, why: state.why || "no bytecode cache: the hook never ran" };
  const M = state.Module;
  const [status, err] = run(M, FINISH, { out_file: FILE });
  if (status !== 0) throw new Error("the bytecode cache could not put zipimport back: " + String(err).trim().split("\n").pop());
  const stats = new TextDecoder().decode(M.FS.readFile(FILE + ".stats")).split(" ").map(Number);
  M.FS.unlink(FILE + ".stats");
  const result = { hits: stats[0], compiled: stats[1], why: null };
  if (!table) {
    result.table = M.FS.readFile(FILE);
    M.FS.unlink(FILE);
  }
  state.Module = null;
  return result;
}

if (typeof module === "object" && module && module.exports) module.exports = { hook };
else globalThis.pywasmBytecodeCache = { hook };
