"""Fault: reads stdin to its end; a host must give a probe no input, never one that waits forever."""
from pywasm_probe import probe


@probe
def read_stdin():
    import sys

    return {"read": len(sys.stdin.read())}
