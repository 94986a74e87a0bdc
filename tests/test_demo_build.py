"""`news-compare demo`: the corpus replayed over loopback HTTP through the real collector."""

from __future__ import annotations

import pytest

from compare.cli import main
from compare.demo.build import build_demo
from compare.demo.corpus import load_corpus
from compare.errors import CompareError
from compare.store import Store

CORPUS = load_corpus()


def test_demo_database_holds_every_article_with_its_text(tmp_path):
    with Store(tmp_path / "demo.db") as store:
        report, matched, analysed = build_demo(store)
        assert matched.new_articles == len(CORPUS.articles)
        assert analysed.stories == len(CORPUS.by_story()) and analysed.facts > 0
        assert report.feeds_failed == 0 and report.extracted == len(CORPUS.articles)
        stored = {a["title"]: a for a in store.iter_articles()}
    assert len(stored) == len(CORPUS.articles)
    for article in CORPUS.articles:
        row = stored[article.title]
        assert row["status"] == "extracted"
        assert " ".join(row["text"].split()) == " ".join(article.text.split())
        assert row["outlet"] == CORPUS.outlets[article.outlet].name
        assert row["published"] == article.published.isoformat()


def test_rebuilding_adds_nothing(tmp_path):
    with Store(tmp_path / "demo.db") as store:
        build_demo(store)
        again, matched, analysed = build_demo(store)
        assert again.new_articles == 0 and matched.new_articles == 0 and analysed.stories == 0
        assert store.status_counts() == {"extracted": len(CORPUS.articles)}


def test_demo_refuses_a_database_with_real_articles(tmp_path):
    with Store(tmp_path / "real.db") as store:
        store.import_article({"outlet": "Real Outlet", "url": "https://real.example/1", "title": "T",
                              "text": "Real news."}, when=__import__("datetime").datetime.now())
        with pytest.raises(CompareError, match="already holds real articles"):
            build_demo(store)


def test_demo_command_builds_and_lists(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "demo.db"), "-q", "demo", "--no-dashboard"]) == 0
    out = capsys.readouterr().out
    assert f"{len(CORPUS.articles)} articles from six invented outlets in {len(CORPUS.by_story())} stories" in out
