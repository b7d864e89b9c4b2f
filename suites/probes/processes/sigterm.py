"""Observes what happens when the process sends itself SIGTERM with the default disposition."""
import os
import signal

from pywasm_probe import api, pause, probe, under_test


@probe
def sigterm():
    with under_test('os.kill(getpid(), SIGTERM) with the default disposition'):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        api("os.kill")(os.getpid(), signal.SIGTERM)
        pause(0.5)
    return {"survived": True}
