"""Observes os.preadv() into two buffers at an offset."""
import os
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def preadv():
    preadv = api("os.preadv")
    fd, path = tempfile.mkstemp()
    try:
        os.write(fd, b"0123456789")
        a, b = bytearray(2), bytearray(3)
        with under_test('os.preadv(fd, [a, b], 4)'):
            n = preadv(fd, [a, b], 4)
        return {"n": n, "data": (a + b).decode()}
    finally:
        os.close(fd)
        os.unlink(path)
