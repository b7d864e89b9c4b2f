"""Observes a non-blocking TCP connect to a 127.0.0.1 listener: port assigned, connect result, bytes sent, listener readiness."""
import errno
import socket

from pywasm_probe import pause, probe, under_test


@probe
def nonblocking_tcp():
    with under_test('non-blocking TCP connect_ex to a 127.0.0.1 listener'):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        client = socket.socket()
        client.setblocking(False)
        rc = client.connect_ex(("127.0.0.1", port))
        pause(0.2)
        so_error = client.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    try:
        peer = client.getpeername()
    except OSError as e:
        peer = "OSError " + str(errno.errorcode.get(e.errno))
    works = port != 0 and rc in (0, errno.EINPROGRESS) and so_error == 0 and isinstance(peer, tuple) and peer[1] == port
    return {"works": works, "listener_port": port, "connect_ex": errno.errorcode.get(rc, rc),
            "so_error": errno.errorcode.get(so_error, so_error), "peer": peer}
