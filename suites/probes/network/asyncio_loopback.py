"""Observes whether asyncio's own selector event loop can run a TCP echo over 127.0.0.1."""
from pywasm_probe import module, probe, under_test


@probe
def asyncio_loopback():
    asyncio = module("asyncio")

    async def echo(reader, writer):
        writer.write(await reader.read(16))
        await writer.drain()
        writer.close()

    async def main():
        server = await asyncio.start_server(echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"ping")
        await writer.drain()
        data = await reader.read(16)
        writer.close()
        server.close()
        return {"echo": data == b"ping", "port": port}

    with under_test('asyncio.SelectorEventLoop: TCP echo over 127.0.0.1'):
        loop = asyncio.SelectorEventLoop()  # the stdlib loop, not a host-provided one
        try:
            return loop.run_until_complete(asyncio.wait_for(main(), 5))
        finally:
            loop.close()
