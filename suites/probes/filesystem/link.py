"""Observes os.link(): does a hard link share the inode and link count?"""
import os
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def link():
    link = api("os.link")
    d = tempfile.mkdtemp()
    a, b = os.path.join(d, "a"), os.path.join(d, "b")
    with open(a, "w") as f:
        f.write("x")
    with under_test('os.link(a, b)'):
        link(a, b)
    sa, sb = os.stat(a), os.stat(b)
    return {"same_inode": sa.st_ino == sb.st_ino, "nlink": sa.st_nlink}
