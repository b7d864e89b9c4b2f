"""Observes how a pure-Python stdlib module (json) is shipped: as pre-compiled .pyc, or as .py source."""
import json

from pywasm_probe import probe


@probe
def pyc():
    spec = json.__spec__
    origin = spec.origin or ""
    try:
        source = json.__loader__.get_source("json")
    except (ImportError, OSError):
        source = None
    return {"precompiled": origin.endswith(".pyc") or source is None, "origin": origin[-60:],
            "source_shipped": source is not None, "loader": type(json.__loader__).__name__}
