"""Observes os.mknod() creating a FIFO node."""
import os
import stat
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def mknod():
    path = os.path.join(tempfile.mkdtemp(), "node")
    with under_test('os.mknod(path, S_IFIFO)'):
        api("os.mknod")(path, 0o600 | stat.S_IFIFO)
    return {"is_fifo": stat.S_ISFIFO(os.stat(path).st_mode)}
