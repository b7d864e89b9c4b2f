"""Observes the Emscripten version macros: predefined by emcc (the README lists them with the
built-ins), or only after #include <emscripten/version.h>; and whether they match emcc --version."""
import os
import re
import subprocess
import tempfile

from pywasm_probe import defines, probe

NAMES = ("__EMSCRIPTEN_major__", "__EMSCRIPTEN_minor__", "__EMSCRIPTEN_tiny__")


def from_header():
    emcc = os.environ["PYWASM_EMCC"]
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as src:
        src.write("#include <emscripten/version.h>\n")
    try:
        done = subprocess.run([emcc, "-dM", "-E", src.name], capture_output=True, text=True, timeout=120)
    finally:
        os.unlink(src.name)
    found = dict(re.findall(r"#define (__EMSCRIPTEN_(?:major|minor|tiny)__) (\d+)", done.stdout))
    return ".".join(found[n] for n in NAMES) if len(found) == 3 else None


@probe
def emscripten_version_macros():
    builtins = defines()
    version = subprocess.run([os.environ["PYWASM_EMCC"], "--version"], capture_output=True, text=True,
                             timeout=120).stdout
    m = re.search(r"(\d+\.\d+\.\d+)", version)
    predefined = all(n in builtins for n in NAMES)
    value = ".".join(builtins[n] for n in NAMES) if predefined else None
    header = from_header()
    return {
        "predefined": predefined,
        "predefined_value": value,
        "version_h": header,
        "emcc_version": m.group(1) if m else None,
        "matches_emcc": (value or header) == (m.group(1) if m else None),
    }
