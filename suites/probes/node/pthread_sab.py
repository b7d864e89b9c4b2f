"""Observes, where threads are supported, that SharedArrayBuffer exists and the wasm memory is shared."""
import sys
import threading

from pywasm_probe import probe, skip


@probe
def pthread_sab():
    try:
        t = threading.Thread(target=lambda: None)
        t.start()
        t.join(5)
    except RuntimeError as e:
        skip("no pthread support here (threads cannot start: " + str(e) + ")")
    info = getattr(sys, "_emscripten_info", None)
    if info is None:
        skip("not an Emscripten build: threads here are the OS's own, not Emscripten pthreads on a SharedArrayBuffer")
    try:
        import js
        sab = hasattr(js, "SharedArrayBuffer")
    except ImportError:
        sab = None
    return {"shared_array_buffer": sab, "shared_memory": info.shared_memory}
