"""Observes pwd.getpwuid() for the current user id."""
import os

from pywasm_probe import module, probe


@probe
def pwd_module():
    entry = module("pwd").getpwuid(os.getuid())
    return {"uid": entry.pw_uid, "has_name": bool(entry.pw_name), "has_dir": bool(entry.pw_dir)}
