"""Observes, once the runtime has loaded, the headers it was served with: COOP/COEP on this context's script, MIME types of the loaded .js/.mjs and .wasm.

That the probe runs at all is the observation the claim is judged on (the runtime loaded). CPython's own
browser build has no `js` module to ask the server with; on its harness page (which sets
PYWASM_PAGE_GLOBALS) the probe reports that it loaded and what the page's globals say, without headers.
"""
import json
import os
import sys

from pywasm_probe import module, probe, skip


def head(js, url):
    xhr = js.XMLHttpRequest.new()
    xhr.open("HEAD", url, False)  # synchronous: a probe is plain sequential Python
    xhr.send()
    return {name: xhr.getResponseHeader(name) for name in
            ("Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy", "Content-Type")}


def mime(headers):
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


@probe
def served_headers():
    try:
        js = module("js")
    except Exception:
        page = os.environ.get("PYWASM_PAGE_GLOBALS")
        if not page:
            skip("no js module: cannot see the page")
        info = getattr(sys, "_emscripten_info", None)
        return {"loaded": True, "headers": "not observable without a js module", "page_globals": json.loads(page),
                "shared_memory": getattr(info, "shared_memory", None), "pthreads": getattr(info, "pthreads", None)}
    if not hasattr(js, "location") or not hasattr(js, "XMLHttpRequest"):
        skip("not a browser context (no location / XMLHttpRequest)")
    own = head(js, js.location.href)
    urls = [str(e.name) for e in js.performance.getEntriesByType("resource")]
    scripts = [u for u in urls if u.split("?")[0].endswith((".js", ".mjs"))]
    wasm = [u for u in urls if u.split("?")[0].endswith(".wasm")]
    script_mimes = sorted({mime(head(js, u)) for u in scripts})
    wasm_mimes = sorted({mime(head(js, u)) for u in wasm})
    return {
        "cross_origin_headers": own["Cross-Origin-Opener-Policy"] == "same-origin"
        and own["Cross-Origin-Embedder-Policy"] == "require-corp",
        "js_mime_ok": bool(script_mimes) and all(m in ("text/javascript", "application/javascript") for m in script_mimes),
        "wasm_mime_ok": wasm_mimes == ["application/wasm"],
        "script_mimes": script_mimes,
        "wasm_mimes": wasm_mimes,
    }
