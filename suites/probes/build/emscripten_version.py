"""Observes the Emscripten version the runtime was built with: sys._emscripten_info (CPython 3.11+),
else what platform.platform() reports (CPython's own builds say "Emscripten-1.0" there).

The README recommends 3.1.8 or newer: a build made with an older Emscripten does not follow the advice, which
says nothing about whether the advice is right, so such a build is inapplicable (with its version), not STALE."""
import platform

from pywasm_probe import emscripten_version as built_with, older_than, probe, skip


@probe
def emscripten_version():
    v = built_with()
    if v is None:
        skip("not an Emscripten runtime: platform.platform() is " + platform.platform())
    if older_than(v, "3.1.8"):
        skip("built with Emscripten %s, older than the recommended 3.1.8: this build does not follow the advice" % v)
    return v
