"""The README's simple REPL terminal page (python.html) and its SharedArrayBuffer use."""
from pywasm_probe import probe, skip


@probe
def repl_terminal():
    skip("concerns the JavaScript of the REPL terminal page, not the Python runtime; a probe runs inside the runtime")
