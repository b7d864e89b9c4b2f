"""Observes the README's C snippet: is the #ifdef __EMSCRIPTEN__ branch compiled under emcc?"""
from pywasm_probe import defines, probe


@probe
def ifdef_emscripten():
    return {"__EMSCRIPTEN__": "__EMSCRIPTEN__" in defines()}
