"""Observes os.popen() running a trivial shell command."""
from pywasm_probe import api, probe, under_test


@probe
def popen():
    with under_test('os.popen("echo pywasm")'):
        with api("os.popen")("echo pywasm") as pipe:
            out = pipe.read()
    return {"output": out.strip()}
