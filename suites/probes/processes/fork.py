"""Observes os.fork() (the child, if any, exits at once)."""
import os

from pywasm_probe import api, probe, under_test


@probe
def fork():
    with under_test('os.fork()'):
        pid = api("os.fork")()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return {"forked": True}
