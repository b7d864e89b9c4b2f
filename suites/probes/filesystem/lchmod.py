"""Observes os.lchmod() on a symlink."""
import os
import tempfile

from pywasm_probe import api, probe


@probe
def lchmod():
    lchmod = api("os.lchmod")
    d = tempfile.mkdtemp()
    link = os.path.join(d, "link")
    os.symlink(os.path.join(d, "target"), link)
    lchmod(link, 0o700)
    return {"called": True, "mode": oct(os.lstat(link).st_mode & 0o777)}
