"""Observes whether emcc predefines __wasm32__ and its alias __wasm32."""
from pywasm_probe import defines, probe


@probe
def macro_wasm32():
    macros = defines()
    return {"__wasm32__": "__wasm32__" in macros, "__wasm32": "__wasm32" in macros}
