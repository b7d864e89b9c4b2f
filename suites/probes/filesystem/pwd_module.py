"""Observes pwd.getpwuid() for the current user id."""
import os

from pywasm_probe import module, probe, under_test


@probe
def pwd_module():
    with under_test('pwd.getpwuid(os.getuid())'):
        entry = module("pwd").getpwuid(os.getuid())
    return {"uid": entry.pw_uid, "has_name": bool(entry.pw_name), "has_dir": bool(entry.pw_dir)}
