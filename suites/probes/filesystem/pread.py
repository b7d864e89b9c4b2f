"""Observes os.pread() at an offset."""
import os
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def pread():
    pread = api("os.pread")
    fd, path = tempfile.mkstemp()
    try:
        os.write(fd, b"0123456789")
        with under_test('os.pread(fd, 3, 4)'):
            return {"data": pread(fd, 3, 4).decode()}
    finally:
        os.close(fd)
        os.unlink(path)
