"""Observes whether SIGINT (what CTRL+C sends) raises KeyboardInterrupt in running Python code."""
import os
import signal
import time

from pywasm_probe import api, probe


@probe
def keyboard_interrupt():
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        api("os.kill")(os.getpid(), signal.SIGINT)
        for _ in range(20):
            time.sleep(0.05)
    except KeyboardInterrupt:
        return {"keyboard_interrupt": True}
    return {"keyboard_interrupt": False}
