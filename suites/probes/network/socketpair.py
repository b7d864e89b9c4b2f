"""Observes whether socket.socketpair() returns a connected pair that carries bytes."""
from pywasm_probe import api, probe, under_test


@probe
def socketpair():
    with under_test('socket.socketpair and a send/recv over it'):
        a, b = api("socket.socketpair")()
        a.sendall(b"ping")
        b.setblocking(False)
        data = b.recv(16)
    return {"roundtrip": data == b"ping"}
