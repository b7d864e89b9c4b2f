"""Observes os.lchown() on a symlink, keeping its owner."""
import os
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def lchown():
    lchown = api("os.lchown")
    d = tempfile.mkdtemp()
    link = os.path.join(d, "link")
    os.symlink(os.path.join(d, "target"), link)
    st = os.lstat(link)
    with under_test('os.lchown(symlink)'):
        lchown(link, st.st_uid, st.st_gid)
    return {"called": True}
