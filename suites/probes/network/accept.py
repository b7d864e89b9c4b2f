"""Observes socket.accept() on a non-blocking 127.0.0.1 listener with one pending connection."""
import socket

from pywasm_probe import probe


@probe
def accept():
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
