"""Observes grp.getgrgid() for the current group id."""
import os

from pywasm_probe import module, probe


@probe
def grp_module():
    entry = module("grp").getgrgid(os.getgid())
    return {"gid": entry.gr_gid, "has_name": bool(entry.gr_name)}
