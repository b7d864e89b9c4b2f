"""Observes whether os.chown() works as POSIX says: chown of a fresh file to another owner is either applied
(a privileged process) or refused with EPERM (an unprivileged one); silently ignored, or any other error, is not
working as expected. The result does not depend on running as root."""
import errno
import os
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def chown():
    chown = api("os.chown")
    path = os.path.join(tempfile.mkdtemp(), "f")
    open(path, "w").close()
    st = os.stat(path)
    target = (st.st_uid + 1, st.st_gid + 1)
    refused = None
    try:
        with under_test("os.chown(path, uid + 1, gid + 1)"):
            chown(path, *target)
    except OSError as e:
        refused = errno.errorcode.get(e.errno, str(e.errno))
    after = os.stat(path)
    applied = (after.st_uid, after.st_gid) == target
    return {"works_as_expected": applied if refused is None else refused == "EPERM",
            "applied": applied, "refused": refused, "uid_before": st.st_uid, "uid_after": after.st_uid}
