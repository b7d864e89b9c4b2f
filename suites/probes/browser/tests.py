"""Observes whether the stdlib test suite (the test package and test.support) is shipped."""
from pywasm_probe import module, probe


@probe
def tests():
    module("test")
    module("test.support")
    return {"shipped": True}
