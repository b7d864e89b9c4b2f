"""Observes what CTRL+C does to running Python code, delivered as a terminal delivers it: SIGINT to the host
process (under Node.js: process.kill(process.pid, "SIGINT") on the Node process the runtime lives in; a native
POSIX process: os.kill), with Python's default SIGINT handler. Implemented = KeyboardInterrupt is
raised in the running code. A browser page has no terminal and no process to signal: inapplicable there; so is an
Emscripten runtime without a js module (CPython's own node build), whose os.kill is emulated in the runtime."""
import os
import signal

from pywasm_probe import emscripten_version, module, pause, probe, skip, under_test


def sigint_sender():
    try:
        js = module("js")
    except Exception:
        js = None
    if js is not None:
        process = getattr(js, "process", None)
        if process is None or not hasattr(process, "kill"):
            skip("a browser page: no terminal and no process for CTRL+C to signal")
        return "process.kill(process.pid, 'SIGINT') (Node.js)", lambda: process.kill(process.pid, "SIGINT")
    if os.environ.get("PYWASM_PAGE_GLOBALS"):
        skip("a browser page: no terminal and no process for CTRL+C to signal")
    built_with = emscripten_version()
    if built_with is not None:
        skip("an Emscripten %s runtime without a js module cannot signal its host process from Python: os.kill here "
             "is Emscripten's emulation, which calls the handler in place, not the SIGINT a terminal sends to the "
             "node process" % built_with)
    return "os.kill(os.getpid(), SIGINT)", lambda: os.kill(os.getpid(), signal.SIGINT)


@probe
def keyboard_interrupt():
    how, send = sigint_sender()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with under_test(how):
            send()
            for _ in range(40):
                pause(0.05)
    except KeyboardInterrupt:
        return {"keyboard_interrupt": True, "sent_with": how}
    return {"keyboard_interrupt": False, "sent_with": how}
