"""Observes grp.getgrgid() for the current group id."""
import os

from pywasm_probe import module, probe, under_test


@probe
def grp_module():
    with under_test('grp.getgrgid(os.getgid())'):
        entry = module("grp").getgrgid(os.getgid())
    return {"gid": entry.gr_gid, "has_name": bool(entry.gr_name)}
