"""Fetch one page on a dashboard visitor's behalf, never from inside the newsroom's network.

Compare an article fetches the address a visitor types. Left unguarded, that lets anyone
who can open the dashboard read what only its server can reach: an intranet page, a
database's web console, a cloud metadata service and the credentials it hands out. So:

- every name is looked up once, and *each* address it resolves to is checked with
  :func:`compare.urls.address_problem` (loopback, private, link-local, multicast, reserved,
  unspecified, cloud metadata); one bad address refuses the page;
- the connection then goes to the address that was checked, not to a second lookup of the
  name (which a hostile name server could answer differently);
- redirects are followed here, one hop at a time, each hop checked the same way, at most
  ``max_redirects`` of them.

``fetch_private_addresses = true`` in feeds.toml lets a newsroom fetch its own intranet; cloud
metadata services stay refused.
Timeouts, the size cap, the User-Agent and robots.txt are the collector's settings.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import urllib3
from protego import Protego
from urllib3.exceptions import ConnectTimeoutError, HTTPError, NewConnectionError

from compare.config import Settings
from compare.errors import FetchError
from compare.urls import address_problem, http_url_problem, is_cloud_metadata

Resolver = Callable[[str, int], list[str]]  # (host, port) -> every address the name stands for
Check = Callable[[str], "str | None"]  # an address -> why it is refused, or None

_REDIRECTS = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CHUNK = 65536
_ROBOTS_AGENT = "news-compare"


@dataclass(frozen=True)
class Page:
    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str
    body: bytes


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), in the resolver's order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def fetch_page(url: str, settings: Settings, *, resolver: Resolver | None = None,
               check: Check | None = None) -> Page:
    """GET ``url`` for a visitor: every hop's addresses checked, robots.txt obeyed when the
    settings say so. Raises :class:`FetchError` saying why a page is refused or failed.

    ``resolver`` (default :func:`resolve`) and ``check`` (default
    :func:`compare.urls.address_problem`) are for tests."""
    resolver, check = resolver or resolve, check or address_problem
    _allowed_addresses(url, settings, resolver, check)  # a refusal says so, before robots.txt is asked
    if settings.respect_robots:
        _obey_robots(url, settings, resolver, check)
    return _follow(url, settings, resolver, check)


def _follow(url: str, settings: Settings, resolver: Resolver, check: Check) -> Page:
    seen = [url]
    current = url
    while True:
        status, headers, body = _request(current, settings, resolver, check, url)
        location = headers.get("location")
        if status not in _REDIRECTS or not location:
            if not 200 <= status < 300:
                raise FetchError(f"HTTP {status}", url=current, status=status)
            return Page(url, current, headers.get("content-type", ""), body)
        target = urljoin(current, location)
        if target in seen:
            raise FetchError(f"redirect loop: {' -> '.join([*seen, target])}", url=url, status=status)
        if len(seen) > settings.max_redirects:
            raise FetchError(f"more than {settings.max_redirects} redirects", url=url, status=status)
        seen.append(target)
        current = target


def _allowed_addresses(url: str, settings: Settings, resolver: Resolver, check: Check) -> tuple[list[str], int]:
    """The addresses to connect to for ``url`` and its port, once every address its host resolves
    to has passed the check."""
    problem = http_url_problem(url)
    if problem:
        raise FetchError(problem, url=url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or _DEFAULT_PORTS[parts.scheme.lower()]
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot find the server {host}: {exc}", url=url) from None
    if not addresses:
        raise FetchError(f"cannot find the server {host}", url=url)
    for address in addresses:
        shown = host if host == address.strip("[]") else f"{host} ({address})"
        if is_cloud_metadata(address):  # whatever the settings: it hands out the server's credentials
            raise FetchError(f"refused: {shown} is a cloud metadata address", url=url)
        why = None if settings.fetch_private_addresses else check(address)
        if why:
            raise FetchError(f"refused: {shown} is {why}; the dashboard fetches public addresses only "
                             "(fetch_private_addresses in feeds.toml allows others)", url=url)
    return addresses, port


def _request(url: str, settings: Settings, resolver: Resolver, check: Check,
             asked: str) -> tuple[int, urllib3.HTTPHeaderDict, bytes]:
    """One GET of ``url``, connected to one of its checked addresses; no redirect followed."""
    addresses, port = _allowed_addresses(url, settings, resolver, check)
    for n, address in enumerate(addresses):
        try:
            return _request_from(address, port, url, settings)
        except (NewConnectionError, ConnectTimeoutError) as exc:  # that address is unreachable: the next
            if n == len(addresses) - 1:
                raise FetchError(f"network error: cannot connect: {exc}", url=asked, retryable=True) from None
        except (HTTPError, OSError) as exc:
            raise FetchError(f"network error: {type(exc).__name__}: {exc}", url=asked, retryable=True) from None
    raise AssertionError("unreachable: there is at least one address")  # pragma: no cover


def _request_from(address: str, port: int, url: str, settings: Settings) -> tuple[int, urllib3.HTTPHeaderDict, bytes]:
    parts = urlsplit(url)
    timeout = urllib3.Timeout(connect=settings.connect_timeout, read=settings.timeout)
    if parts.scheme.lower() == "https":  # the certificate is checked against the name, not the address
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            address, port, timeout=timeout, retries=False, maxsize=1, server_hostname=parts.hostname,
            assert_hostname=parts.hostname)
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False, maxsize=1)
    host_header = parts.netloc.rpartition("@")[2]  # never send credentials written into the link
    path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    with pool:
        raw = pool.urlopen("GET", path, headers={"Host": host_header, "User-Agent": settings.user_agent,
                                                 "Accept-Encoding": "gzip, deflate"},
                           redirect=False, preload_content=False, assert_same_host=False)
        try:
            body = b"" if raw.status in _REDIRECTS else _read(raw, settings, url)
        finally:
            raw.release_conn()
            raw.close()
    return raw.status, raw.headers, body


def _read(raw: urllib3.BaseHTTPResponse, settings: Settings, url: str) -> bytes:
    """The decoded body, stopped at ``max_bytes`` and at ``total_timeout``."""
    deadline = time.monotonic() + settings.total_timeout
    parts: list[bytes] = []
    size = 0
    for chunk in raw.stream(_CHUNK, decode_content=True):
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(f"body exceeds the size cap of {settings.max_bytes:,} bytes", url=url)
        if time.monotonic() > deadline:
            raise FetchError(f"response took longer than {settings.total_timeout:g} s", url=url)
        parts.append(chunk)
    return b"".join(parts)


def _obey_robots(url: str, settings: Settings, resolver: Resolver, check: Check) -> None:
    """Refuse ``url`` when its site's robots.txt disallows news-compare (no robots.txt: allowed)."""
    parts = urlsplit(url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    try:
        robots = _follow(robots_url, settings, resolver, check)
    except FetchError as exc:
        if exc.status is not None and 400 <= exc.status < 500:
            return  # RFC 9309: no robots.txt, no rules
        raise FetchError(f"the site's robots.txt could not be read ({exc.message})", url=url) from None
    rules = Protego.parse(robots.body.decode("utf-8", errors="replace"))  # as the collector reads it
    if not rules.can_fetch(url, _ROBOTS_AGENT):
        raise FetchError("disallowed by the site's robots.txt", url=url)
