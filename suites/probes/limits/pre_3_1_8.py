"""Observes whether the runtime is built with an Emscripten before 3.1.8, the toolchains the README warns about.
The bugs are not named, so only the premise is checkable: a build with 3.1.8 or newer is outside the warning
(inapplicable, with its version); an older build is what the warning is about."""
import platform
import re
import sys

from pywasm_probe import probe, skip


@probe
def pre_3_1_8():
    info = getattr(sys, "_emscripten_info", None)
    if info is not None and getattr(info, "emscripten_version", None):
        v = ".".join(str(part) for part in info.emscripten_version)
    else:
        m = re.search(r"Emscripten-(\d+(?:\.\d+)*)", platform.platform())
        if m is None:
            skip("not an Emscripten runtime: platform.platform() is " + platform.platform())
        v = m.group(1)
    if tuple(int(p) for p in v.split(".")) >= (3, 1, 8):
        skip("built with Emscripten %s: the warning is about toolchains before 3.1.8" % v)
    return {"before_3_1_8": True, "emscripten": v}
