"""Compare an article: the stored stories a pasted article belongs to, and one of them with the
pasted article as its first column (nothing is stored). Both follow the settings of feeds.toml,
as `match` and `analyse` do: the matching window, the sentence model and the user's lexicon."""

from __future__ import annotations

import numpy as np
import pandas as pd

from compare.analysis.align import align_story
from compare.analysis.framing import default_lexicon, load_lexicon
from compare.analysis.parse import parse_article
from compare.analysis.pasted import PASTED, analyse_pasted
from compare.analysis.run import SentenceModels, StoredVectors, story_articles
from compare.analysis.wording import fact_contrasts
from compare.config import Settings
from compare.embed import multilingual_embedder
from compare.language import ENGLISH, UNKNOWN, detect_language
from compare.store import Store
from compare.stories.across_languages import lead_text, same_event_probability
from compare.stories.assign import candidate_docs, load_term_stats
from compare.stories.pair_scores import pair_features, probabilities
from compare.stories.participants import Participants
from compare.stories.vectors import Doc, featurize, tfidf
from compare.text import name_phrases
from compare.ui.views import OMITTED, SENTENCE_BREAK, StoryView, names_grid, story_view

_MAX_CANDIDATES = 5000  # stored articles compared with a pasted one
_MAX_ACROSS = 300  # of those, compared with a pasted article in another language (each embedded once, then stored)


def matching_stories(store: Store, title: str, text: str, *, limit: int = 5,
                     settings: Settings | None = None) -> pd.DataFrame:
    """Stories the given article most likely belongs to, best first (score 0-1, the same-event
    probability that ``settings.match_threshold`` is compared with).

    Only stored articles that mention one of the pasted article's names (or, without names,
    the most recent ones) are compared, weighted by the corpus's own term statistics, so
    the cost does not grow with the whole database. An article in another language than
    English is compared by the multilingual model's cosine of headline and lead instead, read
    as a same-event probability (:func:`compare.stories.across_languages.same_event_probability`),
    with the first few hundred of those articles.
    """
    settings = settings or Settings()
    names = list(dict.fromkeys(name_phrases(f"{title}. {text[:2500]}")))[:8]
    candidates = candidate_docs(store, names, _MAX_CANDIDATES)
    if not candidates:
        return pd.DataFrame(columns=["story_id", "title", "score"])
    pasted = Doc("pasted", "Your article", 0.0, title, text)
    if detect_language(lead_text(pasted)) not in (ENGLISH, UNKNOWN):
        across = _stories_across_languages(store, pasted, candidates[:_MAX_ACROSS], limit)
        if across is not None:
            return across
    for doc in candidates:
        doc.time = 0.0  # a pasted article has no date of its own: time plays no part here
    docs = [pasted, *candidates]
    counts, names = featurize(docs)
    stats = load_term_stats(store)
    if stats.n_docs == 0:
        stats.add(counts)
    vectors = tfidf(counts, stats)
    participants = Participants.build(names, counts, stats.idf())
    cosine = (vectors[1:] @ vectors[0].T).toarray().ravel()
    close = np.flatnonzero(cosine > 0.05) + 1  # rows of docs alike enough to score
    scores = probabilities(pair_features(docs, participants, np.zeros(len(close), dtype=np.int64), close,
                                         cosine[close - 1], window_days=settings.match_window_days))
    return _best_stories(store, [docs[row] for row in close.tolist()], scores.tolist(), limit)


def _best_stories(store: Store, docs: list[Doc], scores: list[float], limit: int) -> pd.DataFrame:
    """The ``limit`` stories whose articles (``docs``, each with its score) score highest, each
    by its best article: story_id, title, score."""
    best: dict[str, float] = {}
    for doc, score in zip(docs, scores):
        best[str(doc.story_id)] = max(best.get(str(doc.story_id), 0.0), score)
    ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
    titles = store.story_titles([s for s, _ in ranked])
    return pd.DataFrame([{"story_id": s, "title": titles.get(s, ""), "score": round(v, 3)} for s, v in ranked],
                        columns=["story_id", "title", "score"])


def _stories_across_languages(store: Store, pasted: Doc, candidates: list[Doc], limit: int) -> pd.DataFrame | None:
    """Stories ranked by how surely they report the pasted article's event, from the
    multilingual model's cosine of headline and lead with their articles (None when no
    multilingual model is installed): the matcher's words and names do not carry across languages."""
    embedder = multilingual_embedder()
    if embedder is None:
        return None
    vectors = StoredVectors(store, embedder)([lead_text(d) for d in [pasted, *candidates]])
    scores = same_event_probability(vectors[1:] @ vectors[0])
    return _best_stories(store, candidates, np.atleast_1d(scores).tolist(), limit)


def compare_with_story(store: Store, story_id: str, title: str, text: str, *,
                       settings: Settings | None = None) -> StoryView:
    """The story's comparison with the pasted article as its first column (nothing is stored),
    aligned by the sentence model of ``settings.embedding_model``, worded with its lexicon."""
    settings = settings or Settings()
    view = story_view(store, story_id)
    assert view is not None
    pasted = parse_article("pasted", PASTED, title, text)
    articles = [*story_articles(store, story_id), pasted]
    # The story's model, or the multilingual one when the pasted article is in another language.
    alignment = align_story(articles, vectors=SentenceModels(store, settings.embedding_model).for_story(articles))
    outlets = [PASTED, *sorted({a.outlet for a in articles} - {PASTED})]
    records = []
    for fact in alignment.facts:
        if len(fact.outlets) < 2 and PASTED not in fact.outlets:
            continue
        # Every sentence an outlet gives the fact, as on the stored story's page.
        records.append({"fact_id": fact.id, "fact": fact.sentences[0].text, "n_outlets_reporting": len(fact.outlets),
                        **{o: SENTENCE_BREAK.join(s.text for s in fact.sentences if s.outlet == o) for o in outlets},
                        "position": min(s.index for s in fact.sentences)})
    omitted = {(o.outlet, o.fact.id) for o in alignment.omission_list}
    for record in records:
        for outlet in outlets:
            if (outlet, record["fact_id"]) in omitted:
                record[outlet] = OMITTED
    view.facts = pd.DataFrame(records).sort_values(["n_outlets_reporting", "fact_id"], ascending=[False, True]) \
        if records else pd.DataFrame(columns=["fact_id", "fact", "n_outlets_reporting", *outlets, "position"])
    view.omissions = pd.DataFrame([{"outlet": o.outlet, "fact_id": o.fact.id,
                                    "n_outlets_reporting": len(o.fact.outlets), "fact": o.fact.sentences[0].text,
                                    "closest": o.closest.text if o.closest else ""}
                                   for o in alignment.omission_list],
                                  columns=["outlet", "fact_id", "n_outlets_reporting", "fact", "closest"])
    view.discrepancies = pd.DataFrame([{"fact_id": d.fact_id, "unit": d.unit, "outlet": o, "value": q.text,
                                        "sentence": s.text} for d in alignment.discrepancies
                                       for o, (q, s) in d.values.items()],
                                      columns=["fact_id", "unit", "outlet", "value", "sentence"])
    # The words each outlet chose, for the facts of this alignment (the stored ones number other facts).
    known = frozenset(store.outlet_names())
    lexicon = load_lexicon(settings.lexicon) if settings.lexicon else default_lexicon()
    named = {fact.id: fact.sentences[0].text for fact in alignment.facts}
    view.contrasts = pd.DataFrame([{"fact_id": fact_id, "outlet": outlet, "terms": ", ".join(terms),
                                    "fact": named[fact_id]}
                                   for fact_id, outlet, terms in fact_contrasts(
                                       alignment.facts, lexicon, known, language_of={a.outlet: a.language
                                                                                     for a in articles})],
                                  columns=["fact_id", "outlet", "terms", "fact"])
    mine = analyse_pasted(title, text, known, parsed=pasted, lexicon=lexicon)
    view.cues = pd.concat([mine.cues.assign(outlet=PASTED, article_id="pasted"), view.cues], ignore_index=True)
    view.sentences = pd.concat([mine.sentences.assign(article_id="pasted")[view.sentences.columns], view.sentences],
                               ignore_index=True)
    view.sources = pd.concat([mine.sources.assign(outlet=PASTED)[view.sources.columns], view.sources],
                             ignore_index=True)
    names = pd.DataFrame([(name, outlet, count) for name, counts in alignment.names.items()
                          for outlet, count in counts.items()], columns=["name", "outlet", "mentions"])
    if not names.empty:
        view.names = names_grid(names, outlets)
    view.articles = pd.concat([pd.DataFrame([{
        "article_id": "pasted", "outlet": PASTED, "headline": title, "published": "", "url": "", "text": text,
        "kind": "report", "lead": text.split("\n", 1)[0][:400], "headline_tone": mine.headline_tone,
        "text_tone": mine.text_tone}]), view.articles], ignore_index=True)
    view.story = {**view.story, "outlets": outlets, "n_articles": len(view.articles),
                  "n_independent": int(view.story.get("n_independent") or len(outlets) - 1) + 1}
    view.downloads = {}  # the pasted article is not stored: downloads show what the screen shows
    return view
