"""The one HTTP client: timeouts, size cap, redirects, retries, robots.txt and per-host politeness.

Every feed and page goes through :class:`HttpClient`. It is safe to share between threads:
requests to different hosts run in parallel while each host sees at most
``per_host_connections`` requests at a time, ``host_delay`` seconds apart.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import urllib3
from protego import Protego
from urllib3.exceptions import (
    HTTPError,
    LocationValueError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from compare.config import Settings
from compare.errors import FetchError
from compare.urls import host_of, http_url_problem

logger = logging.getLogger(__name__)

_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_ROBOTS_AGENT = "news-compare"
_MAX_CRAWL_DELAY = 30.0  # seconds; a larger robots.txt Crawl-delay would stall a run for good


@dataclass(frozen=True)
class Response:
    """A successful (2xx) or not-modified (304) response with its decoded body bytes."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: urllib3.HTTPHeaderDict  # case-insensitive
    body: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class HostGate:
    """Per-host concurrency limit and minimum delay between request starts."""

    def __init__(self, delay: float, concurrency: int, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 semaphore: Callable[[int], threading.Semaphore] = threading.Semaphore):
        self.delay = delay
        self.concurrency = concurrency
        self.clock = clock
        self.sleep = sleep
        self._semaphore = semaphore  # makes each host's slots
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._min_delay: dict[str, float] = {}

    def defer(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` (after a 429, for example)."""
        with self._lock:
            self._next_start[host] = max(self._next_start.get(host, 0.0), self.clock() + seconds)

    def set_min_delay(self, host: str, seconds: float) -> None:
        """Raise the delay between requests to ``host`` (robots.txt Crawl-delay)."""
        with self._lock:
            self._min_delay[host] = seconds

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.get(host)
            if semaphore is None:
                semaphore = self._slots[host] = self._semaphore(self.concurrency)
        with semaphore:
            while True:
                with self._lock:
                    now = self.clock()
                    start = self._next_start.get(host, 0.0)
                    if now >= start:
                        self._next_start[host] = now + max(self.delay, self._min_delay.get(host, 0.0))
                        break
                self.sleep(start - now)
            yield


class _BodyDecoder:
    """Decompresses gzip/deflate incrementally and refuses to grow past ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int, url: str):
        self.limit = limit
        self.url = url
        self.size = 0
        # With "deflate": the bytes read while they may still be raw deflate (no zlib header);
        # None once that is settled, and for every other encoding.
        self._raw_deflate_probe: bytes | None = None
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._inflater = None
        elif encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflater = zlib.decompressobj()
            # HTTP's deflate is zlib-wrapped, but some servers send raw deflate, which browsers read too.
            self._raw_deflate_probe = b""
        else:
            raise FetchError(f"unsupported Content-Encoding {encoding!r}", url=url)

    def feed(self, chunk: bytes) -> bytes:
        if self._inflater is None:
            out = chunk
        else:
            probe = self._raw_deflate_probe
            if probe is not None:
                probe = self._raw_deflate_probe = probe + chunk
            try:
                # max_length bounds what one small compressed chunk may expand to (gzip bombs).
                out = self._inflater.decompress(chunk, self.limit - self.size + 1)
            except zlib.error as exc:
                if probe is None:
                    raise FetchError(f"corrupt compressed body: {exc}", url=self.url) from None
                # Not a zlib header (and nothing inflated yet): read it all again as raw deflate.
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                self._raw_deflate_probe = None
                return self.feed(probe)
            if probe is not None and len(probe) >= 2:  # the two-byte zlib header passed
                self._raw_deflate_probe = None
        self.size += len(out)
        if self.size > self.limit:
            what = "decompressed body" if self._inflater else "body"
            raise FetchError(f"{what} exceeds the size cap of {self.limit:,} bytes", url=self.url)
        return out

    def finish(self) -> None:
        """Raise when a compressed body ended before its end-of-stream marker."""
        if self._inflater is not None and not self._inflater.eof:
            raise FetchError("corrupt compressed body: truncated or not gzip/deflate data", url=self.url)


_KEEPALIVE_HOSTS = 64
_CHUNK = 65536  # bytes read from the socket at a time


class HttpClient:
    """GET with every safeguard the collector needs."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.settings = settings
        self.sleep = sleep
        self.clock = clock
        self.gate = HostGate(settings.host_delay, settings.per_host_connections, clock=clock, sleep=sleep)
        # The worker threads and the per-host gate bound the open requests; the pool only
        # keeps idle connections, for the recently visited hosts, since the collector
        # interleaves hosts and a smaller pool would reconnect for nearly every page.
        # urllib3 rather than a richer client: the collector's main process spends most of
        # its CPU in HTTP, and urllib3 takes a third of what httpx took per request.
        self._pool = urllib3.PoolManager(
            num_pools=_KEEPALIVE_HOSTS, maxsize=max(1, settings.per_host_connections), block=False,
            timeout=urllib3.Timeout(connect=settings.connect_timeout, read=settings.timeout), retries=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"})
        self._robots: dict[str, Protego | _RobotsUnreadable | None] = {}
        self._robots_lock = threading.Lock()
        self._robots_host_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self._pool.clear()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, url: str, *, headers: dict[str, str] | None = None, obey_robots: bool = False) -> Response:
        """Fetch ``url``, following redirects and retrying temporary failures.

        Returns a 2xx or 304 response; raises :class:`FetchError` for everything else, with
        ``retryable`` set when a later run may succeed. With ``obey_robots`` (and the
        ``respect_robots`` setting on) a URL that robots.txt disallows is refused.
        """
        _check_scheme(url)
        if obey_robots and self.settings.respect_robots:
            refusal = self._robots_refusal(url)
            if refusal:
                raise refusal
        attempt = 0
        while True:
            try:
                return self._follow_redirects(url, headers or {})
            except _Retry as retry:
                if attempt >= self.settings.retries:
                    raise retry.error from None
                wait = retry.after if retry.after is not None else self.settings.backoff * 2 ** attempt
                if wait > self.settings.max_retry_after:
                    raise FetchError(f"{retry.error.message}; server asks to wait {wait:.0f} s, "
                                     f"more than max_retry_after", url=url, status=retry.error.status,
                                     retryable=True) from None
                logger.info("retrying %s in %.1f s: %s", url, wait, retry.error.message)
                attempt += 1
                if retry.after is not None:
                    self.gate.defer(host_of(retry.error.url), wait)
                else:
                    self.sleep(wait)

    def _follow_redirects(self, url: str, headers: dict[str, str]) -> Response:
        seen = [url]
        current = url
        while True:
            response, location = self._request_once(current, headers)
            if location is None:
                return Response(url=url, final_url=current, status=response.status, headers=response.headers,
                                body=response.body, redirects=seen[1:])
            target = urljoin(current, location)
            _check_scheme(target)
            if target in seen:
                raise FetchError(f"redirect loop: {' -> '.join([*seen, target])}", url=url, status=response.status)
            if len(seen) > self.settings.max_redirects:
                raise FetchError(f"more than {self.settings.max_redirects} redirects", url=url,
                                 status=response.status)
            seen.append(target)
            current = target

    def _request_once(self, url: str, headers: dict[str, str]) -> tuple[Response, str | None]:
        """One request, no redirects followed. Returns the response and the redirect target, if any."""
        host = host_of(url)
        with self.gate.slot(host):
            try:
                raw = self._pool.request("GET", url, headers={**self._pool.headers, **headers}, redirect=False,
                                         preload_content=False, decode_content=False)
                try:
                    response, location = self._response(raw, url)
                except BaseException:
                    raw.close()  # never hand a connection with unread bytes back to the pool
                    raise
                finally:
                    raw.release_conn()
                return response, location
            except ReadTimeoutError:
                error = FetchError(f"server sent nothing for {self.settings.timeout:g} s", url=url, retryable=True)
                raise _Retry(error, None) from None
            except NewConnectionError as exc:  # refused, or no such host (before the timeout below)
                raise _Retry(FetchError(_network_error(exc), url=url, retryable=True), None) from None
            except Urllib3Timeout:
                raise _Retry(FetchError("connecting timed out", url=url, retryable=True), None) from None
            except LocationValueError as exc:
                raise FetchError(f"invalid URL: {exc}", url=url) from None
            except (HTTPError, OSError) as exc:
                raise _Retry(FetchError(_network_error(exc), url=url, retryable=True), None) from None

    def _response(self, raw: urllib3.BaseHTTPResponse, url: str) -> tuple[Response, str | None]:
        status = raw.status
        if status in _REDIRECTS and raw.headers.get("location"):
            return Response(url, url, status, raw.headers, b""), raw.headers["location"]
        if status in _RETRY_STATUSES:
            error = FetchError(f"HTTP {status} {raw.reason or ''}".strip(), url=url, status=status, retryable=True)
            raise _Retry(error, _retry_after(raw.headers.get("retry-after")))
        if status == 304:
            return Response(url, url, status, raw.headers, b""), None
        if not 200 <= status < 300:
            raise FetchError(f"HTTP {status} {raw.reason or ''}".strip(), url=url, status=status,
                             retryable=status in (403, 408, 425))
        return Response(url, url, status, raw.headers, self._read_body(raw, url)), None

    def _read_body(self, raw: urllib3.BaseHTTPResponse, url: str) -> bytes:
        cap = self.settings.max_bytes
        declared = raw.headers.get("content-length", "")
        encoding = raw.headers.get("content-encoding", "")
        if declared.isdigit() and not encoding and int(declared) > cap:
            raise FetchError(f"body of {int(declared):,} bytes exceeds the size cap of {cap:,} bytes",
                             url=url, status=raw.status)
        decoder = _BodyDecoder(encoding, cap, url)
        deadline = self.clock() + self.settings.total_timeout
        parts: list[bytes] = []
        # read1: whatever one read of the socket gives, so that a trickling server meets the
        # total timeout in time instead of once a whole chunk has arrived.
        while chunk := raw.read1(_CHUNK, decode_content=False):
            parts.append(decoder.feed(chunk))
            if self.clock() > deadline:
                raise FetchError(f"response took longer than {self.settings.total_timeout:g} s", url=url,
                                 retryable=True)
        decoder.finish()
        return b"".join(parts)

    # -- robots.txt -----------------------------------------------------------------------

    def allowed_by_robots(self, url: str) -> bool:
        """Whether the site's robots.txt lets news-compare fetch ``url`` (cached per host)."""
        return self._robots_refusal(url) is None

    def _robots_refusal(self, url: str) -> FetchError | None:
        """Why robots.txt keeps us from ``url``, or None when it allows it."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            host_lock = self._robots_host_locks.setdefault(origin, threading.Lock())
        with host_lock:
            known = self._robots.get(origin)
            if origin not in self._robots or (isinstance(known, _RobotsUnreadable) and known.may_retry(self.clock())):
                self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, _RobotsUnreadable):
            # RFC 9309 2.3.1.4: an unreachable robots.txt (5xx, no answer) means "disallow all"
            # for now; the page is retried on a later run.
            return FetchError(f"the site's robots.txt could not be read ({rules.reason}); not fetching from the "
                              "site until it can", url=url, retryable=True)
        if rules is not None and not rules.can_fetch(url, _ROBOTS_AGENT):
            return FetchError("disallowed by the site's robots.txt", url=url)
        return None

    def _load_robots(self, origin: str) -> Protego | _RobotsUnreadable | None:
        try:
            response = self._follow_redirects(f"{origin}/robots.txt", {})
        except (FetchError, _Retry) as exc:
            error = exc.error if isinstance(exc, _Retry) else exc
            if error.status is not None and 400 <= error.status < 500:
                return None  # RFC 9309 2.3.1.3: no robots.txt (4xx) means no rules
            logger.info("robots.txt of %s unreadable: %s", origin, error.message)
            return _RobotsUnreadable(error.message, self.clock())
        # RFC 9309: the group naming our product token, else the `*` group; within it the
        # longest matching path wins, Allow on a tie; `*` and `$` in paths (Protego's reading).
        rules = Protego.parse(response.body.decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(_ROBOTS_AGENT)
        if delay:
            self.gate.set_min_delay(host_of(origin), min(float(delay), _MAX_CRAWL_DELAY))
        return rules


@dataclass(frozen=True)
class _RobotsUnreadable:
    """A robots.txt that answered 5xx or not at all: everything is disallowed until a retry."""

    reason: str
    at: float
    retry_after: float = 300.0  # seconds before the same client asks again

    def may_retry(self, now: float) -> bool:
        return now - self.at >= self.retry_after


class _Retry(Exception):
    """Internal: a temporary failure that :meth:`HttpClient.get` may retry."""

    def __init__(self, error: FetchError, after: float | None):
        super().__init__(error.message)
        self.error = error
        self.after = after

    def __str__(self) -> str:
        return str(self.error)


def _network_error(exc: Exception) -> str:
    """"network error: <what>: <why>", without urllib3's reprs of its objects."""
    if isinstance(exc, NewConnectionError):  # "<connection object>: Failed to establish ...: [Errno 111] ..."
        return f"network error: {type(exc).__name__}: {str(exc).split(': ', 1)[-1]}"
    if len(exc.args) == 2 and isinstance(exc.args[1], BaseException):  # ("Connection aborted.", RemoteDisconnected())
        message, inner = str(exc.args[0]).rstrip("."), exc.args[1]
        if type(inner).__name__ not in message:
            message = f"{message}: {type(inner).__name__}: {' '.join(str(inner).split())}"
        return f"network error: {message}".rstrip(": ")
    return f"network error: {type(exc).__name__}: {exc}".rstrip(": ")


def _check_scheme(url: str) -> None:
    problem = http_url_problem(url)
    if problem:
        raise FetchError(problem, url=url)


def _retry_after(value: str | None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
