// pywasm-compat bench: the floor of a fresh Pyodide interpreter, shared by the Node script
// (node/pyodide-floor.js, require) and the Chromium probe worker (probe-worker.js, import): watch()
// records what Pyodide's load instantiates pyodide.asm.wasm with; instantiate() makes a new instance
// alike, whose memory the caller fills with the snapshot heap. Plain script: CommonJS exports under
// Node, globalThis.pywasmWasmFloor in a worker.
"use strict";

/**
 * Records, while Pyodide loads, the imports it instantiates `module` with and the descriptors of the
 * memories and tables it makes (the module imports both), so that the floor can make fresh ones alike.
 */
function watch(module) {
  const original = { instantiate: WebAssembly.instantiate, Memory: WebAssembly.Memory, Table: WebAssembly.Table };
  const seen = { imports: null, memories: new Map(), tables: new Map() };
  WebAssembly.Memory = class extends original.Memory {
    constructor(descriptor) { super(descriptor); seen.memories.set(this, { ...descriptor }); }
  };
  WebAssembly.Table = class extends original.Table {
    constructor(descriptor, value) {
      if (arguments.length > 1) super(descriptor, value); else super(descriptor);
      seen.tables.set(this, { ...descriptor });
    }
  };
  WebAssembly.instantiate = function (source, imports) {
    const size = source && source.byteLength;
    if (!seen.imports && (source instanceof original.Memory ? false : size > 1 << 20 || source === module)) {
      seen.imports = imports;
    }
    return original.instantiate.apply(WebAssembly, arguments);
  };
  seen.stop = () => Object.assign(WebAssembly, original);
  return seen;
}

/**
 * A new instance of `module` with the imports seen, fresh tables and a memory of at least `bytes`:
 * the module's own (pyodide.asm.wasm exports its memory), grown to that size, or a fresh one where
 * the module imports its memory.
 */
async function instantiate(module, seen, bytes) {
  let memory = null;
  const imports = {};
  for (const [ns, fields] of Object.entries(seen.imports)) {
    imports[ns] = fields;
    const fresh = {};
    for (const key of Object.keys(fields)) {
      const v = fields[key];
      if (seen.memories.has(v)) {
        memory = new WebAssembly.Memory({ ...seen.memories.get(v), initial: Math.ceil(bytes / 65536) });
        fresh[key] = memory;
      } else if (seen.tables.has(v)) {
        fresh[key] = new WebAssembly.Table({ ...seen.tables.get(v), initial: v.length });
      }
    }
    // Only the namespaces that hold a memory or a table are copied (a Proxy, like GOT.mem, stays one).
    if (Object.keys(fresh).length) imports[ns] = Object.assign({}, fields, fresh);
  }
  const instance = await WebAssembly.instantiate(module, imports);
  if (!memory) {
    memory = instance.exports.memory;
    if (!(memory instanceof WebAssembly.Memory)) throw new Error("pyodide.asm.wasm neither imports nor exports a memory");
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  }
  return { instance, memory };
}

if (typeof module === "object" && module && module.exports) module.exports = { watch, instantiate };
else globalThis.pywasmWasmFloor = { watch, instantiate };
