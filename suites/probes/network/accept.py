"""Observes socket.accept() on a non-blocking 127.0.0.1 listener with one pending connection."""
import socket

from pywasm_probe import probe, under_test


@probe
def accept():
    with under_test('socket.accept on a non-blocking listener'):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client = socket.socket()
        client.setblocking(False)
        client.connect_ex(listener.getsockname())
        listener.setblocking(False)
        conn, addr = listener.accept()
        conn.close()
    return {"accepted": True, "peer_is_loopback": addr[0] == "127.0.0.1"}
