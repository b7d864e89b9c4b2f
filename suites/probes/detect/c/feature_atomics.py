"""Observes __wasm_atomics__ as a feature detection flag: defined with -matomics, absent with -mno-atomics."""
from pywasm_probe import feature_macro, probe


@probe
def feature_atomics():
    return feature_macro("__wasm_atomics__", ["-matomics"], ["-mno-atomics"])
