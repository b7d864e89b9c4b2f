"""Observes what socket.gethostbyname("localhost") resolves to (a real resolver gives a 127.x address)."""
import socket

from pywasm_probe import probe, under_test


@probe
def gethostbyname():
    with under_test('socket.gethostbyname("localhost")'):
        addr = socket.gethostbyname("localhost")
    return {"address": addr, "real_address": addr.startswith("127.")}
