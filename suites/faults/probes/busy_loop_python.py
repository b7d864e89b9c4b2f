"""Fault: spins in Python forever; the host must end it at the probe's timeout."""
from pywasm_probe import probe


@probe
def busy_loop():
    while True:
        pass
