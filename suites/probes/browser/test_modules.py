"""Observes whether CPython's C test modules are built: imports _testcapi and calls one of its functions."""
from pywasm_probe import module, probe


@probe
def test_modules():
    testcapi = module("_testcapi")
    return {"imported": True, "INT_MAX": getattr(testcapi, "INT_MAX", None)}
