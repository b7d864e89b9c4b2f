"""Observes whether os.umask() changes the mode of new files: the same open(mode 0o666) under umask 0o077 and under 0o022 (whatever the host's own umask)."""
import os
import tempfile

from pywasm_probe import probe, under_test


def created_mode(directory, name, mask):
    path = os.path.join(directory, name)
    with under_test("os.umask(%s) then os.open(O_CREAT, 0o666)" % oct(mask)):
        old = os.umask(mask)
        try:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o666))
        finally:
            os.umask(old)
    return os.stat(path).st_mode & 0o777


@probe
def umask():
    d = tempfile.mkdtemp()
    strict, loose = created_mode(d, "strict", 0o077), created_mode(d, "loose", 0o022)
    return {"umask_applied": strict != loose, "mode_under_077": oct(strict), "mode_under_022": oct(loose)}
