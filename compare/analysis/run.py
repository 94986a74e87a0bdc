"""`news-compare analyse`: facts, omissions, discrepancies, framing and sources for changed stories.

A story is analysed again only when its articles, their texts or the similarity in use
changed (a signature of all three is kept); its rows are replaced in one transaction, so a
killed run changes nothing. Each article is parsed once (:mod:`compare.analysis.parse`) and that one
parse feeds alignment, framing cues, sources and tone. Sentence vectors are stored by text
and model, so a story that gains an article embeds only the new article's sentences.

Analysers sharing one database (processes or machines) share the changed stories: each claims
them a batch at a time under a lease (:meth:`compare.store.Store.claim_stories`), passing over
stories another holds and stories already stored as they are now; a killed analyser's stories
are taken over when its lease runs out (at once on the same machine). Every analyser keeps the
signature it computed before reading a story, so a story that changed while it was analysed
is analysed again on a later run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from compare.analysis.align import Alignment, align_story
from compare.analysis.framing import (
    Lexicon,
    article_cues,
    default_lexicon,
    tone,
)
from compare.analysis.labels import LABEL, label_words, story_naming
from compare.analysis.own_words import story_own_words
from compare.analysis.parse import ParsedArticle, parse_article, sentence_rows
from compare.analysis.sources import article_sources
from compare.analysis.wording import HEADLINES, fact_contrasts, headline_choice, proper_words, same_language
from compare.embed import LEXICAL, Embedder, describe, load_embedder, multilingual_embedder, text_key
from compare.forking import forked_pool
from compare.language import ENGLISH, UNKNOWN
from compare.store import Lease, Store, StoryAnalysis, utc_iso
from compare.store.leases import worker_name

logger = logging.getLogger(__name__)

# Part of every story's signature: a change to what analysis finds re-analyses stored stories.
ANALYSIS_VERSION = "places-2"
# Stories are analysed in several processes from this many on (fewer are done before workers start).
_PARALLEL_STORIES = 40
# One process claims this many changed stories at a time (workers: twice as many as there are
# workers), looking for them among this many of the changed stories at once.
_CLAIM_BATCH = 8
_CLAIM_WINDOW = 200
_WAIT_FOR_OTHERS = 0.25  # seconds between looks at stories other analysers hold
# For tests: a file this process writes the ids of its first claimed stories to, before it
# waits until a file of that name with ".go" added appears.
PAUSE_AFTER_CLAIM = "NEWS_COMPARE_TEST_PAUSE_AFTER_CLAIM"


@dataclass
class AnalyseReport:
    stories: int = 0
    facts: int = 0
    discrepancies: int = 0
    cues: int = 0
    sources: int = 0
    similarity: str = ""  # which similarity aligned the facts, in words
    embedded: int = 0  # sentences the model embedded (the others were stored already)

    def add(self, other: AnalyseReport) -> None:
        """Count another run's (or story's) findings in."""
        for name in ("stories", "facts", "discrepancies", "cues", "sources"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def analyse_changed_stories(store: Store, *, lexicon: Lexicon | None = None, now: datetime | None = None,
                            progress: Callable[[str, int, int], None] | None = None,
                            only: set[str] | None = None, embedder: Embedder | None | str = "auto",
                            workers: int | None = None, lease_seconds: float = 600.0,
                            clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> AnalyseReport:
    """Analyse every story whose articles changed since it was last analysed (or only those in ``only``).

    ``embedder`` is a sentence model, None for the lexical scorer, or a model name for
    :func:`compare.embed.load_embedder` ("auto": the packaged default when installed).
    ``workers``: processes that analyse stories side by side (default: one per CPU when there
    are many stories; each reads the database itself, and this process writes what they found).
    Stories are claimed a batch at a time under a lease of ``lease_seconds`` (by ``clock``), so
    that analysers sharing the database share them; ``report.stories`` counts this one's.
    """
    lexicon = lexicon or default_lexicon()
    model_name = embedder if isinstance(embedder, str) else None
    models = SentenceModels(store, embedder)
    job = _Job(lexicon, frozenset(store.outlet_names()), models.signature,
               utc_iso(now or datetime.now(timezone.utc)) or "")
    changed = [(s, sig) for s, sig in _changed_stories(store, models.signature, lexicon.fingerprint)
               if only is None or s in only]
    report = AnalyseReport(similarity=models.describe())
    if not changed:
        return report
    if workers is None:
        workers = (os.cpu_count() or 1) if len(changed) >= _PARALLEL_STORIES else 1
    queue = _ChangedStories(store, changed, Lease(worker_name(), clock(), lease_seconds), clock)
    try:
        if workers > 1 and len(changed) > 1 and (model_name is not None or models.default is None) and \
                _analyse_in_processes(store, queue, job, model_name if models.default else "none", workers, report,
                                      progress):
            return report
        while batch := queue.claim(_CLAIM_BATCH):
            for story_id, signature in batch:
                if not queue.holds(story_id):
                    continue  # its lease ran out and another analyser took it
                analysis, found = _analyse_story(store, models, job, story_id, signature)
                if store.save_analysis(analysis, job.when):  # not when a matcher removed the story meanwhile
                    report.add(found)
                if progress:
                    progress("stories", report.stories, queue.total)
            queue.give_back(batch)
    except BaseException:
        with suppress(Exception):  # the leases run out anyway; the error that stopped the run matters
            queue.give_back(None)
        raise
    report.embedded = models.embedded
    return report


class _ChangedStories:
    """The changed stories still to analyse, claimed a batch at a time under this analyser's lease.

    Stories other analysers hold are passed over and looked at again later; stories another
    analyser has stored as they are now are dropped. While others hold all that is left, this
    one waits: a killed analyser's stories are taken over once its lease runs out (at once when
    it ran on this machine)."""

    def __init__(self, store: Store, changed: list[tuple[str, str]], lease: Lease, clock: Callable[[], datetime]):
        self.store, self.lease, self.clock = store, lease, clock
        self.pending = dict(changed)  # story id -> the signature computed before reading it, in order
        self.held_by_others: set[str] = set()
        self.done_by_others = 0
        self._claimed = 0
        self._held: set[str] = set()  # claimed and not given back, as of the last renewal
        self._renewed = clock()  # when the leases on all of them last ran a whole lease from
        if store.release_dead_leases(now=clock()):
            logger.info("took over the stories of a stopped analyser on this machine")

    @property
    def total(self) -> int:
        """How many stories this analyser has analysed or may yet analyse."""
        return self._claimed + len(self.pending)

    def claim(self, limit: int, *, wait: bool = True) -> list[tuple[str, str]]:
        """Up to ``limit`` stories, as (id, signature), now leased to this analyser; none once no
        story is left to anyone (or, without ``wait``, while others hold all that is left)."""
        while self.pending:
            window = list(islice(((story_id, signature) for story_id, signature in self.pending.items()
                                  if story_id not in self.held_by_others), _CLAIM_WINDOW))
            if not window:
                if not wait:
                    return []
                time.sleep(_WAIT_FOR_OTHERS)
                self.store.release_dead_leases(now=self.clock())
                self.held_by_others.clear()
                continue
            ids = self.store.claim_stories(window, self.lease, limit, now=self.clock())
            if ids:
                if not self._held:  # so that a batch claimed after a pause is not renewed at once
                    self._renewed = self.clock()
                self._claimed += len(ids)
                self._held.update(ids)
                _pause_after_claim(ids)
                return [(story_id, self.pending.pop(story_id)) for story_id in ids]
            due = set(self.store.stories_still_due(window))
            for story_id, _ in window:
                if story_id in due:
                    self.held_by_others.add(story_id)
                else:
                    del self.pending[story_id]
                    self.done_by_others += 1
        return []

    def holds(self, story_id: str) -> bool:
        """Whether this analyser still holds the story, its leases renewed first once half a lease
        has passed since they were (between stories: a batch may take longer than a lease)."""
        now = self.clock()
        if (now - self._renewed).total_seconds() >= self.lease.seconds / 2:
            self._held &= self.store.renew_leases("stories", self.lease, now=now)
            self._renewed = now
        return story_id in self._held

    def give_back(self, batch: list[tuple[str, str]] | None) -> None:
        """End the leases on these stories, analysed and stored (None: on all this analyser holds)."""
        self._held = set() if batch is None else self._held - {story_id for story_id, _ in batch}
        self.store.give_back_stories(self.lease, None if batch is None else [story_id for story_id, _ in batch])


def _pause_after_claim(story_ids: list[str]) -> None:
    """For tests (see :data:`PAUSE_AFTER_CLAIM`): the first time this process claims stories,
    name them in the file and wait until the test lets it go on."""
    path = os.environ.get(PAUSE_AFTER_CLAIM)
    if not path or os.path.exists(path):
        return
    Path(f"{path}.part").write_text("\n".join(story_ids), encoding="utf-8")
    os.replace(f"{path}.part", path)  # whole, or not there at all
    while not os.path.exists(f"{path}.go"):
        time.sleep(0.01)


class SentenceModels:
    """The sentence model each story's facts are aligned with.

    A model given as such, or named in the settings, aligns every story. With "auto", the
    default (English) model aligns a story told in English only, and the multilingual model,
    when installed, a story with an article in another language: one space for every
    language, so that a Spanish sentence can stand in the row of its English counterpart.
    """

    def __init__(self, store: Store, embedder: Embedder | None | str, *, threads: int | None = None,
                 save: bool = True) -> None:
        """``save``: store new vectors at once; else keep them for :meth:`take_new`."""
        auto = embedder == "auto"
        self.default = load_embedder(embedder, threads=threads) if isinstance(embedder, str) else embedder
        multilingual = multilingual_embedder(threads) if auto and self.default is not None else None
        self.multilingual = None if multilingual is None or multilingual.name == self.default.name else multilingual
        self._vectors = {e.name: StoredVectors(store, e, save=save) for e in (self.default, self.multilingual) if e}

    @property
    def signature(self) -> str:
        """What part of a story's signature the models are: a change of either analyses it again."""
        return "+".join(self._vectors) or LEXICAL

    def describe(self) -> str:
        """The models in words, for the report."""
        if self.default is None:
            return describe(LEXICAL)
        return describe(self.default) + (f" ({self.multilingual.name} for stories in several languages or "
                                         "not in English)" if self.multilingual else "")

    def for_story(self, articles: list[ParsedArticle]) -> StoredVectors | None:
        """The vectors that align this story (None: the lexical scorer)."""
        if self.multilingual is not None and any(a.language not in (ENGLISH, UNKNOWN) for a in articles):
            return self._vectors[self.multilingual.name]
        return self._vectors[self.default.name] if self.default else None

    @property
    def embedded(self) -> int:
        return sum(v.embedded for v in self._vectors.values())

    def take_new(self) -> dict[str, dict[str, bytes]]:
        """Each model's vectors embedded since the last call and not stored (``save=False``)."""
        return {name: new for name, v in self._vectors.items() if (new := v.take_new())}


