"""Observes the Emscripten version the runtime was built with: sys._emscripten_info (CPython 3.11+),
else what platform.platform() reports (CPython's own builds say "Emscripten-1.0" there).

The README recommends 3.1.8 or newer: a build made with an older Emscripten does not follow the advice, which
says nothing about whether the advice is right, so such a build is inapplicable (with its version), not STALE."""
import platform
import re
import sys

from pywasm_probe import probe, skip


def version():
    info = getattr(sys, "_emscripten_info", None)
    if info is not None and getattr(info, "emscripten_version", None):
        return ".".join(str(part) for part in info.emscripten_version)
    text = platform.platform()
    m = re.search(r"Emscripten-(\d+(?:\.\d+)*)", text)
    if m is None:
        skip("not an Emscripten runtime: platform.platform() is " + text)
    return m.group(1)


def older_than(v, floor):
    return tuple(int(p) for p in v.split(".")) < tuple(int(p) for p in floor.split("."))


@probe
def emscripten_version():
    v = version()
    if older_than(v, "3.1.8"):
        skip("built with Emscripten %s, older than the recommended 3.1.8: this build does not follow the advice" % v)
    return v
