"""A real HTTP server on 127.0.0.1 for the URL checks, counting what it sees."""
from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
BIG = 64 * 1024 * 1024  # bytes the /big.jpg GET would send if the client read it all


class Routes:
    """path -> callable(method, nth request for this path) -> (status, headers, body, delay)."""

    def __init__(self):
        self.table = {}

    def add(self, path, fn):
        self.table[path] = fn


def image(method, n):
    return 200, {"Content-Type": "image/jpeg"}, JPEG, 0


def standard_routes(slow_seconds: float = 2.0) -> Routes:
    r = Routes()
    r.add("/img.jpg", image)
    r.add("/final.jpg", image)
    r.add("/missing.jpg", lambda m, n: (404, {"Content-Type": "text/html"}, b"<h1>no</h1>", 0))
    r.add("/flaky.jpg", lambda m, n: (500, {}, b"oops", 0) if n == 1 else image(m, n))
    r.add("/busy.jpg", lambda m, n: (429, {"Retry-After": "1"}, b"", 0) if n == 1 else image(m, n))
    r.add("/always-busy.jpg", lambda m, n: (429, {"Retry-After": "1"}, b"", 0))
    r.add("/loop.jpg", lambda m, n: (301, {"Location": "/loop.jpg"}, b"", 0))
    r.add("/slow.jpg", lambda m, n: (200, {"Content-Type": "image/jpeg"}, JPEG, slow_seconds))
    r.add("/r1.jpg", lambda m, n: (301, {"Location": "/r2.jpg"}, b"", 0))
    r.add("/r2.jpg", lambda m, n: (301, {"Location": "/final.jpg"}, b"", 0))
    r.add("/temporary.jpg", lambda m, n: (302, {"Location": "/final.jpg"}, b"", 0))
    r.add("/to-metadata.jpg", lambda m, n: (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"", 0))
    r.add("/page.html", lambda m, n: (200, {"Content-Type": "text/html; charset=utf-8"}, b"<html>hi</html>", 0))
    r.add("/nohead.jpg", lambda m, n: (405, {"Allow": "GET"}, b"", 0) if m == "HEAD" else image(m, n))
    r.add("/big.jpg", lambda m, n: (405, {}, b"", 0) if m == "HEAD" else (200, {"Content-Type": "image/jpeg"}, BIG, 0))
    return r


class CountingServer:
    def __init__(self, routes: Routes, host: str = "127.0.0.1"):
        self.routes = routes
        self.hits: Counter = Counter()
        self.methods: list[tuple[str, str]] = []
        self.headers: list[dict] = []
        self.body_bytes_sent = 0
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _serve(self):
                path = self.path.split("?", 1)[0]
                with outer._lock:
                    outer.hits[path] += 1
                    n = outer.hits[path]
                    outer.methods.append((self.command, path))
                    outer.headers.append(dict(self.headers))
                fn = outer.routes.table.get(path)
                status, headers, body, delay = fn(self.command, n) if fn else (404, {}, b"", 0)
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    size = body if isinstance(body, int) else len(body)
                    self.send_header("Content-Length", str(size))
                    self.end_headers()
                    if self.command == "HEAD":
                        return
                    if not isinstance(body, int):
                        self.wfile.write(body)
                        with outer._lock:
                            outer.body_bytes_sent += len(body)
                        return
                    chunk = b"\0" * 65536
                    while size > 0:  # a large body, sent until the client hangs up
                        piece = chunk[: min(size, len(chunk))]
                        self.wfile.write(piece)
                        size -= len(piece)
                        with outer._lock:
                            outer.body_bytes_sent += len(piece)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = _serve
            do_HEAD = _serve

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request, client_address):
                pass  # the checker closes connections early on purpose

        self.httpd = Server((host, 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def total(self) -> int:
        return sum(self.hits.values())