@dataclass(frozen=True)
class _Job:
    """What analysing any story of a run needs beside the story itself."""

    lexicon: Lexicon
    known_outlets: frozenset[str]
    similarity: str
    when: str

    def article_signature(self, article: ParsedArticle) -> str:
        """What an article's own rows depend on: its words, outlet and kind, the lexicon, this code.

        (Not the list of known outlets: a new outlet in feeds.toml would otherwise make every
        article due again. An article's sources learn of it when the article changes.)"""
        parts = (ANALYSIS_VERSION, self.lexicon.fingerprint, article.outlet, article.kind, article.title, article.text)
        return hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()


def _analyse_story(store: Store, models: SentenceModels, job: _Job, story_id: str,
                   signature: str) -> tuple[StoryAnalysis, AnalyseReport]:
    """One story's analysis rows, and what was found (nothing is written).

    The facts are aligned anew over all its articles (from stored sentence vectors); each
    article's own rows (cues, sources, tone) are computed only when the article changed."""
    articles = story_articles(store, story_id)
    vectors = models.for_story(articles)
    alignment = align_story(articles, vectors=vectors)
    signatures = {a.id: job.article_signature(a) for a in articles}
    stored = store.article_signatures(list(signatures))
    kept = sorted(i for i, found in signatures.items() if stored.get(i) == found)
    analysis = StoryAnalysis(story_id, signature, vectors.name if vectors else LEXICAL,
                             analysed={i: found for i, found in signatures.items() if i not in kept}, kept=kept)
    return analysis, _rows(analysis, articles, alignment, job.lexicon, job.known_outlets)


