"""Observes whether Python's main thread runs in a worker (PROXY_TO_PTHREAD) or on the host's main JavaScript thread."""
from pywasm_probe import module, probe, skip


@probe
def proxy_to_pthread():
    try:
        js = module("js")
        worker_threads = js.process.getBuiltinModule("worker_threads")
    except Exception as e:
        skip("cannot reach Node's worker_threads module from Python: " + type(e).__name__)
    return {"python_in_worker": not worker_threads.isMainThread}
