"""Observes whether plain sockets work on loopback: bind assigns a port, a UDP datagram to oneself arrives, a TCP connect is accepted."""
import socket

from pywasm_probe import pause, probe, under_test


@probe
def socket_loopback():
    with under_test('socket: UDP bind, sendto and recvfrom on 127.0.0.1'):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        port = udp.getsockname()[1]
        udp.setblocking(False)
        udp.sendto(b"ping", ("127.0.0.1", port))
        got = None
        for _ in range(20):  # up to ~1 s, never blocking
            try:
                got = udp.recvfrom(16)[0]
                break
            except BlockingIOError:
                pause(0.05)
        udp.close()
    return {"works": port != 0 and got == b"ping", "bind_assigned_port": port != 0, "udp_roundtrip": got == b"ping"}
