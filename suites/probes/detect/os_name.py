"""Observes os.name."""
import os

from pywasm_probe import probe


@probe
def os_name():
    return os.name
