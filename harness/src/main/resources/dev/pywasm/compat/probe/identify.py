"""Reports the runtime's identity as the runtime itself sees it."""
import platform
import re
import sys

from pywasm_probe import probe


@probe
def identify():
    plat = platform.platform()
    match = re.search(r"Emscripten-(\d+\.\d+\.\d+)", plat)
    try:
        import pyodide
        distribution = getattr(pyodide, "__version__", None)
    except ImportError:
        distribution = None
    return {
        "python": sys.version.split()[0],
        "platform": plat,
        "emscripten": match.group(1) if match else None,
        "pyodide": distribution,
        "machine": platform.machine(),
    }
