"""Observes os.lchmod() on a symlink."""
import os
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def lchmod():
    lchmod = api("os.lchmod")
    d = tempfile.mkdtemp()
    link = os.path.join(d, "link")
    os.symlink(os.path.join(d, "target"), link)
    with under_test('os.lchmod(symlink, 0o700)'):
        lchmod(link, 0o700)
    return {"called": True, "mode": oct(os.lstat(link).st_mode & 0o777)}
