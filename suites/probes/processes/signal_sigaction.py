"""Observes whether a handler installed with signal.signal (sigaction) runs when the process sends itself SIGUSR1."""
import os
import signal

from pywasm_probe import api, pause, probe, under_test


@probe
def signal_sigaction():
    with under_test('signal.signal(SIGUSR1) and os.kill(getpid(), SIGUSR1)'):
        sigusr1 = api("signal.SIGUSR1")
        fired = []
        previous = signal.signal(sigusr1, lambda signum, frame: fired.append(signum))
        installed = signal.getsignal(sigusr1) is not previous
        api("os.kill")(os.getpid(), sigusr1)
        for _ in range(20):  # handlers run between bytecodes
            if fired:
                break
            pause(0.05)
    return {"handler_installed": installed, "handler_called": bool(fired)}
