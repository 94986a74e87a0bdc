"""A static HTTP server on 127.0.0.1 that replays feeds and pages held in memory.

The demo replays its bundled corpus through the real collector with it, and the
benchmarks serve real saved pages with it, so both measure the same code users run.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Resource = tuple[str, bytes]  # (content type, body)


class ReplayServer:
    """Serve ``resources`` (path -> (content type, body)) until :meth:`stop` or the ``with`` block ends."""

    def __init__(self, resources: Mapping[str, Resource] | None = None, *, port: int = 0):
        self.resources: dict[str, Resource] = dict(resources or {})
        self._httpd = _Server(("127.0.0.1", port), _handler_for(self))
        self._httpd.daemon_threads = True
        # A short poll interval: stop() waits for the serving loop to notice, once per server.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="replay", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> ReplayServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early is not the server's problem


def _handler_for(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # otherwise each response's last bytes wait for an ACK

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            resource = server.resources.get(self.path) or server.resources.get(urlsplit(self.path).path)
            content_type, body = resource or ("text/plain; charset=utf-8", b"not found")
            self.send_response(200 if resource else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler
