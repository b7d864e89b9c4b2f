"""Observes which of the README's node flags the host runtime was started with (process.execArgv)."""
from pywasm_probe import module, probe, skip


@probe
def node_flags():
    try:
        js = module("js")
    except Exception:
        skip("no js module: cannot see the host's command line")
    if not hasattr(js, "process") or not hasattr(js.process, "execArgv"):
        skip("the host is not Node.js (no process.execArgv)")
    argv = list(js.process.execArgv.to_py())
    return {
        "experimental-wasm-threads": "--experimental-wasm-threads" in argv,
        "experimental-wasm-bulk-memory": "--experimental-wasm-bulk-memory" in argv,
        "node": str(js.process.version),
        "execArgv": argv[:10],
    }
