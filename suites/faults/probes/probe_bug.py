"""Fault: a bug in the probe itself (an uncaught exception outside the observed call)."""
from pywasm_probe import report

report({"outcome": "returned", "value": 1 / 0})
