"""Observes whether os.umask(0o077) is applied to the mode of a file created with mode 0o666."""
import os
import tempfile

from pywasm_probe import probe


@probe
def umask():
    path = os.path.join(tempfile.mkdtemp(), "f")
    old = os.umask(0o077)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o666))
        mode = os.stat(path).st_mode & 0o777
        current = os.umask(0o077)
    finally:
        os.umask(old)
    return {"umask_applied": mode == 0o600, "mode": oct(mode), "umask_reads_back": current == 0o077}
