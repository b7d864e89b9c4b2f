"""Observes whether a marker file written in the home directory by a previous page load is still there, then writes it."""
import os
import time

from pywasm_probe import probe

MARKER = os.path.join(os.path.expanduser("~"), ".pywasm-compat-memfs-marker")


@probe
def memfs_persistence():
    existed = os.path.exists(MARKER)
    with open(MARKER, "w") as f:
        f.write(str(time.time()))
    return {"marker_from_previous_load": existed, "marker": MARKER}
