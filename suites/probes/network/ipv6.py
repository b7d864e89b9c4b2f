"""Observes socket.has_ipv6 and whether an AF_INET6 socket can bind to ::1."""
import socket

from pywasm_probe import probe


@probe
def ipv6():
    bound = None
    if hasattr(socket, "AF_INET6"):
        try:
            s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            s.bind(("::1", 0))
            s.close()
            bound = True
        except OSError as e:
            bound = "OSError " + str(e)[:80]
    return {"has_ipv6": socket.has_ipv6, "bind_loopback6": bound}
