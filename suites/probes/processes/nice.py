"""Observes os.nice(0) (which changes nothing)."""
from pywasm_probe import api, probe


@probe
def nice():
    return {"niceness": api("os.nice")(0)}
