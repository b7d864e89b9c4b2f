"""Observes, in a browser page, whether SharedArrayBuffer is offered only when the page is cross-origin isolated."""
from pywasm_probe import module, probe, skip


@probe
def sab_isolation():
    try:
        js = module("js")
    except Exception:
        skip("no js module: cannot see the browser's globals")
    if not hasattr(js, "crossOriginIsolated") or not hasattr(js, "location"):
        skip("not a browser page (no crossOriginIsolated / location)")
    isolated = bool(js.crossOriginIsolated)
    sab = hasattr(js, "SharedArrayBuffer")
    return {"sab_only_when_isolated": isolated or not sab, "cross_origin_isolated": isolated,
            "shared_array_buffer": sab, "secure_context": bool(getattr(js, "isSecureContext", False))}
