"""Observes that Python runs on a page that has no SharedArrayBuffer (served without cross-origin isolation).

The browser's globals are read as in sab_isolation.py: Pyodide's `js` module, or, for CPython's own
browser build (no `js` module), the page's globals its harness page hands over as PYWASM_PAGE_GLOBALS.
Reaching the end of this function at all is the observation: a runtime that needs SharedArrayBuffer never
gets here (the cell is TIMEOUT or CRASH instead).
"""
import json
import os
import sys

from pywasm_probe import module, probe, skip


def shared_array_buffer():
    try:
        js = module("js")
    except Exception:
        page = os.environ.get("PYWASM_PAGE_GLOBALS")
        if not page:
            skip("no js module and no PYWASM_PAGE_GLOBALS: cannot see the browser's globals")
        return bool(json.loads(page)["SharedArrayBuffer"])
    if not hasattr(js, "location"):
        skip("not a browser page (no location)")
    return hasattr(js, "SharedArrayBuffer")


@probe
def python_without_sab():
    if shared_array_buffer():
        skip("the page has SharedArrayBuffer; the claim is about a page without it")
    return {"python_ran": sum(range(10)) == 45, "shared_array_buffer": False, "version": sys.version.split()[0]}
