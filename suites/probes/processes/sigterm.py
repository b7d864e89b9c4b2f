"""Observes what happens when the process sends itself SIGTERM with the default disposition."""
import os
import signal
import time

from pywasm_probe import api, probe, under_test


@probe
def sigterm():
    with under_test('os.kill(getpid(), SIGTERM) with the default disposition'):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        api("os.kill")(os.getpid(), signal.SIGTERM)
        time.sleep(0.5)
    return {"survived": True}
