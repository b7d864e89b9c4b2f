"""Observes whether the runtime is built with an Emscripten before 3.1.8, the toolchains the README warns about.
The bugs are not named, so only the premise is checkable: a build with 3.1.8 or newer is outside the warning
(inapplicable, with its version); an older build is what the warning is about."""
import platform

from pywasm_probe import emscripten_version, older_than, probe, skip


@probe
def pre_3_1_8():
    v = emscripten_version()
    if v is None:
        skip("not an Emscripten runtime: platform.platform() is " + platform.platform())
    if not older_than(v, "3.1.8"):
        skip("built with Emscripten %s: the warning is about toolchains before 3.1.8" % v)
    return {"before_3_1_8": True, "emscripten": v}
