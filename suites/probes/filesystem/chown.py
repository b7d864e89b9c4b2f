"""Observes os.chown() of a fresh file to uid+1/gid+1: is the new owner recorded?"""
import os
import tempfile

from pywasm_probe import api, probe


@probe
def chown():
    chown = api("os.chown")
    fd, path = tempfile.mkstemp()
    os.close(fd)
    st = os.stat(path)
    try:
        chown(path, st.st_uid + 1, st.st_gid + 1)
        after = os.stat(path)
    finally:
        os.unlink(path)
    return {"applied": (after.st_uid, after.st_gid) == (st.st_uid + 1, st.st_gid + 1),
            "uid_before": st.st_uid, "uid_after": after.st_uid}
