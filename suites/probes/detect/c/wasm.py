"""Observes whether emcc predefines __wasm__ and its alias __wasm."""
from pywasm_probe import defines, probe


@probe
def macro_wasm():
    macros = defines()
    return {"__wasm__": "__wasm__" in macros, "__wasm": "__wasm" in macros}
