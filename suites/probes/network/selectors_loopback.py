"""Observes whether selectors.DefaultSelector reports a pending TCP connection on a 127.0.0.1 listener."""
import socket

from pywasm_probe import module, probe, under_test


@probe
def selectors_loopback():
    selectors = module("selectors")
    with under_test('selectors.DefaultSelector.select on a listener with a pending connection'):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.setblocking(False)
        client = socket.socket()
        client.setblocking(False)
        client.connect_ex(listener.getsockname())
        sel = selectors.DefaultSelector()
        sel.register(listener, selectors.EVENT_READ)
        events = sel.select(timeout=1)
        sel.close()
    return {"listener_readable": any(key.fileobj is listener for key, _ in events),
            "selector": type(sel).__name__}
