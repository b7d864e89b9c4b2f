"""Fault: allocates until the runtime's memory is gone, holding on to everything."""
from pywasm_probe import probe


@probe
def exhaust():
    hold = []
    while True:
        hold.append(bytearray(64 << 20))
