"""Observes whether an AF_UNIX stream socket can bind and listen on a path."""
import os
import socket
import tempfile

from pywasm_probe import api, probe, under_test


@probe
def af_unix():
    family = api("socket.AF_UNIX")
    path = os.path.join(tempfile.mkdtemp(), "s")
    with under_test('socket.socket(AF_UNIX).bind(path)'):
        s = socket.socket(family, socket.SOCK_STREAM)
        s.bind(path)
        s.listen(1)
        s.close()
    return {"bound": os.path.exists(path)}
