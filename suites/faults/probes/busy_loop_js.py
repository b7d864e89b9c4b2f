"""Fault: spins in JavaScript forever through the js module, where Python's own checks never run."""
from pywasm_probe import probe


@probe
def busy_loop():
    import js

    js.eval("for (;;) {}")
