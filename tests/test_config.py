"""feeds.toml: defaults, the shipped outlet list, and errors that name the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.config import Settings, load_config

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_feeds_toml_is_valid_and_varied():
    config = load_config(ROOT / "feeds.toml")
    assert len(config.outlets) >= 15
    assert len({o.country for o in config.outlets}) >= 8
    ownerships = {o.ownership for o in config.outlets}
    assert {"public broadcaster", "state-controlled", "private"} <= ownerships
    assert any("news agency" in o.tags for o in config.outlets)
    assert any(o.lean for o in config.outlets)
    urls = [url for o in config.outlets for url in o.feeds]
    assert len(urls) == len(set(urls))


def test_defaults_apply_when_settings_are_absent(tmp_path):
    config = load_config(write(tmp_path, '[[outlets]]\nname = "A"\nfeeds = ["https://a.example/rss"]\n'))
    assert config.settings == Settings()
    assert config.outlets[0].feeds == ("https://a.example/rss",)


def test_settings_override_defaults(tmp_path):
    config = load_config(write(tmp_path, "[settings]\ntimeout = 5\nrespect_robots = false\n"))
    assert config.settings.timeout == 5.0 and config.settings.respect_robots is False


@pytest.mark.parametrize(("text", "message"), [
    ("[settings]\ntimout = 5\n", "[settings] unknown key 'timout'"),
    ("[settings]\ntimeout = 'soon'\n", "[settings] timeout: must be a number"),
    ("[settings]\ntimeout = -1\n", "[settings] timeout: must be at least"),
    ("[settings]\nworkers = 2.5\n", "[settings] workers: must be a whole number"),
    ("[settings]\nrespect_robots = 1\n", "[settings] respect_robots: must be true or false"),
    ("[settings]\nmax_bytes = true\n", "[settings] max_bytes: must be a number"),
    ("[setings]\n", "unknown top-level key 'setings'"),
    ('[[outlets]]\nname = "A"\nfeeds = ["https://a.example/rss"]\ncountyr = "GB"\n', "outlet #1 (A): unknown key 'countyr'"),
    ('[[outlets]]\nname = "A"\n', "outlet #1 (A): 'feeds' is required"),
    ('[[outlets]]\nfeeds = ["https://a.example/rss"]\n', "outlet #1: 'name' is required"),
    ('[[outlets]]\nname = "A"\nfeeds = ["ftp://a.example/rss"]\n', "is not an http(s) URL"),
    ('[[outlets]]\nname = "A"\nfeeds = ["https://a/1"]\n[[outlets]]\nname = "a"\nfeeds = ["https://a/2"]\n',
     "duplicate outlet name 'a'"),
    ("[settings\n", "not valid TOML"),
    ('[[outlets]]\nname = "A"\nfeeds = ["https://a.example:99999/rss"]\n', "(malformed URL (Port out of range"),
    ('[[outlets]]\nname = "A"\nfeeds = ["http://[a/rss"]\n', "(malformed URL (Invalid IPv6 URL"),
    ('[[outlets]]\nname = "A"\nfeeds = ["https://a/1"]\n[[outlets]]\nname = "B"\nfeeds = ["https://a/1"]\n',
     "outlet #2 (B): feed 'https://a/1' is already listed under outlet 'A'"),
])
def test_bad_config_names_key_and_file(tmp_path, text, message):
    from compare.errors import ConfigError

    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    from compare.errors import ConfigError

    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.toml")


def test_single_feed_string_is_accepted(tmp_path):
    config = load_config(write(tmp_path, '[[outlets]]\nname = "A"\nfeeds = "https://a.example/rss"\n'))
    assert config.outlets[0].feeds == ("https://a.example/rss",)


def test_the_dashboards_settings_and_their_defaults(tmp_path):
    assert (Settings().dashboard_collect, Settings().dashboard_fetch, Settings().fetch_private_addresses,
            Settings().dashboard_password) == (True, True, False, "")
    config = load_config(write(tmp_path, '[settings]\ndashboard_collect = false\ndashboard_fetch = false\n'
                                         'fetch_private_addresses = true\ndashboard_password = "s3cret words"\n'))
    settings = config.settings
    assert not settings.dashboard_collect and not settings.dashboard_fetch and settings.fetch_private_addresses
    assert settings.dashboard_password == "s3cret words"
    assert "s3cret" not in repr(settings)  # never in a log line or a traceback's locals


@pytest.mark.parametrize(("text", "message"), [
    ("[settings]\ndashboard_collect = 'no'\n", "dashboard_collect: must be true or false"),
    ("[settings]\nfetch_private_addresses = 1\n", "fetch_private_addresses: must be true or false"),
    ("[settings]\ndashboard_password = 1234\n", "dashboard_password: must be a non-empty string"),
])
def test_the_dashboards_settings_are_checked(tmp_path, text, message):
    from compare.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))


def test_the_password_of_the_environment_wins_over_feeds_toml():
    from compare.config import dashboard_password

    settings = Settings(dashboard_password="from-the-file")
    assert dashboard_password(settings, {}) == "from-the-file"
    assert dashboard_password(settings, {"NEWS_COMPARE_PASSWORD": "from-the-environment"}) == "from-the-environment"
    assert dashboard_password(Settings(), {"NEWS_COMPARE_PASSWORD": ""}) == ""


def test_load_settings_uses_the_defaults_only_for_a_file_that_may_be_absent(tmp_path):
    from compare.config import load_settings
    from compare.errors import ConfigError

    assert load_settings(tmp_path / "absent.toml", required=False) == Settings()
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "absent.toml")
    path = write(tmp_path, "[settings]\nmatch_threshold = 0.6\n")
    assert load_settings(path, required=False).match_threshold == 0.6
    write(tmp_path, "[settings]\nmatch_treshold = 0.6\n")
    with pytest.raises(ConfigError, match="unknown key 'match_treshold'"):
        load_settings(path, required=False)  # a file that is there is read whole, typos and all


def test_the_follow_up_time_is_a_setting_and_reaches_the_matcher(tmp_path):
    from compare.config import load_settings
    from compare.errors import ConfigError
    from compare.stories.assign import params_from

    path = write(tmp_path, "[settings]\nmatch_follow_up_days = 21\n")
    assert params_from(load_settings(path)).follow_up_days == 21.0
    assert params_from(Settings()).follow_up_days == Settings().match_follow_up_days == 14.0
    write(tmp_path, "[settings]\nmatch_follow_up_days = -1\n")
    with pytest.raises(ConfigError, match="match_follow_up_days"):
        load_settings(path)