def _analyse_in_processes(store: Store, queue: _ChangedStories, job: _Job, model: str, workers: int,
                          report: AnalyseReport, progress: Callable[[str, int, int], None] | None) -> bool:
    """Analyse the stories in forked workers; False (nothing done) when forking is not safe now.

    Each worker reads through its own connection and loads the sentence model itself, limited
    to one thread (the workers already use every core). This process alone claims stories
    (twice as many as there are workers at a time) and writes, so that the workers never wait
    for each other's write lock."""
    with forked_pool(workers, _start_worker, (str(store.target), model, job)) as pool:
        if pool is None:
            return False
        in_flight: dict[Future[Any], tuple[str, str]] = {}
        stored: list[tuple[str, str]] = []  # analysed and stored, still under this analyser's lease
        while True:
            if queue.pending and len(in_flight) < workers:
                queue.give_back(stored)
                stored = []
                # Waits for other analysers' stories only when this one has nothing in hand.
                for story_id, signature in queue.claim(workers * 2, wait=not in_flight):
                    in_flight[pool.submit(_analyse_in_worker, story_id, signature)] = (story_id, signature)
            if not in_flight:
                if queue.pending:
                    continue
                break
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                stored.append(in_flight.pop(future))
                analysis, found, vectors = future.result()
                if not queue.holds(analysis.story_id):
                    continue  # its lease ran out and another analyser took it: that one stores it
                for model, new in vectors.items():
                    store.save_sentence_vectors(model, new)
                    report.embedded += len(new)
                if store.save_analysis(analysis, job.when):  # not when a matcher removed the story meanwhile
                    report.add(found)
                if progress:
                    progress("stories", report.stories, queue.total)
        queue.give_back(stored)
    return True


_WORKER: dict[str, Any] = {}


def _start_worker(target: str, model: str, job: _Job) -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # one thread of numerical work per worker: the workers share the cores
    store = Store(target)  # never the parent's connection, which this process inherited
    _WORKER.update(store=store, job=job, models=SentenceModels(store, model, threads=1, save=False))


def _analyse_in_worker(story_id: str, signature: str
                       ) -> tuple[StoryAnalysis, AnalyseReport, dict[str, dict[str, bytes]]]:
    """One story's rows, what was found, and the sentence vectors embedded for it (to be
    stored), by model."""
    models: SentenceModels = _WORKER["models"]
    analysis, found = _analyse_story(_WORKER["store"], models, _WORKER["job"], story_id, signature)
    return analysis, found, models.take_new()


class StoredVectors:
    """Sentence vectors through the store: stored ones are read, only new sentences are embedded."""

    def __init__(self, store: Store, embedder: Embedder, *, save: bool = True) -> None:
        """``save``: store new vectors at once; else keep them for :meth:`take_new`."""
        self.store, self.embedder, self.save = store, embedder, save
        self.embedded = 0
        self._new: dict[str, bytes] = {}

    @property
    def name(self) -> str:
        """The sentence model's name."""
        return self.embedder.name

    def take_new(self) -> dict[str, bytes]:
        """The vectors embedded since the last call and not stored (``save=False``)."""
        new, self._new = self._new, {}
        return new

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(t, self.embedder.name) for t in texts]
        stored = self.store.sentence_vectors(list(dict.fromkeys(keys)))
        missing = {k: t for k, t in zip(keys, texts) if k not in stored}
        if missing:
            fresh = self.embedder.embed(list(missing.values()))
            # float16: half the room of float32, and cosines between unit vectors move by < 0.001
            new = {k: v.astype(np.float16).tobytes() for k, v in zip(missing, fresh)}
            if self.save:
                self.store.save_sentence_vectors(self.embedder.name, new)
            else:
                self._new.update(new)
            stored.update(new)
            self.embedded += len(new)
        return np.stack([np.frombuffer(stored[k], dtype=np.float16).astype(np.float32) for k in keys]) \
            if keys else np.zeros((0, 0))


def _changed_stories(store: Store, similarity: str, lexicon: str) -> list[tuple[str, str]]:
    done = store.analysis_signatures()
    changed = []
    for story_id, articles in store.story_contents().items():
        # An article's kind counts (omissions count reports only); a report adds nothing.
        parts = ",".join(f"{a}:{h}" + ("" if kind == "report" else f":{kind}") for a, h, kind in articles)
        signature = hashlib.sha1(f"{ANALYSIS_VERSION}\x00{similarity}\x00{lexicon}\x00{parts}".encode("utf-8")
                                 ).hexdigest()
        if done.get(story_id) != signature:
            changed.append((story_id, signature))
    return sorted(changed)


