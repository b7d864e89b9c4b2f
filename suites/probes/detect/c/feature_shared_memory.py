"""Observes __EMSCRIPTEN_SHARED_MEMORY__ as a feature detection flag: defined with -pthread, absent with no flag."""
from pywasm_probe import feature_macro, probe


@probe
def feature_shared_memory():
    return feature_macro("__EMSCRIPTEN_SHARED_MEMORY__", ["-pthread"], [])
