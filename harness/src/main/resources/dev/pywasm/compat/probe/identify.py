"""Reports the runtime's identity as the runtime itself sees it."""
import platform
import re
import sys

from pywasm_probe import probe


@probe
def identify():
    plat = platform.platform()
    match = re.search(r"Emscripten-(\d+\.\d+\.\d+)", plat)
    info = getattr(sys, "_emscripten_info", None)
    # CPython's own builds report "Emscripten-1.0" in platform(); sys._emscripten_info knows better.
    emscripten = ".".join(str(p) for p in info.emscripten_version) if info is not None else None
    try:
        import pyodide
        distribution = getattr(pyodide, "__version__", None)
    except ImportError:
        distribution = None
    return {
        "python": sys.version.split()[0],
        "platform": plat,
        "emscripten": emscripten or (match.group(1) if match else None),
        "runtime": getattr(info, "runtime", None) if info is not None else None,
        "pyodide": distribution,
        "machine": platform.machine(),
    }
