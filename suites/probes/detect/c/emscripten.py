"""Observes whether emcc predefines __EMSCRIPTEN__ and its alias EMSCRIPTEN."""
from pywasm_probe import defines, probe


@probe
def macro_emscripten():
    macros = defines()
    return {"__EMSCRIPTEN__": "__EMSCRIPTEN__" in macros, "EMSCRIPTEN": "EMSCRIPTEN" in macros}
