"""Observes whether a file Node writes into the host's temp directory can be read from Python at the same path."""
import os

from pywasm_probe import module, probe, skip


@probe
def rawfs_access():
    try:
        js = module("js")
        fs = js.process.getBuiltinModule("fs")
        tmpdir = str(js.process.getBuiltinModule("os").tmpdir())
    except Exception as e:
        skip("cannot reach Node's fs module from Python: " + type(e).__name__)
    path = tmpdir + "/pywasm-compat-rawfs-" + str(js.process.pid)
    fs.writeFileSync(path, "written by node")
    try:
        with open(path) as f:
            seen = f.read()
    except OSError as e:
        seen = None
        error = type(e).__name__
    else:
        error = None
    finally:
        fs.rmSync(path, js.Object.fromEntries([["force", True]]))
    return {"host_file_visible": seen == "written by node", "error": error}
