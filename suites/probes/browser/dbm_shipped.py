"""Observes whether the dbm package is shipped (importable)."""
from pywasm_probe import module, probe


@probe
def shipped():
    mod = module("dbm")
    return {"shipped": True, "file": (getattr(mod, "__file__", None) or "")[-60:]}
