"""Observes select.select() with read, write and exception sets on sockets, zero timeout."""
import select
import socket

from pywasm_probe import probe, under_test


@probe
def select_select():
    with under_test('select.select on loopback sockets'):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client = socket.socket()
        client.setblocking(False)
        client.connect_ex(listener.getsockname())
        r, w, x = select.select([listener, client], [client], [listener, client], 0)
    return {"readable": len(r), "writable": len(w), "exceptional": len(x)}
