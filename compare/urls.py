"""URL normalisation: one article is one row whatever tracking parameters its links carry."""

from __future__ import annotations

import hashlib
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
