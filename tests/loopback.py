"""A scriptable HTTP server on 127.0.0.1 for tests: feeds, pages and misbehaving hosts.

Each path gets a :class:`Route`; a route can answer with a sequence of responses (500 then
200), honour conditional GET, stall, or redirect. Unknown paths get 404.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0  # seconds to sleep before answering
    trickle: float = 0.0  # seconds between body bytes chunks (a slow server)
    barrier: threading.Barrier | None = None  # answer only once this many requests are in flight
    barrier_timeout: float = 5.0  # seconds to wait for them; then answer 503


@dataclass
class Route:
    replies: list[Reply]
    etag: str | None = None  # when set, a matching If-None-Match gets 304
    hits: int = 0


class LoopbackServer:
    """Start with ``with LoopbackServer() as server:``; ``server.url("/x")`` is the address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.request_times: list[float] = []  # time.monotonic() of each request's arrival
        self._lock = threading.Lock()
        handler = _make_handler(self)
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        # A short poll interval: shutdown() waits for the serving loop to notice.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", *, status: int = 200, content_type: str = "text/html",
            headers: dict[str, str] | None = None, etag: str | None = None, stall: float = 0.0,
            trickle: float = 0.0) -> None:
        """Serve one fixed response at ``path``."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if etag:
            all_headers["ETag"] = etag
        self.routes[path] = Route([Reply(status, data, all_headers, stall, trickle)], etag=etag)

    def add_sequence(self, path: str, replies: list[Reply]) -> None:
        """Answer successive requests with ``replies`` in order; the last one repeats."""
        self.routes[path] = Route(replies)

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        self.routes[path] = Route([Reply(status, b"", {"Location": target})])

    def arrivals(self, prefix: str) -> list[float]:
        """When each request for a path starting with ``prefix`` arrived (time.monotonic())."""
        return [moment for (path, _), moment in zip(self.requests, self.request_times) if path.startswith(prefix)]

    def hits(self, path: str) -> int:
        route = self.routes.get(path)
        return route.hits if route else 0

    def _reply_for(self, path: str, headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append((path, headers))
            self.request_times.append(time.monotonic())
            # Like most sites, serve the page whatever tracking parameters the link carries.
            route = self.routes.get(path) or self.routes.get(urlsplit(path).path)
            if route is None:
                return Reply(404, b"<html><body>Not found</body></html>", {"Content-Type": "text/html"})
            route.hits += 1
            if route.etag and headers.get("if-none-match") == route.etag:
                return Reply(304, b"", {"ETag": route.etag})
            return route.replies[min(route.hits, len(route.replies)) - 1]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (timeouts, size caps) are what the tests provoke


def _make_handler(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, as real servers send them

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = server._reply_for(self.path, headers)
            if reply.barrier is not None:
                try:
                    reply.barrier.wait(timeout=reply.barrier_timeout)
                except threading.BrokenBarrierError:
                    reply = Reply(503, b"the other requests never arrived")
            if reply.stall:
                time.sleep(reply.stall)
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if not reply.trickle:
                    self.wfile.write(reply.body)
                    return
                for start in range(0, len(reply.body), 64):
                    self.wfile.write(reply.body[start:start + 64])
                    self.wfile.flush()
                    time.sleep(reply.trickle)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeouts, size caps): that is what the test wanted

        def log_message(self, *args: object) -> None:
            pass

    return Handler
