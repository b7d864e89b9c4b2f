"""Observes os.lchown() on a symlink, keeping its owner."""
import os
import tempfile

from pywasm_probe import api, probe


@probe
def lchown():
    lchown = api("os.lchown")
    d = tempfile.mkdtemp()
    link = os.path.join(d, "link")
    os.symlink(os.path.join(d, "target"), link)
    st = os.lstat(link)
    lchown(link, st.st_uid, st.st_gid)
    return {"called": True}
