"""Observes whether Python's main thread runs in a worker (PROXY_TO_PTHREAD) or on the host's main JavaScript thread."""
from pywasm_probe import module, probe, skip


@probe
def proxy_to_pthread():
    try:
        js = module("js")
        worker_threads = js.process.getBuiltinModule("worker_threads")
    except Exception as e:
        skip("cannot reach Node's worker_threads module from Python: " + type(e).__name__)
    # The harness may run the runtime in a worker thread of its own (pooled isolation) and marks that
    # thread's globals; a thread the runtime started for PROXY_TO_PTHREAD carries no such mark.
    harness_worker = bool(getattr(js, "pywasmHarnessWorker", False))
    return {"python_in_worker": not worker_threads.isMainThread and not harness_worker,
            "harness_worker": harness_worker}
