"""Starting the dashboard: Streamlit serving the packaged app (compare/ui/app.py), on this
machine only unless a password lets other machines in. Light to import: the command line
loads this, not Streamlit."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping

from compare.config import PASSWORD_ENV, Settings, dashboard_password
from compare.errors import ConfigError
from compare.store import is_server_url
from compare.urls import is_loopback_host

LOOPBACK = "127.0.0.1"
# What the app reads (compare/ui/dashboard.py): the database, and the feeds.toml of its settings.
DB_ENV, FEEDS_ENV = "NEWS_COMPARE_DB", "NEWS_COMPARE_FEEDS"


def check_exposure(host: str, settings: Settings, feeds_file: str, environ: Mapping[str, str] = os.environ) -> None:
    """Raise :class:`ConfigError` when the dashboard would listen beyond this machine without a password."""
    if not is_loopback_host(host) and not dashboard_password(settings, environ):
        raise ConfigError(f"refusing to serve the dashboard on {host} without a password: anyone who can reach "
                          f"this machine could read it, collect, and fetch pages from inside its network. Set "
                          f"${PASSWORD_ENV} (or dashboard_password in the [settings] of {feeds_file}), or leave "
                          f"out --host to serve this machine only ({LOOPBACK})")


def streamlit_command(host: str, port: int) -> list[str]:
    """`streamlit run` on the app inside the installed package, listening on ``host`` only."""
    app = importlib.util.find_spec("compare.ui.app").origin  # found, not imported: Streamlit runs it
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.address", host, "--server.port",
            str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]


def streamlit_environment(db: str, feeds_file: str, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment the app reads its database and feeds.toml from (absolute paths: Streamlit's
    working folder is not the user's concern)."""
    return {**environ, DB_ENV: db if is_server_url(db) else os.path.abspath(db),
            FEEDS_ENV: os.path.abspath(feeds_file)}


def address(host: str, port: int) -> str:
    """The dashboard's address to print: http://127.0.0.1:8501, http://[::1]:8501."""
    return f"http://{f'[{host}]' if ':' in host else host}:{port}"
