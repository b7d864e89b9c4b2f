"""Observes __wasm_simd128__ as a feature detection flag: defined with -msimd128, absent with -mno-simd128."""
from pywasm_probe import feature_macro, probe


@probe
def feature_simd128():
    return feature_macro("__wasm_simd128__", ["-msimd128"], ["-mno-simd128"])
