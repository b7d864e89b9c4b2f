"""Observes what socket.gethostbyname("localhost") resolves to (a real resolver gives a 127.x address)."""
import socket

from pywasm_probe import probe


@probe
def gethostbyname():
    addr = socket.gethostbyname("localhost")
    return {"address": addr, "real_address": addr.startswith("127.")}
