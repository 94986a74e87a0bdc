"""The dashboard through Streamlit's AppTest: every page, filters, downloads, empty and broken databases."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def app(monkeypatch, db: Path) -> AppTest:
    monkeypatch.setenv("NEWS_COMPARE_DB", str(db))
    test = AppTest.from_file(APP, default_timeout=60)
    test.run()
    assert not test.exception, test.exception
    return test


def go(test: AppTest, page: str) -> AppTest:
    test.sidebar.radio(key="page").set_value(page).run()
    assert not test.exception, test.exception
    return test


def test_stories_page_lists_and_filters(monkeypatch, demo_db):
    test = app(monkeypatch, demo_db)
    assert test.header[0].value == "Stories"
    assert "15 stories" in test.caption[0].value
    assert {b.label for b in test.download_button} == {"Download stories.csv"}
    # The busiest story leads (most independent outlets, then outlets, then the latest), not a one-outlet one.
    listed = test.dataframe[0].value
    assert listed["headline"].iloc[0].startswith("Saldenburg talks")
    assert list(listed["independent outlets"]) == sorted(listed["independent outlets"], reverse=True)
    assert listed["outlets covering"].iloc[-1] == 1
    assert test.selectbox(key="open").options[0].startswith("Saldenburg talks")
    test.number_input(key="min_outlets").set_value(2).run()
    assert "9 stories" in test.caption[0].value
    test.text_input(key="search").set_value("Saldenburg").run()  # in headlines and texts; headlines first
    assert test.caption[0].value in ("1 story", "2 stories", "3 stories")
    assert "Saldenburg" in test.dataframe[0].value["headline"].iloc[0]
    assert all("Saldenburg" not in h for h in test.dataframe[0].value["headline"].iloc[1:])
    test.text_input(key="search").set_value("no such words anywhere").run()
    assert test.warning[0].value.startswith("No story matches")


def test_opening_a_story_from_the_list(monkeypatch, demo_db):
    test = app(monkeypatch, demo_db)
    test.text_input(key="search").set_value("fertiliser").run()
    test.button(key="show").click().run()
    assert test.sidebar.radio(key="page").value == "Story"
    assert "fertiliser" in test.header[0].value.lower()


def test_story_page_shows_the_comparison(monkeypatch, demo_db):
    test = go(app(monkeypatch, demo_db), "Story")
    choose = test.selectbox(key="story_select")
    choose.select_index(next(n for n, t in enumerate(choose.options) if "Saldenburg" in t)).run()
    assert "Saldenburg" in test.header[0].value
    labels = [t.label for t in test.tabs]
    assert labels[:3] == ["Facts", "Omissions and unique facts", "Conflicting figures"]
    assert len(test.dataframe) >= 8
    downloads = {b.label for b in test.download_button}
    assert {"Download facts.csv", "Download discrepancies.csv", "Download sources.csv"} <= downloads
    marks = [m.value for m in test.markdown if "<mark" in m.value]
    assert marks, "article texts carry highlighted cues"
    assert any('class="cue cue-own_word"' in m for m in marks), "each outlet's own words are marked in its text"
    own = next(d.value for d in test.dataframe if "its own words" in d.value.columns)
    assert len(own) == 5 and own["its own words"].str.len().gt(0).all()  # a row for each of the story's outlets
    framing = next(d.value for d in test.dataframe if "category" in d.value.columns)
    assert "own_word" not in set(framing["category"])  # listed once, above, not again among the cues


def test_the_story_page_leads_with_what_differs(monkeypatch, demo_db):
    from compare.store import Store
    from compare.ui import differences, views

    with Store(demo_db) as store:
        view = views.story_view(store, views.stories_table(store, text="Saldenburg")["story_id"].iloc[0])
    outlets = list(dict.fromkeys(view.articles["outlet"]))
    # The demo's Daily Trumpet does not report the second round in two weeks (truth.toml).
    fact = next(f for f in differences.story_facts(view, outlets).differs
                if "two weeks" in f.fact and "The Daily Trumpet" in f.left_out_by)
    test = open_story_titled(app(monkeypatch, demo_db), "Saldenburg")
    labels = [html.unescape(e.label) for e in test.expander]
    shared = next(n for n, label in enumerate(labels) if label.startswith("Reported by every outlet ("))
    # The omitted fact, its omitting outlet named, before the facts every outlet shares.
    omitted = labels.index(html.unescape(differences.label(fact, len(outlets))))
    assert omitted < shared and "Left out by" in labels[omitted] and "The Daily Trumpet" in labels[omitted]
    assert "What differs" in [h.value for h in test.subheader]
    # The list leads, open: the first fact listed is one the outlets differ on.
    first = next(n for n, label in enumerate(labels) if "reported by" in label and f" of {len(outlets)}" in label)
    assert first <= omitted and labels[first].startswith((":orange[**Figures differ", ":red[**Left out by"))
    assert test.expander[first].proto.expanded
    # Its detail: who reports it and who leaves it out, then each outlet's sentences side by side.
    detail = test.expander[omitted]
    who = html.unescape(detail.caption[0].value)
    assert "Left out by The Daily Trumpet" in who and who.index("Reported by") < who.index("Left out by")
    sides = [html.unescape(m.value).replace("\u2060", "") for m in detail.markdown]
    assert len(detail.columns) == len(outlets) == 5
    assert [next(o for o in outlets if f'<div class="side-outlet">{o}</div>' in side) for side in sides] == outlets
    for side, html_side in zip(fact.sides, sides):
        assert side.sentences or "not reported" in html_side
        for sentence in side.sentences:  # each of its sentences, in full (marks aside)
            shown = html_side.replace('<mark class="differs">', "").replace('<mark class="figure">', "")
            assert sentence in shown.replace("</mark>", ""), (side.outlet, sentence)
    trumpet = sides[outlets.index("The Daily Trumpet")]
    assert "not reported (left out)" in trumpet and 'class="side-closest">Closest sentence: ' in trumpet
    assert sum('class="side reported"' in side for side in sides) == fact.n_outlets >= 3
    # The disputed figure is marked in the outlets' sentences.
    assert any('<mark class="figure">more than 12 hours</mark>' in m.value
               for e in test.expander for m in e.markdown)


def test_opening_a_story_sets_the_page_without_a_widget_warning(monkeypatch, demo_db):
    import types

    from streamlit.elements.lib import policies

    logged: list[str] = []
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    monkeypatch.setattr(policies._LOGGER, "warning", lambda message, *args, **_: logged.append(message % args))
    # Streamlit checks the widget state rules only under a running server, which AppTest is not.
    monkeypatch.setattr(policies, "runtime", types.SimpleNamespace(exists=lambda: True))
    test = app(monkeypatch, demo_db)
    test.button(key="show").click().run()
    assert not test.exception, test.exception
    assert test.sidebar.radio(key="page").value == "Story"
    assert html.unescape(test.header[0].value).startswith("Saldenburg talks")  # the first listed: the busiest
    assert not [m for m in logged if "default value" in m], logged


def open_story_titled(test: AppTest, words: str) -> AppTest:
    go(test, "Story")
    choose = test.selectbox(key="story_select")
    choose.select_index(next(n for n, t in enumerate(choose.options) if words in t)).run()
    assert not test.exception, test.exception
    return test


def test_the_default_story_has_the_most_independent_outlets_and_the_address_follows(monkeypatch, demo_db):
    from compare.store import Store
    from compare.ui import views

    with Store(demo_db) as store:
        stories = views.stories_table(store)
    busiest = stories.sort_values(["independent_outlets", "last_published"], ascending=False).iloc[0]
    test = go(app(monkeypatch, demo_db), "Story")
    assert html.unescape(test.header[0].value) == busiest["title"]
    assert test.query_params.get("page") in ("Story", ["Story"])
    choose = test.selectbox(key="story_select")
    other = next(n for n, t in enumerate(choose.options) if "Saldenburg" in t)
    choose.select_index(other).run()
    story = test.query_params.get("story")
    story = story[0] if isinstance(story, list) else story
    assert story == stories[stories["title"].str.contains("Saldenburg")]["story_id"].iloc[0]
    go(test, "Outlets")
    assert "story" not in test.query_params


def test_covered_by_means_all_of_the_chosen_outlets_or_any(monkeypatch, demo_db):
    test = app(monkeypatch, demo_db)
    test.multiselect(key="outlets").select("Karsk Today").select("The Harbour Courier").run()
    both = test.caption[0].value
    test.toggle(key="any_outlet").set_value(True).run()
    either = test.caption[0].value
    assert int(both.split()[0]) < int(either.split()[0])


def test_wire_copy_labels_only_on_the_copies(monkeypatch, demo_db):
    test = open_story_titled(app(monkeypatch, demo_db), "fertiliser")
    cards = [m.value for m in test.expander[0].markdown if " UTC" in m.value and "source" in m.value]
    labelled = [c for c in cards if "wire copy of" in c]
    assert len(cards) >= 4 and len(labelled) == 2  # the courier's and the trumpet's reprints of the wire story
    assert all("wire copy of Continental Wire Service (" in c and " %)" in c for c in labelled)
    caption = test.caption[0].value
    assert "articles from" in caption and "UTC" in caption and "+00:00" not in caption


def test_page_text_with_markdown_stays_text(monkeypatch, demo_db, tmp_path):
    from datetime import datetime, timezone

    from conftest import demo_copy

    from compare.analysis.run import analyse_changed_stories
    from compare.store import Store
    from compare.stories.assign import match_new_articles
    from compare.stories.match import MatchParams

    db = demo_copy(demo_db, tmp_path / "hostile.db")
    title = "Ferry [click me](https://tracker.example/c) ![](https://tracker.example/pixel.png) **stuck**"
    with Store(db) as store:
        store.import_article({"outlet": "Continental Wire Service", "url": "https://wire.example/ferry",
                              "title": title, "published": "2026-03-16T08:00:00Z",
                              "text": "![](https://tracker.example/lead.png) The ferry ran aground off the coast "
                                      "with 40 people aboard, the coastguard said on Sunday."},
                             when=datetime(2026, 3, 16, tzinfo=timezone.utc))
        match_new_articles(store, MatchParams(), now=datetime(2026, 3, 16, tzinfo=timezone.utc))
        analyse_changed_stories(store, embedder=None)
    test = open_story_titled(app(monkeypatch, db), "Ferry")
    # Markdown calls only: the Texts tab is HTML (checked in a real browser, tests/test_browser.py).
    shown = [test.header[0].value, *(m.value for m in test.markdown if "<p" not in m.value and "<style" not in m.value),
             *(c.value for c in test.caption)]
    page_text = [v for v in shown if "tracker" in v]
    assert page_text
    assert all("](https://tracker" not in v and "![" not in v for v in page_text), page_text
    assert "[click me]" in html.unescape(test.header[0].value)


def test_the_outlets_page_counts_over_the_period_chosen(monkeypatch, demo_db):
    test = go(app(monkeypatch, demo_db), "Outlets")
    everything = test.dataframe[0].value.set_index("outlet")
    assert everything["stories"].sum() > 0
    test.date_input(key="outlets_period").set_value((date(2020, 1, 1), date(2020, 1, 7))).run()
    nothing = test.dataframe[0].value.set_index("outlet")
    assert nothing["stories"].sum() == 0 and nothing["blindspots"].sum() == 0  # no article in that week
    assert "0 stories" in " ".join(c.value for c in test.caption)


def test_the_dashboard_reads_a_postgresql_database(monkeypatch):
    from conftest import postgres_database

    from compare.demo.build import build_demo
    from compare.store import Store

    with postgres_database() as url:
        with Store(url) as store:
            build_demo(store)
        test = app(monkeypatch, url)  # type: ignore[arg-type]
        assert test.header[0].value == "Stories" and "15 stories" in test.caption[0].value
        shown = html.unescape(" ".join(c.value for c in test.sidebar.caption)).replace("\u2060", "")
        assert "Database: postgresql://postgres@" in shown
        go(test, "Story")
        assert test.tabs and not test.error


def test_outlets_feeds_and_compare_pages(monkeypatch, demo_db):
    test = go(app(monkeypatch, demo_db), "Outlets")
    assert test.header[0].value == "Outlets" and test.dataframe
    test.selectbox(key="group_by").set_value("ownership").run()
    assert len(test.dataframe) >= 3
    go(test, "Feeds")
    assert test.header[0].value == "Feeds" and not test.error
    go(test, "Compare an article")
    test.text_input(key="compare_title").set_value("Talks in Saldenburg").run()
    test.text_area(key="compare_text").set_value(
        "Veldoria and Karsk met in Saldenburg, hosted by Norlund's foreign minister Ingrid Halvorsen. "
        "Veldoria proposed an exchange of 300 prisoners. Karsk demands recognition of its control over Dorva.").run()
    assert not test.exception
    grids = [df.value for df in test.dataframe if "Your article" in df.value.columns]
    assert grids and all(list(g.columns).index("Your article") == min(
        i for i, c in enumerate(g.columns) if c not in ("fact", "reported by", "name", "story", "source",
                                                          "outlet")) for g in grids[:1])
    cards = [c.value for c in test.caption if "articles from" in c.value]
    assert cards and "Your article" not in cards[0] and "None" not in " ".join(c.value for c in test.caption)


def test_compare_an_article_that_matches_nothing_still_analyses_it(monkeypatch, demo_db):
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    text = next(seeds.glob("*.txt")).read_text(encoding="utf-8") if seeds.exists() else (
        "Officials said the so-called reform was a disaster, according to the ministry. Critics claim the "
        "plan may perhaps be reversed, the shocking report said. \"We are shocked,\" said Anna Lindqvist.")
    test = go(app(monkeypatch, demo_db), "Compare an article")
    test.text_area(key="compare_text").set_value(text).run()
    assert not test.exception, test.exception
    summary = next(c.value for c in test.caption if "framing cues" in c.value)
    assert int(summary.split("; ")[1].split()[0]) > 0  # "N framing cues in K categories"
    assert "No stored story matches this article" in test.warning[0].value
    assert any("<mark" in m.value for m in test.markdown)
    assert [t.label for t in test.tabs][:4] == ["Framing cues", "Sources", "Names", "Figures"]


def test_empty_database_explains_what_to_do(monkeypatch, tmp_path):
    test = app(monkeypatch, tmp_path / "empty.db")
    assert "news-compare demo" in test.info[0].value


def test_broken_database_is_an_error_in_words(monkeypatch, tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 50)
    test = app(monkeypatch, broken)
    assert "Cannot open the database" in test.error[0].value


def test_collect_button_reports_a_missing_feeds_file(monkeypatch, demo_db, tmp_path):
    monkeypatch.setenv("NEWS_COMPARE_FEEDS", str(tmp_path / "missing.toml"))
    test = app(monkeypatch, demo_db)
    test.sidebar.button[0].click().run()
    assert "no such file" in test.sidebar.error[0].value


def test_story_link_to_an_unknown_story_says_so(monkeypatch, demo_db):
    monkeypatch.setenv("NEWS_COMPARE_DB", str(demo_db))
    test = AppTest.from_file(APP, default_timeout=60)
    test.query_params["page"] = "Story"
    test.query_params["story"] = "s-does-not-exist"
    test.run()
    assert not test.exception
    assert "There is no story s-does-not-exist" in html.unescape(test.error[0].value)
    assert test.header  # the latest story is shown instead


def test_collect_with_failing_feeds_warns_and_the_feeds_page_lists_them_first(monkeypatch, demo_db, tmp_path):
    import socket

    from conftest import demo_copy

    with socket.socket() as sock:  # a port nothing listens on: every feed fails at once
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[settings]\nretries = 0\nrespect_robots = false\n\n[[outlets]]\nname = "Dead Wire"\n'
                     f'feeds = ["http://127.0.0.1:{dead}/rss.xml", "http://127.0.0.1:{dead}/atom.xml"]\n',
                     encoding="utf-8")
    monkeypatch.setenv("NEWS_COMPARE_FEEDS", str(feeds))
    db = demo_copy(demo_db, tmp_path / "demo.db")
    test = app(monkeypatch, db)
    test.sidebar.button[0].click().run()
    assert not test.exception, test.exception
    assert not test.sidebar.success
    warning = html.unescape(test.sidebar.warning[0].value)
    assert "2 of 2 feeds could not be read" in warning and f"127.0.0.1:{dead}" in warning
    test.sidebar.button(key="to_feeds").click().run()
    assert test.header[0].value == "Feeds"
    assert "2 of " in test.warning[0].value and not test.error
    feeds_table = test.dataframe[0].value
    assert list(feeds_table["outlet"][:2]) == ["Dead Wire", "Dead Wire"]
    assert "None" not in feeds_table.astype(str).to_string()


def test_the_sidebar_says_which_outlets_collecting_would_add(monkeypatch, demo_db, tmp_path):
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[[outlets]]\nname = "Brand New Wire"\nfeeds = ["https://new.example/rss"]\n'
                     '[[outlets]]\nname = "The Ledger Review"\nfeeds = ["https://ledger.example/rss"]\n',
                     encoding="utf-8")
    monkeypatch.setenv("NEWS_COMPARE_FEEDS", str(feeds))
    test = app(monkeypatch, demo_db)
    notes = [html.unescape(c.value) for c in test.sidebar.caption if "Collecting adds" in c.value]
    assert notes and "1 outlet of" in notes[0] and "Brand New Wire" in notes[0] and "Ledger" not in notes[0]


def settings_file(monkeypatch, tmp_path: Path, text: str) -> Path:
    """A feeds.toml of these [settings] lines, the one the dashboard reads."""
    path = tmp_path / "feeds.toml"
    path.write_text("[settings]\n" + text, encoding="utf-8")
    monkeypatch.setenv("NEWS_COMPARE_FEEDS", str(path))
    return path


def shows_nothing_but_the_sign_in(test: AppTest) -> bool:
    return (not test.sidebar.radio and not test.dataframe and not test.sidebar.button
            and [h.value for h in test.header] == ["news-compare"] and len(test.text_input) == 1)


def test_with_a_password_only_the_sign_in_shows_until_it_is_given(monkeypatch, demo_db):
    monkeypatch.setenv("NEWS_COMPARE_PASSWORD", "correct horse")
    test = app(monkeypatch, demo_db)
    assert shows_nothing_but_the_sign_in(test)
    assert test.text_input(key="password").proto.type == test.text_input(key="password").proto.PASSWORD
    test.text_input(key="password").input("wrong horse")
    test.button[0].click().run()  # the form's submit button
    assert shows_nothing_but_the_sign_in(test) and test.error[0].value == "Wrong password."
    test.query_params["page"] = "Feeds"  # a link to another page opens nothing either
    test.run()
    assert shows_nothing_but_the_sign_in(test)
    test.text_input(key="password").input("correct horse")
    test.button[0].click().run()
    assert not test.exception, test.exception
    assert test.sidebar.radio(key="page").value == "Feeds" and test.header[0].value == "Feeds"
    go(test, "Stories")
    assert "15 stories" in test.caption[0].value  # signed in for the session: every page opens
    test.sidebar.button(key="sign_out").click().run()
    assert shows_nothing_but_the_sign_in(test)


def test_the_password_may_be_set_in_feeds_toml(monkeypatch, demo_db, tmp_path):
    monkeypatch.delenv("NEWS_COMPARE_PASSWORD", raising=False)
    settings_file(monkeypatch, tmp_path, 'dashboard_password = "from the file"\n')
    test = app(monkeypatch, demo_db)
    assert shows_nothing_but_the_sign_in(test)
    test.text_input(key="password").input("from the file")
    test.button[0].click().run()
    assert test.header[0].value == "Stories"


def compare_url(monkeypatch, demo_db, url: str) -> AppTest:
    test = go(app(monkeypatch, demo_db), "Compare an article")
    test.text_input(key="compare_url").input(url).run()
    assert not test.exception, test.exception
    return test


def test_compare_an_article_refuses_to_fetch_a_loopback_page(monkeypatch, demo_db, server, tmp_path):
    from builders import BRIDGE, article_page

    server.add("/article", article_page(BRIDGE))
    settings_file(monkeypatch, tmp_path, "respect_robots = false\n")
    test = compare_url(monkeypatch, demo_db, server.url("/article"))
    error = html.unescape(test.error[0].value).replace("\u2060", "")
    assert "refused: 127.0.0.1 is a loopback address" in error and "fetch_private_addresses" in error
    assert server.requests == [] and "Your article on its own" not in [s.value for s in test.subheader]


def test_compare_an_article_refuses_a_redirect_to_a_loopback_page(monkeypatch, demo_db, server, tmp_path):
    from test_page_fetch import public_127_0_0_2, redirector

    from compare.ui import page_fetch

    server.add("/inside", "<html><body><p>Only the newsroom's network may read this.</p></body></html>")
    monkeypatch.setattr(page_fetch, "address_problem", public_127_0_0_2)  # 127.0.0.2 stands for a public site
    settings_file(monkeypatch, tmp_path, "respect_robots = false\n")
    with redirector(server.url("/inside")) as (outside, asked):
        test = compare_url(monkeypatch, demo_db, f"{outside}/story")
    assert asked == ["/story"] and server.requests == []
    assert "refused: 127.0.0.1 is a loopback address" in html.unescape(test.error[0].value).replace("\u2060", "")


def test_compare_an_article_fetches_a_private_address_when_the_settings_allow(monkeypatch, demo_db, server, tmp_path):
    from builders import BRIDGE, article_page

    server.add("/article", article_page(BRIDGE))
    settings_file(monkeypatch, tmp_path, "fetch_private_addresses = true\n")
    test = compare_url(monkeypatch, demo_db, server.url("/article"))
    assert not test.error and [path for path, _ in server.requests] == ["/robots.txt", "/article"]
    assert "Your article on its own" in [s.value for s in test.subheader]


def test_collecting_and_fetching_can_be_switched_off(monkeypatch, demo_db, tmp_path):
    settings_file(monkeypatch, tmp_path, "dashboard_collect = false\ndashboard_fetch = false\n")
    test = app(monkeypatch, demo_db)
    assert not [b for b in test.sidebar.button if b.label == "Collect and update now"]
    assert any("dashboard_collect = false" in c.value for c in test.sidebar.caption)
    go(test, "Compare an article")
    assert [t.key for t in test.text_input] == ["compare_title"]  # no address to fetch
    assert "dashboard_fetch = false" in test.caption[0].value


def test_compare_an_article_follows_the_settings_of_feeds_toml(monkeypatch, demo_db, tmp_path):
    from compare.analysis import run

    models: list[str] = []
    real = run.load_embedder
    monkeypatch.setattr(run, "load_embedder", lambda name, threads=None: models.append(name) or real(name))
    text = ("Veldoria and Karsk met in Saldenburg, hosted by Norlund's foreign minister Ingrid Halvorsen. "
            "Veldoria proposed an exchange of 300 prisoners. Karsk demands recognition of its control over Dorva.")
    test = go(app(monkeypatch, demo_db), "Compare an article")
    test.text_area(key="compare_text").set_value(text).run()
    assert not test.warning and models == ["auto"]  # the shipped defaults: it matches the talks
    settings_file(monkeypatch, tmp_path, 'match_threshold = 0.99\nembedding_model = "none"\n')
    test.run()
    assert "a match needs 0.99" in test.warning[0].value
    settings_file(monkeypatch, tmp_path, 'match_threshold = 0.2\nembedding_model = "none"\n')
    test.run()
    assert not test.warning and models == ["auto", "none"]


def test_a_missing_database_is_named_and_not_created(monkeypatch, tmp_path):
    missing = tmp_path / "nothing-here.db"
    test = app(monkeypatch, missing)
    info = html.unescape(test.info[0].value).replace("\u2060", "")
    assert f"There is no database at {missing} yet" in info and "news-compare demo" in info
    assert not missing.exists()


def test_a_server_listening_beyond_this_machine_is_told_apart(monkeypatch):
    from streamlit import runtime

    from compare.ui import gate

    assert gate.listening_beyond_this_machine() is None  # no server runs here
    monkeypatch.setattr(runtime, "exists", lambda: True)
    monkeypatch.setattr(runtime.Runtime, "instance", classmethod(lambda cls: object.__new__(runtime.Runtime)))
    for address, seen in (("127.0.0.1", None), ("localhost", None), ("::1", None), ("0.0.0.0", "0.0.0.0"),
                          ("192.168.1.20", "192.168.1.20"), (None, "every address of this machine")):
        monkeypatch.setattr(gate.st, "get_option", lambda name, value=address: value)
        assert gate.listening_beyond_this_machine() == seen, address


def test_listening_beyond_this_machine_without_a_password_shows_nothing_but_why(monkeypatch, demo_db):
    from compare.ui import gate

    monkeypatch.delenv("NEWS_COMPARE_PASSWORD", raising=False)
    monkeypatch.setattr(gate, "listening_beyond_this_machine", lambda: "0.0.0.0")
    test = app(monkeypatch, demo_db)
    assert not test.sidebar.radio and not test.dataframe and not test.header and not test.text_input
    assert "listens on 0.0.0.0 and has no password" in test.error[0].value
    monkeypatch.setenv("NEWS_COMPARE_PASSWORD", "now there is one")
    test.run()
    assert shows_nothing_but_the_sign_in(test)