def story_articles(store: Store, story_id: str) -> list[ParsedArticle]:
    """A story's articles, each parsed once, in publication order."""
    return [parse_article(r["id"], r["outlet"], r["title"], r["text"], kind=r["kind"], language=r["language"])
            for r in store.analysis_inputs(story_id)]


def _rows(analysis: StoryAnalysis, articles: list[ParsedArticle], alignment: Alignment, lexicon: Lexicon,
          known_outlets: frozenset[str]) -> AnalyseReport:
    """Fill ``analysis`` with the story's rows; returns what was found."""
    story_id, rows = analysis.story_id, analysis.rows
    rows["facts"] = [(story_id, f.id, len(f.outlets), f.sentences[0].article_id, f.sentences[0].index)
                     for f in alignment.facts]
    rows["fact_sentences"] = [(story_id, f.id, s.outlet, s.article_id, s.index, *(s.clause or (None, None)))
                              for f in alignment.facts for s in f.sentences]
    rows["omissions"] = [(story_id, o.fact.id, o.outlet, o.closest.article_id if o.closest else None,
                          o.closest.index if o.closest else None, float(o.closeness)) for o in alignment.omission_list]
    rows["discrepancies"] = [(story_id, d.fact_id, d.kind, d.unit, outlet, sentence.article_id, quantity.text,
                              float(quantity.value), sentence.index)
                             for d in alignment.discrepancies for outlet, (quantity, sentence) in d.values.items()]
    for article in articles:
        if article.id not in analysis.analysed:
            continue  # its own rows are stored already
        # Every row above points at its sentence by (article, index); the text is stored once.
        analysis.sentences += sentence_rows(article)
        # Cues from the lexicon's lists for the article's language; VADER (tone) reads English only.
        read_in_english = article.language in (ENGLISH, UNKNOWN)
        for cue in article_cues(article.title, article, lexicon):
            rows["cues"].append((story_id, article.outlet, article.id, cue.category, cue.term, cue.sentence_index,
                                 cue.start, cue.end))
        for position, source in enumerate(article_sources(article, known_outlets)):
            rows["sources"].append((story_id, article.outlet, article.id, source.source, source.kind, source.quote,
                                    source.sentence_index, source.canonical, source.cue, source.written, position))
        if read_in_english:
            rows["tone"].append((article.id, story_id, float(tone(article.title)), float(tone(article))))
    rows["names"] = [(story_id, name, outlet, count) for name, outlets in alignment.names.items()
                     for outlet, count in outlets.items()]
    naming = story_naming(articles, lexicon)
    rows["labels"] = [(story_id, l.outlet, l.article_id, l.entity, l.label, l.sentence_index, l.kind, int(l.differs))
                      for l in naming]
    labels = [l for l in naming if l.kind == LABEL and l.differs]  # the choices, which contrasts widen to
    phrases = frozenset(" ".join(l.label.lower().split()) for l in labels)
    headlines: dict[str, list[str]] = {}
    for article in articles:
        headlines.setdefault(article.outlet, []).append(article.title)
    words = label_words(labels)
    # Word choice is compared between outlets writing in one language (another's is a translation).
    language_of = {a.outlet: a.language for a in articles}
    # Title case hides a headline's names: the words the texts only ever write as a name count as one.
    names = known_outlets | proper_words(articles, alignment.names)
    for group in same_language({o: " | ".join(t) for o, t in headlines.items()}, language_of):
        group_lexicon = lexicon.or_language(language_of[next(iter(group))])
        for outlet, terms in headline_choice(group, group_lexicon, names, words).items():
            rows["contrasts"].append((story_id, HEADLINES, outlet, json.dumps(terms)))
    rows["contrasts"] += [(story_id, fact_id, outlet, json.dumps(terms)) for fact_id, outlet, terms in
                          fact_contrasts(alignment.facts, lexicon, known_outlets, words, phrases, language_of)]
    rows["own_words"] = [(story_id, w.outlet, w.article_id, w.term, w.sentence_index, w.start, w.end, w.score)
                         for w in story_own_words(articles, known_outlets)]
    return AnalyseReport(stories=1, facts=len(alignment.facts), discrepancies=len(alignment.discrepancies),
                         cues=len(rows["cues"]), sources=len(rows["sources"]))
