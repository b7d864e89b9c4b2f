"""Observes os.uname().machine and whether it starts with "wasm"."""
import os

from pywasm_probe import api, probe, under_test


@probe
def uname_machine():
    with under_test('os.uname()'):
        machine = api("os.uname")().machine
    return {"machine": machine, "startswith_wasm": machine.startswith("wasm")}
