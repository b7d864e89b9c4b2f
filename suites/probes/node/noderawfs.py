"""Observes whether Python's "/" is the host's root directory (NODERAWFS) rather than an in-memory file system."""
import os

from pywasm_probe import probe


def host_root():
    try:
        import js
        fs = js.process.getBuiltinModule("fs")
        return sorted(str(n) for n in fs.readdirSync("/"))
    except Exception:  # no js module or an older Node: fall back to a heuristic
        return None


@probe
def noderawfs():
    mine = sorted(os.listdir("/"))
    host = host_root()
    same = mine == host if host is not None else (os.path.isdir("/usr") and os.path.isdir("/etc"))
    return {"host_root_visible": same, "root": mine[:20], "compared_with_node_fs": host is not None}
