"""feeds.toml -> typed :class:`Config` (settings, outlets and their feeds).

Every setting has a default here; feeds.toml overrides what it names. A key this
module does not know is an error that names the key and the file, so a typo can
never be silently ignored.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare import __version__
from compare.embed import MODEL_NAMES
from compare.errors import ConfigError
from compare.urls import http_url_problem

DEFAULT_USER_AGENT = f"news-compare/{__version__} (self-hosted news comparison; feed reader)"
PASSWORD_ENV = "NEWS_COMPARE_PASSWORD"


@dataclass(frozen=True)
class Settings:
    """Knobs of the collector. Units are in the names or the comments."""

    timeout: float = 20.0  # seconds to wait for a server's next bytes
    connect_timeout: float = 10.0  # seconds to open a connection
    total_timeout: float = 60.0  # seconds for a whole response, however slowly it trickles
    max_bytes: int = 5_000_000  # size cap of one response body, after decompression
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    respect_robots: bool = True
    host_delay: float = 1.0  # seconds between two requests to the same host
    per_host_connections: int = 2  # requests in flight to one host at a time
    workers: int = 8  # requests in flight overall
    extract_processes: int = 0  # processes extracting text; 0 = one per CPU core
    retries: int = 2  # extra attempts of one request on 429, 5xx and network errors
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_retry_after: float = 30.0  # longest Retry-After we wait for inside one run
    max_attempts: int = 5  # runs that retry a failed article before giving up on it
    min_words: int = 15  # fewer words than this and a page is "not an article"
    match_threshold: float = 0.44  # 0-1: mean same-event probability of two groups' article pairs to form one story
    match_window_days: float = 4.0  # articles further apart in time are never put in one story
    match_follow_up_days: float = 14.0  # past the window, a story stays open this long to strong follow-ups
    wire_copy_share: float = 0.5  # 0-1: share of an article's text copied from another to call it wire copy
    lexicon: str = ""  # a TOML file of your own framing terms, added to the built-in lexicon
    # Sentence model for fact alignment: "auto", "minilm", "e5-small", "none" (lexical), or a
    # folder holding model.onnx and tokenizer.json (see compare/embed.py).
    embedding_model: str = "auto"
    # Seconds a collector holds a feed or page it took on (an analyser, a story) before another
    # sharing the database may take it over (when the first was stopped half-way).
    lease_seconds: float = 600.0
    # The dashboard. It serves 127.0.0.1 unless started with --host; a password (this, or
    # $NEWS_COMPARE_PASSWORD, which wins) is then required for every page.
    dashboard_password: str = field(default="", repr=False)
    dashboard_collect: bool = True  # "Collect and update now" in the sidebar
    dashboard_fetch: bool = True  # Compare an article fetches an address a visitor gives
    # Let that fetch reach loopback, private and link-local addresses (a newsroom's intranet);
    # off, they are refused after every name lookup and redirect (cloud metadata services always are).
    fetch_private_addresses: bool = False


# Lower bounds of numeric settings; anything below is a bad value.
_MINIMUM: dict[str, float] = {
    "timeout": 0.001, "connect_timeout": 0.001, "total_timeout": 0.001, "max_bytes": 1024,
    "max_redirects": 0, "host_delay": 0.0, "per_host_connections": 1, "workers": 1,
    "extract_processes": 0, "retries": 0, "backoff": 0.0, "max_retry_after": 0.0,
    "max_attempts": 1, "min_words": 0, "match_threshold": 0.01, "match_window_days": 0.1, "wire_copy_share": 0.05,
    "match_follow_up_days": 0.0,
    "lease_seconds": 1.0,
}
# Upper bounds of settings that are shares.
_MAXIMUM: dict[str, float] = {"match_threshold": 1.0, "wire_copy_share": 1.0}


@dataclass(frozen=True)
class Outlet:
    """One news outlet, its feeds, and the user's labels for grouping."""

    name: str
    feeds: tuple[str, ...]
    country: str = ""
    language: str = ""
    ownership: str = ""
    lean: str = ""
    tags: tuple[str, ...] = ()

    def labels(self) -> dict[str, Any]:
        """The user's labels as a plain dict (what the store keeps)."""
        return {"country": self.country, "language": self.language, "ownership": self.ownership,
                "lean": self.lean, "tags": list(self.tags)}


@dataclass(frozen=True)
class Config:
    """A parsed feeds.toml."""

    settings: Settings = field(default_factory=Settings)
    outlets: tuple[Outlet, ...] = ()
    path: Path | None = None


def load_config(path: str | Path) -> Config:
    """Read and validate feeds.toml at ``path``.

    Raises :class:`ConfigError` naming the file and the key for a missing file, bad
    TOML, an unknown key, a value of the wrong type or range, or a duplicate outlet.
    """
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file (give the outlets list with --feeds)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_config(raw, path)


def load_settings(path: str | Path, *, required: bool = True) -> Settings:
    """The settings of feeds.toml at ``path``; the defaults when it is absent and not ``required``.

    A file that exists is always read whole: a bad key in it is an error either way."""
    if not required and not Path(path).exists():
        return Settings()
    return load_config(path).settings


