"""Observes whether the runtime is built with pthreads: sys._emscripten_info.pthreads and whether a thread starts."""
import sys
import threading

from pywasm_probe import probe


@probe
def pthreads():
    info = getattr(sys, "_emscripten_info", None)
    try:
        t = threading.Thread(target=lambda: None)
        t.start()
        t.join(5)
        started = True
    except RuntimeError:
        started = False
    return {"pthreads": bool(info and info.pthreads) or started, "emscripten_info_pthreads": info and info.pthreads,
            "thread_started": started}
