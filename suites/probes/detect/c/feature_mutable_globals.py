"""Observes __wasm_mutable_globals__ as a feature detection flag: defined with -mmutable-globals, absent with -mno-mutable-globals."""
from pywasm_probe import feature_macro, probe


@probe
def feature_mutable_globals():
    return feature_macro("__wasm_mutable_globals__", ["-mmutable-globals"], ["-mno-mutable-globals"])
