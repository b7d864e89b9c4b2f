"""Observes whether signal.setitimer(ITIMER_REAL, 0.2) delivers SIGALRM to a Python handler within 2 s."""
import signal
import time

from pywasm_probe import api, pause, probe, under_test


@probe
def signal_setitimer():
    with under_test('signal.setitimer(ITIMER_REAL) and its SIGALRM handler'):
        setitimer = api("signal.setitimer")
        fired = []
        signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
        setitimer(api("signal.ITIMER_REAL"), 0.2)
        deadline = time.monotonic() + 2
        while not fired and time.monotonic() < deadline:
            pause(0.05)
        setitimer(signal.ITIMER_REAL, 0)
    return {"handler_called": bool(fired), "getitimer_after": list(signal.getitimer(signal.ITIMER_REAL))}
