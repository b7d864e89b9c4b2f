"""Observes os.getpid(): the id of the process the probe runs in, whatever the runtime says it is."""
from pywasm_probe import api, probe


@probe
def getpid():
    return {"pid": api("os.getpid")()}
