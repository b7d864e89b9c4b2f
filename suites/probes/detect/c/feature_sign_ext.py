"""Observes __wasm_sign_ext__ as a feature detection flag: defined with -msign-ext, absent with -mno-sign-ext."""
from pywasm_probe import feature_macro, probe


@probe
def feature_sign_ext():
    return feature_macro("__wasm_sign_ext__", ["-msign-ext"], ["-mno-sign-ext"])
