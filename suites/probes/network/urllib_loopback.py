"""Observes whether urllib.request can fetch an HTTP response from a one-shot server on 127.0.0.1 in the same thread."""
import socket

from pywasm_probe import module, probe, under_test


@probe
def urllib_loopback():
    request = module("urllib.request")
    http_client = module("http.client")
    with under_test('urllib.request: GET from a one-shot server on 127.0.0.1'):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]

        class ServeThenRead(http_client.HTTPConnection):
            def getresponse(self):  # the request is sent: answer it from this thread, then read
                conn, _ = listener.accept()
                conn.recv(4096)
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\npong")
                conn.close()
                return super().getresponse()

        class Handler(request.HTTPHandler):
            def http_open(self, req):
                return self.do_open(ServeThenRead, req)

        with request.build_opener(Handler).open(f"http://127.0.0.1:{port}/", timeout=3) as resp:
            body = resp.read()
    listener.close()
    return {"fetched": body == b"pong", "status": resp.status}
