"""Observes whether IPv6 is available: an AF_INET6 UDP socket binds to ::1, gets a port, and a datagram sent to itself arrives."""
import socket

from pywasm_probe import pause, probe, under_test


@probe
def ipv6():
    if not hasattr(socket, "AF_INET6"):
        return {"available": False, "has_ipv6": socket.has_ipv6, "why": "no socket.AF_INET6"}
    try:
        with under_test("socket.socket(AF_INET6, SOCK_DGRAM).bind(('::1', 0))"):
            s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            s.bind(("::1", 0))
            port = s.getsockname()[1]
            s.setblocking(False)
            s.sendto(b"ping", ("::1", port))
    except OSError as e:
        return {"available": False, "has_ipv6": socket.has_ipv6,
                "why": "%s [%s]" % (type(e).__name__, __import__("errno").errorcode.get(e.errno, e.errno))}
    got = None
    for _ in range(20):  # up to ~1 s, never blocking
        try:
            got = s.recvfrom(16)[0]
            break
        except BlockingIOError:
            pause(0.05)
    s.close()
    return {"available": port != 0 and got == b"ping", "has_ipv6": socket.has_ipv6, "port_assigned": port != 0,
            "roundtrip": got == b"ping"}
