"""Observes whether the distutils package is shipped (importable)."""
from pywasm_probe import module, probe


@probe
def shipped():
    mod = module("distutils")
    return {"shipped": True, "file": (getattr(mod, "__file__", None) or "")[-60:]}
