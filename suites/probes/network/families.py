"""Observes which address family / socket type combinations socket.socket() can create."""
import socket

from pywasm_probe import probe


@probe
def families():
    created = {}
    for fam in ("AF_INET", "AF_INET6", "AF_UNIX", "AF_PACKET", "AF_NETLINK"):
        for typ in ("SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_SEQPACKET"):
            if not hasattr(socket, fam) or not hasattr(socket, typ):
                ok = False
            else:
                try:
                    socket.socket(getattr(socket, fam), getattr(socket, typ)).close()
                    ok = True
                except OSError:
                    ok = False
            created[fam + "/" + typ] = ok
    inet = ("AF_INET/SOCK_STREAM", "AF_INET/SOCK_DGRAM", "AF_INET6/SOCK_STREAM", "AF_INET6/SOCK_DGRAM")
    return {
        "inet_tcp_udp": {k: created[k] for k in inet},
        "others_created": sorted(k for k, ok in created.items() if ok and k not in inet),
    }
