"""Observes __wasi__ under emcc: the README names it as WASI's macro, so Emscripten must not define it."""
from pywasm_probe import defines, probe


@probe
def macro_wasi():
    return {"__wasi__": "__wasi__" in defines()}
