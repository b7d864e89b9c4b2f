"""Observes os.nice(0) (which changes nothing)."""
from pywasm_probe import api, probe, under_test


@probe
def nice():
    with under_test('os.nice(0)'):
        return {"niceness": api("os.nice")(0)}
