"""Fault: allocates until the runtime's memory is gone, holding on to everything."""
from pywasm_probe import probe, under_test


@probe
def exhaust():
    hold = []
    with under_test("bytearray allocation"):
        while True:
            hold.append(bytearray(64 << 20))
