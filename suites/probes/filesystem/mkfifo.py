"""Observes os.mkfifo() creating a FIFO."""
import os
import stat
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def mkfifo():
    path = os.path.join(tempfile.mkdtemp(), "fifo")
    with under_test('os.mkfifo(path)'):
        api("os.mkfifo")(path, 0o600)
    return {"is_fifo": stat.S_ISFIFO(os.stat(path).st_mode)}
