"""Fault: prints two million short lines (about 30 MB), then reports; the host must end it at the output limit."""
from pywasm_probe import probe


@probe
def flood():
    for i in range(2_000_000):
        print("flood line", i)
    return "printed all"
