"""Build a demo database: serve the corpus on 127.0.0.1 and run the real collector on it."""

from __future__ import annotations

import logging
from contextlib import ExitStack

from compare.analysis.run import AnalyseReport
from compare.collect.fetch import HttpClient
from compare.collect.pipeline import Progress, update
from compare.collect.replay import ReplayServer
from compare.config import Config, Outlet, Settings
from compare.demo.corpus import Corpus, load_corpus
from compare.demo.site import feed_path, site_resources
from compare.errors import CompareError
from compare.models import CollectReport
from compare.store import Store
from compare.stories.assign import MatchReport

logger = logging.getLogger(__name__)

# The replay runs on this machine: no politeness delay is needed, and short timeouts suffice.
DEMO_SETTINGS = Settings(host_delay=0.0, timeout=10.0, connect_timeout=5.0, workers=8, retries=1, backoff=0.1)


def build_demo(store: Store, *, progress: Progress | None = None,
               corpus: Corpus | None = None) -> tuple[CollectReport, MatchReport, AnalyseReport]:
    """Serve each demo outlet's site on its own loopback port and run every stage into ``store``.

    Raises CompareError when ``store`` already holds articles of outlets that are not the
    demo's, so that invented news never mixes with real coverage.
    """
    corpus = corpus or load_corpus()
    _refuse_foreign_articles(store, corpus)
    with ExitStack() as stack:
        servers = {slug: stack.enter_context(ReplayServer(site_resources(corpus, outlet)))
                   for slug, outlet in corpus.outlets.items()}
        config = demo_config(corpus, {slug: server.base_url for slug, server in servers.items()})
        client = stack.enter_context(HttpClient(config.settings))
        return update(config, store, client, progress=progress)


def demo_config(corpus: Corpus, base_urls: dict[str, str]) -> Config:
    """The demo's outlets with the feed addresses of the running replay servers."""
    outlets = tuple(
        Outlet(name=o.name, feeds=(base_urls[slug] + feed_path(o),), country=o.country, language=o.language,
               ownership=o.ownership, lean=o.lean, tags=("demo",))
        for slug, o in corpus.outlets.items())
    return Config(settings=DEMO_SETTINGS, outlets=outlets)


def _refuse_foreign_articles(store: Store, corpus: Corpus) -> None:
    names = {o.name for o in corpus.outlets.values()}
    foreign = sorted(name for name in store.outlets_with_articles() if name not in names)
    if foreign:
        raise CompareError(f"{store.name} already holds real articles (from {', '.join(foreign[:3])}"
                           f"{' and others' if len(foreign) > 3 else ''}); build the demo in another "
                           f"database, e.g. --db demo.db")
