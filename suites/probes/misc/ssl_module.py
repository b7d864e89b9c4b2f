"""Observes importing ssl and whether its TLS engine works offline: a client handshake on memory BIOs must emit a ClientHello."""
from pywasm_probe import module, probe, under_test


@probe
def ssl_module():
    ssl = module("ssl")
    with under_test('ssl: a TLS client handshake into a MemoryBIO'):
        ctx = ssl.create_default_context()
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")
        try:
            tls.do_handshake()
        except ssl.SSLWantReadError:
            pass
        hello = outgoing.read()
    return {"tls_engine": len(hello) > 5 and hello[0] == 0x16, "openssl": ssl.OPENSSL_VERSION}
