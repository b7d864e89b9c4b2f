"""Observes os.uname().machine and whether it starts with "wasm"."""
import os

from pywasm_probe import api, probe


@probe
def uname_machine():
    machine = api("os.uname")().machine
    return {"machine": machine, "startswith_wasm": machine.startswith("wasm")}
