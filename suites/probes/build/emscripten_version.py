"""Observes the Emscripten version the runtime was built with: sys._emscripten_info (CPython 3.11+),
else what platform.platform() reports (CPython's own builds say "Emscripten-1.0" there)."""
import platform
import re
import sys

from pywasm_probe import probe, skip


@probe
def emscripten_version():
    info = getattr(sys, "_emscripten_info", None)
    if info is not None and getattr(info, "emscripten_version", None):
        return ".".join(str(part) for part in info.emscripten_version)
    text = platform.platform()
    m = re.search(r"Emscripten-(\d+(?:\.\d+)*)", text)
    if m is None:
        skip("not an Emscripten runtime: platform.platform() is " + text)
    return m.group(1)
