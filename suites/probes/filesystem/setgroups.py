"""Observes os.setgroups() with the process's current supplementary groups (a no-change call)."""
import os

from pywasm_probe import api, probe, under_test


@probe
def setgroups():
    groups = os.getgroups() if hasattr(os, "getgroups") else [os.getgid()]
    with under_test('os.setgroups(os.getgroups())'):
        api("os.setgroups")(groups)
    return {"set": True, "groups": len(groups)}
