"""Observes os.mkfifo() creating a FIFO."""
import os
import stat
import tempfile

from pywasm_probe import api, probe


@probe
def mkfifo():
    path = os.path.join(tempfile.mkdtemp(), "fifo")
    api("os.mkfifo")(path, 0o600)
    return {"is_fifo": stat.S_ISFIFO(os.stat(path).st_mode)}
