"""Observes __EMSCRIPTEN_PTHREADS__ as a feature detection flag: defined with -pthread, absent with no flag."""
from pywasm_probe import feature_macro, probe


@probe
def feature_pthreads():
    return feature_macro("__EMSCRIPTEN_PTHREADS__", ["-pthread"], [])
