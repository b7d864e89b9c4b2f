"""Observes a blocking recvfrom() on a UDP socket that has already sent itself a datagram (must not wait on a real stack)."""
import socket

from pywasm_probe import probe, under_test


@probe
def blocking_recv():
    with under_test('blocking socket.recvfrom on UDP 127.0.0.1'):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        s.sendto(b"ping", s.getsockname())
        s.settimeout(None)  # blocking mode
        data, _ = s.recvfrom(16)
    return {"blocking_recv": data == b"ping", "blocking": s.getblocking()}
