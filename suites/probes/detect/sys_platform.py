"""Observes sys.platform."""
import sys

from pywasm_probe import probe


@probe
def sys_platform():
    return sys.platform
