"""How the dashboard is started: on this machine only, unless a password lets others in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compare.config import Settings
from compare.errors import ConfigError
from compare.ui import serve


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_this_machine_needs_no_password(host):
    serve.check_exposure(host, Settings(), "feeds.toml", environ={})


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "newsroom.example"])
def test_other_machines_need_a_password(host):
    with pytest.raises(ConfigError, match=f"refusing to serve the dashboard on {host} without a password"):
        serve.check_exposure(host, Settings(), "feeds.toml", environ={})
    serve.check_exposure(host, Settings(dashboard_password="in the file"), "feeds.toml", environ={})
    serve.check_exposure(host, Settings(), "feeds.toml", environ={"NEWS_COMPARE_PASSWORD": "in the environment"})


def test_streamlit_runs_the_packaged_app_on_the_address_given(tmp_path):
    command = serve.streamlit_command("127.0.0.1", 8600)
    app = Path(command[command.index("run") + 1])
    assert app.is_file() and app.parts[-3:] == ("compare", "ui", "app.py")
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.port") + 1] == "8600"
    env = serve.streamlit_environment("x.db", "feeds.toml", environ={"PATH": "/bin"})
    assert env == {"PATH": "/bin", "NEWS_COMPARE_DB": os.path.abspath("x.db"),
                   "NEWS_COMPARE_FEEDS": os.path.abspath("feeds.toml")}
    server = "postgresql://news@db.example/news"
    assert serve.streamlit_environment(server, "feeds.toml", environ={})["NEWS_COMPARE_DB"] == server
    assert serve.address("::1", 8501) == "http://[::1]:8501"
