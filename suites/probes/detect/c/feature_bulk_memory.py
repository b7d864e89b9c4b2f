"""Observes __wasm_bulk_memory__ as a feature detection flag: defined with -mbulk-memory, absent with -mno-bulk-memory."""
from pywasm_probe import feature_macro, probe


@probe
def feature_bulk_memory():
    return feature_macro("__wasm_bulk_memory__", ["-mbulk-memory"], ["-mno-bulk-memory"])
