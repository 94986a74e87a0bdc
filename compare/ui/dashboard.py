"""What every page of the dashboard shares: the database it reads, the settings of feeds.toml,
and the cached views. One :class:`Dashboard` is made per script run and handed to the pages."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from compare.config import Settings, dashboard_password, load_settings
from compare.store import Store, is_server_url
from compare.ui import compared, views
from compare.ui.serve import DB_ENV, FEEDS_ENV
DEFAULT_DB, DEFAULT_FEEDS = "compare.db", "feeds.toml"


@st.cache_data(show_spinner=False, max_entries=64)
def _cached(name: str, db: str, state: tuple[float, int], *args: object, **kwargs: object) -> object:
    """Run ``views.<name>`` (or ``compared.<name>``) on the database ``db``; ``state`` (what
    :func:`views.database_state` reads: the file's stamp, or the server's counts) keys the cache."""
    with Store(db) as store:
        return getattr(views if hasattr(views, name) else compared, name)(store, *args, **kwargs)


@dataclass(frozen=True)
class Dashboard:
    db: str  # an SQLite path or a PostgreSQL address
    feeds_file: str  # feeds.toml: the outlets "Collect and update now" polls, and the settings
    settings: Settings

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Dashboard:
        """``$NEWS_COMPARE_DB`` and ``$NEWS_COMPARE_FEEDS`` (as `news-compare dashboard` sets them),
        the settings of that feeds file, or the defaults without one. Raises ConfigError for a bad one."""
        feeds = environ.get(FEEDS_ENV) or DEFAULT_FEEDS
        return cls(environ.get(DB_ENV) or DEFAULT_DB, feeds, load_settings(feeds, required=False))

    @property
    def password(self) -> str:
        return dashboard_password(self.settings)

    def missing(self) -> bool:
        """An SQLite file that does not exist (yet): the dashboard reads it, so never creates it."""
        return not is_server_url(self.db) and not Path(self.db).exists()

    def load(self, name: str, *args: object, **kwargs: object):  # noqa: ANN201 - returns what the view returns
        return _cached(name, self.db, views.database_state(self.db), *args, **kwargs)
