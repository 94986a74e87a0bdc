"""A scriptable HTTP server on 127.0.0.1 for tests: feeds, pages and misbehaving hosts.

Each path gets a :class:`Route`; a route can answer with a sequence of responses (500 then
200), honour conditional GET, stall, or redirect. Unknown paths get 404.

Tests that depend on the order of events hold requests until an event (:meth:`LoopbackServer.hold`)
and wait for what the server has seen (:meth:`LoopbackServer.wait_for`, :meth:`LoopbackServer.when`)
instead of sleeping and hoping that the other side has got there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
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
class Hold:
    """Requests for paths starting with ``prefix``, past the first ``after`` of them, wait until
    ``release`` is set; one still waiting after ``timeout`` seconds is answered 503."""

    prefix: str
    release: threading.Event
    after: int = 0
    timeout: float = 60.0
    seen: int = 0


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
        self.held: list[tuple[str, dict[str, str]]] = []  # the requests waiting on a hold now
        self.most_held = 0  # the most requests that waited on holds at once
        self.overdue = 0  # held requests answered 503 because their release never came
        self.completed: list[str] = []  # paths whose whole body was sent, in order
        self._holds: list[Hold] = []
        self._watchers: list[tuple[Callable[[], bool], threading.Event]] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        handler = _make_handler(self)
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        # A short poll interval: shutdown() waits for the serving loop to notice.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for hold in self._holds:  # no request is left waiting once the test is over
            hold.release.set()
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

    def hold(self, prefix: str, release: threading.Event, *, after: int = 0, timeout: float = 60.0) -> None:
        """Keep requests for paths starting with ``prefix`` (all but the first ``after``) waiting
        until ``release`` is set."""
        with self._lock:
            self._holds.append(Hold(prefix, release, after, timeout))

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
        """Wait until ``predicate()`` (which reads this server's records) is true, checking it
        whenever a request arrives or a hold starts or ends; False if it is not within ``timeout``."""
        with self._changed:
            return self._changed.wait_for(predicate, timeout)

    def when(self, predicate: Callable[[], bool]) -> threading.Event:
        """An event set as soon as ``predicate()`` is true (checked as for :meth:`wait_for`):
        a release for another server's hold, say."""
        event = threading.Event()
        with self._lock:
            if predicate():
                event.set()
            else:
                self._watchers.append((predicate, event))
        return event

    def _notify(self) -> None:
        """With the lock held: wake waiters and set the events whose predicate now holds."""
        self._changed.notify_all()
        for watcher in [w for w in self._watchers if w[0]()]:
            watcher[1].set()
            self._watchers.remove(watcher)

    def _wait_if_held(self, path: str, headers: dict[str, str]) -> bool:
        """Wait for this request's hold, if any; False when its release never came."""
        with self._lock:
            hold = next((h for h in self._holds if path.startswith(h.prefix)), None)
            if hold is None:
                return True
            hold.seen += 1
            if hold.seen <= hold.after or hold.release.is_set():
                return True
            entry = (path, headers)
            self.held.append(entry)
            self.most_held = max(self.most_held, len(self.held))
            self._notify()
        released = hold.release.wait(hold.timeout)
        with self._lock:
            self.held.remove(entry)
            self.overdue += not released
            self._notify()
        return released

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
            self._notify()
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
            if not server._wait_if_held(self.path, headers):
                reply = Reply(503, b"held, and never released")
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
                else:
                    for start in range(0, len(reply.body), 64):
                        self.wfile.write(reply.body[start:start + 64])
                        self.wfile.flush()
                        time.sleep(reply.trickle)
                with server._lock:
                    server.completed.append(self.path)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeouts, size caps): that is what the test wanted

        def log_message(self, *args: object) -> None:
            pass

    return Handler
