"""Observes whether signal.alarm(1) delivers SIGALRM to a Python handler within 2 s."""
import signal
import time

from pywasm_probe import api, pause, probe, under_test


@probe
def signal_alarm():
    with under_test('signal.alarm(1) and its SIGALRM handler'):
        alarm = api("signal.alarm")
        fired = []
        signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
        alarm(1)
        deadline = time.monotonic() + 2
        while not fired and time.monotonic() < deadline:
            pause(0.05)
        alarm(0)
    return {"handler_called": bool(fired)}
