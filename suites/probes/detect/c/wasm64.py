"""Observes __wasm64__: absent on this wasm32 toolchain's default target, and whether emcc's
experimental 64-bit memory (-sMEMORY64) defines it (None when emcc refuses the flag)."""
from pywasm_probe import defines, probe


@probe
def macro_wasm64():
    try:
        memory64 = "__wasm64__" in defines("-sMEMORY64")
    except RuntimeError:
        memory64 = None
    return {"__wasm64__": "__wasm64__" in defines(), "with_memory64": memory64}
