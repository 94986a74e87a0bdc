"""URL normalisation: one article is one row whatever tracking parameters its links carry; and
which addresses a page fetched on a dashboard visitor's behalf may never come from."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

# Query parameters that only say where a click came from, never which page it is.
_TRACKING_EXACT = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "ocid", "cmpid", "cmp", "icid", "smid", "smtyp", "ref", "ref_src", "ref_url", "referrer",
    "_ga", "_gl", "mbid", "s_cid", "sr_share", "taid", "spm", "ito",
    "xtor", "soc_src", "soc_trk", "guccounter", "dicbo",
})
_TRACKING_PREFIXES = ("utm_", "at_", "ns_", "pk_", "mtm_", "hsa_", "oly_", "vero_", "wt.", "__twitter")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    """True when a query parameter only tracks the click (``utm_source``, ``fbclid``...)."""
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


@lru_cache(maxsize=65536)  # pure, and asked of the same links over and over in a run
def canonical_url(url: str) -> str:
    """Normalise ``url`` so that every link to the same page gives the same string.

    Lower-cases scheme and host, drops default ports, fragments, tracking parameters
    and an empty query, and sorts the remaining parameters.

    >>> canonical_url("HTTPS://Example.com:443/a/b?utm_source=rss&id=7#top")
    'https://example.com/a/b?id=7'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port if parts.port != _DEFAULT_PORTS.get(scheme) else None
    except ValueError:  # not a port number: such a link is never fetched, but still needs an id
        port = parts.netloc.rpartition(":")[2]
    netloc = f"[{host}]" if ":" in host else host
    if port:
        netloc = f"{netloc}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def without_tracking(url: str) -> str:
    """``url`` without its tracking parameters and fragment, and otherwise exactly as it was.

    >>> without_tracking("https://example.com/a?id=7&utm_source=rss#top")
    'https://example.com/a?id=7'
    """
    parts = urlsplit(url)
    if not parts.query and not parts.fragment:
        return url
    kept = [pair for pair in parts.query.split("&")
            if pair and not is_tracking_param(unquote_plus(pair.split("=", 1)[0]))]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))


def http_url_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) URL that can be fetched; None when it is one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- read only to check it: raises on a port that is not 0-65535
    except ValueError as exc:
        return f"malformed URL ({exc})"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "only http and https URLs are fetched"
    return None


def url_id(url: str) -> str:
    """A stable 16-hex-digit id of the page ``url`` points at (after :func:`canonical_url`)."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    """The lower-cased host[:port] of ``url``, the unit of politeness limits."""
    parts = urlsplit(url)
    return (parts.netloc or "").lower()


# Cloud providers' instance metadata services (credentials live there): named in refusals.
# 169.254.169.254: AWS, GCP, Azure, OpenStack; 169.254.170.2: AWS ECS tasks; fd00:ec2::254: AWS
# over IPv6; 100.100.100.200: Alibaba Cloud; 192.0.0.192: Oracle Cloud.
CLOUD_METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "192.0.0.192"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_problem(address: str) -> str | None:
    """Why a page must not be fetched from the IP ``address`` for someone else; None for a
    public address.

    Refused: loopback, private, link-local, multicast, reserved, unspecified and shared
    (carrier-grade NAT) addresses and cloud metadata services, also when an IPv6 address
    carries one of them inside (IPv4-mapped, 6to4, NAT64, Teredo).

    >>> address_problem("127.0.0.1")
    'a loopback address'
    >>> address_problem("169.254.169.254")
    'a cloud metadata address'
    >>> address_problem("93.184.215.14") is None
    True
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # without an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return "not an IP address"
    inside = _embedded_ipv4(ip)
    # A NAT64 address (DNS64 gives them for every IPv4 host) is what it translates to.
    for candidate in inside if ip in _NAT64 else (*inside, ip):
        problem = _problem(candidate)
        if problem:
            return problem
    return None


def is_cloud_metadata(address: str) -> bool:
    """Whether ``address`` is a cloud metadata service's (also inside an IPv6 address): refused
    even where private addresses are allowed, since it hands out the server's credentials.

    >>> is_cloud_metadata("169.254.169.254"), is_cloud_metadata("10.0.0.1")
    (True, False)
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return any(candidate in CLOUD_METADATA for candidate in (ip, *_embedded_ipv4(ip)))


def _embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to (::ffff:a.b.c.d, 2002:..., 64:ff9b::, Teredo)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    inside = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64:
        inside.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [a for a in inside if a is not None]


def _problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if ip in CLOUD_METADATA:
        return "a cloud metadata address"
    for test, what in (("is_unspecified", "an unspecified address"), ("is_loopback", "a loopback address"),
                       ("is_link_local", "a link-local address"), ("is_multicast", "a multicast address"),
                       ("is_private", "a private address"), ("is_reserved", "a reserved address")):
        if getattr(ip, test):
            return what
    return None if ip.is_global else "not a public address"


def is_loopback_host(host: str) -> bool:
    """Whether a server listening on ``host`` is reachable from this machine only.

    >>> is_loopback_host("127.0.0.1"), is_loopback_host("localhost"), is_loopback_host("0.0.0.0")
    (True, True, False)
    """
    host = host.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may stand for any address
