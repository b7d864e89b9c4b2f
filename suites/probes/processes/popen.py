"""Observes os.popen() running a trivial shell command."""
from pywasm_probe import api, probe


@probe
def popen():
    with api("os.popen")("echo pywasm") as pipe:
        out = pipe.read()
    return {"output": out.strip()}