def dashboard_password(settings: Settings, environ: Mapping[str, str] = os.environ) -> str:
    """The dashboard's password: ``$NEWS_COMPARE_PASSWORD``, else ``dashboard_password``; "" for none."""
    return environ.get(PASSWORD_ENV) or settings.dashboard_password


def parse_config(raw: dict[str, Any], path: Path | str = "feeds.toml") -> Config:
    """Validate an already-parsed TOML document (see :func:`load_config`)."""
    where = str(path)
    unknown = set(raw) - {"settings", "outlets"}
    if unknown:
        raise ConfigError(f"{where}: unknown top-level key {_first(unknown)!r} (expected [settings] and [[outlets]])")
    settings = _relative_to(_parse_settings(raw.get("settings", {}), where), Path(path).parent)
    outlets_raw = raw.get("outlets", [])
    if not isinstance(outlets_raw, list):
        raise ConfigError(f"{where}: 'outlets' must be an array of tables ([[outlets]])")
    outlets: list[Outlet] = []
    seen_names: set[str] = set()
    feed_owners: dict[str, str] = {}  # a feed belongs to one outlet: its articles are that outlet's
    for index, item in enumerate(outlets_raw, start=1):
        outlet = _parse_outlet(item, f"{where}: outlet #{index}")
        if outlet.name.casefold() in seen_names:
            raise ConfigError(f"{where}: outlet #{index}: duplicate outlet name {outlet.name!r}")
        seen_names.add(outlet.name.casefold())
        for url in outlet.feeds:
            if url in feed_owners:
                raise ConfigError(f"{where}: outlet #{index} ({outlet.name}): feed {url!r} is already listed "
                                  f"under outlet {feed_owners[url]!r}")
            feed_owners[url] = outlet.name
        outlets.append(outlet)
    return Config(settings=settings, outlets=tuple(outlets), path=Path(path))


def _relative_to(settings: Settings, folder: Path) -> Settings:
    """Files that feeds.toml names are found next to it, not in the working directory."""
    changes: dict[str, str] = {}
    if settings.lexicon and not Path(settings.lexicon).expanduser().is_absolute():
        changes["lexicon"] = str(folder / settings.lexicon)
    model = settings.embedding_model
    if model not in MODEL_NAMES and not Path(model).expanduser().is_absolute():
        changes["embedding_model"] = str(folder / model)
    return dataclasses.replace(settings, **changes) if changes else settings


def _first(keys: set[str]) -> str:
    return sorted(keys)[0]


def _parse_settings(raw: Any, where: str) -> Settings:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [settings] must be a table")
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in fields:
            raise ConfigError(f"{where}: [settings] unknown key {key!r}; known keys: {', '.join(sorted(fields))}")
        default = getattr(Settings, key)
        values[key] = _check_value(key, value, default, f"{where}: [settings] {key}")
    return Settings(**values)


def _check_value(key: str, value: Any, default: Any, where: str) -> Any:
    """Coerce ``value`` to the type of ``default`` or raise a ConfigError."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: must be true or false, not {value!r}")
        return value
    if isinstance(default, (int, float)):
        # bool is an int in Python, but `timeout = true` is surely a mistake.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: must be a number, not {value!r}")
        if isinstance(default, int) and not isinstance(value, int):
            raise ConfigError(f"{where}: must be a whole number, not {value!r}")
        minimum = _MINIMUM.get(key)
        if minimum is not None and value < minimum:
            raise ConfigError(f"{where}: must be at least {minimum}, not {value!r}")
        maximum = _MAXIMUM.get(key)
        if maximum is not None and value > maximum:
            raise ConfigError(f"{where}: must be at most {maximum}, not {value!r}")
        return type(default)(value)
    if isinstance(default, str):
        if not isinstance(value, str) or (default and not value.strip()):
            raise ConfigError(f"{where}: must be a non-empty string, not {value!r}")
        return value
    raise ConfigError(f"{where}: unsupported setting")  # pragma: no cover - guards new fields


_OUTLET_TEXT_KEYS = ("country", "language", "ownership", "lean")


def _parse_outlet(raw: Any, where: str) -> Outlet:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: must be a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name' is required and must be a non-empty string")
    where = f"{where} ({name})"
    known = {"name", "feeds", "tags", *_OUTLET_TEXT_KEYS}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key {_first(unknown)!r}; known keys: {', '.join(sorted(known))}")
    feeds = raw.get("feeds")
    if isinstance(feeds, str):
        feeds = [feeds]
    if not isinstance(feeds, list) or not feeds:
        raise ConfigError(f"{where}: 'feeds' is required: a list of one or more feed URLs")
    for url in feeds:
        if not isinstance(url, str):
            raise ConfigError(f"{where}: feeds: {url!r} is not an http(s) URL")
        problem = http_url_problem(url)
        if problem:
            raise ConfigError(f"{where}: feeds: {url!r} is not an http(s) URL ({problem})")
    labels: dict[str, str] = {}
    for key in _OUTLET_TEXT_KEYS:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise ConfigError(f"{where}: {key!r} must be a string, not {value!r}")
        labels[key] = value.strip()
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigError(f"{where}: 'tags' must be a list of strings")
    return Outlet(name=name.strip(), feeds=tuple(dict.fromkeys(feeds)), tags=tuple(tags), **labels)
