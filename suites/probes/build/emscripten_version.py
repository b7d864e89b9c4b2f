"""Observes the Emscripten version the runtime was built with, as platform.platform() reports it."""
import platform
import re

from pywasm_probe import probe, skip


@probe
def emscripten_version():
    text = platform.platform()
    m = re.search(r"Emscripten-(\d+(?:\.\d+)*)", text)
    if m is None:
        skip("not an Emscripten runtime: platform.platform() is " + text)
    return m.group(1)
