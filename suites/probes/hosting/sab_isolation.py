"""Observes, in a browser page, whether SharedArrayBuffer is offered exactly when the page is cross-origin isolated
(provided with isolation, absent without it: both halves of the README's sentence, on every serving mode).

Pyodide's `js` module shows the globals of the probe's own JavaScript context. CPython's own browser
build has no `js` module; its harness page hands the same globals of the page Python runs on to the
probe as the environment variable PYWASM_PAGE_GLOBALS (JSON), read here instead.
"""
import json
import os

from pywasm_probe import module, probe, skip


def browser_globals():
    try:
        js = module("js")
    except Exception:
        page = os.environ.get("PYWASM_PAGE_GLOBALS")
        if not page:
            skip("no js module and no PYWASM_PAGE_GLOBALS: cannot see the browser's globals")
        seen = json.loads(page)
        return (bool(seen["crossOriginIsolated"]), bool(seen["SharedArrayBuffer"]), bool(seen.get("isSecureContext")),
                "the page Python runs on, through PYWASM_PAGE_GLOBALS (no js module)")
    if not hasattr(js, "crossOriginIsolated") or not hasattr(js, "location"):
        skip("not a browser page (no crossOriginIsolated / location)")
    return (bool(js.crossOriginIsolated), hasattr(js, "SharedArrayBuffer"), bool(getattr(js, "isSecureContext", False)),
            "the js module")


@probe
def sab_isolation():
    isolated, sab, secure, seen_through = browser_globals()
    return {"sab_iff_isolated": isolated == sab, "cross_origin_isolated": isolated,
            "shared_array_buffer": sab, "secure_context": secure, "seen_through": seen_through}
