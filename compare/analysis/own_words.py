"""Each outlet's own words in a story: the telling words and short phrases no other outlet of
the story uses ("rammed", "plowed", "allision" for one collision; "superprofits", "fit of pique").

Contrasts (:mod:`compare.analysis.wording`) compare the aligned sentences of one fact; much
of an outlet's choice of words stands in sentences no other outlet aligns with (its own
comment, its own way of telling the background). Here every content word of an outlet's
articles is a candidate when no other outlet writing in the same language uses its stem
anywhere in the story, and is ranked by how much it tells:

- in English, how likely a word of its make is to be loaded wording
  (:mod:`compare.analysis.loaded_words`, fitted on BABE's marked words): its rarity in general
  use ("allision", "putschists" are a choice, "bridge" and "officials" the topic), its VADER
  rating ("baseless", "agony"), the lexicon, its ending; in another language its rarity alone;
- a two-word name for something that no other outlet uses ("shipping giants", "dependable
  partner": a describing word before a noun, or two nouns joined by "of": "fit of pique", "row
  of dominoes") a little above its words alone; a word of the headline above one of the text.

Names, numbers, dates, filler and stop words never count (as for contrasts). Outlets writing in
another language are compared with each other by that language's frequencies and function
words, single words only (the model and the phrase rules read English). At most
:data:`MAX_OWN_WORDS` per outlet, the highest ranked first. The limit and the bonuses were chosen
on half of BASIL's events (its loaded-wording spans) and two of the hand-written cases, and
checked on the other halves (bench/own_words.py, bench/wording.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wordfreq import available_languages

from compare.analysis.loaded_words import loadedness, rarity
from compare.analysis.parse import ParsedArticle
from compare.analysis.wording import (
    FILLER, PHRASE, WORD_BEFORE, content_tokens, name_words, named_words, names_a_thing, sentence_body, stem,
    words_in_lower_case)
from compare.language import ENGLISH, stop_words

MAX_OWN_WORDS = 12  # per outlet per story
PHRASE_BONUS = 0.5
HEADLINE_BONUS = 1.0
_FREQUENCIES = frozenset(available_languages())  # the languages wordfreq has frequencies of


@dataclass(frozen=True)
class OwnWord:
    """A word or phrase only this outlet used in the story, where it first stands."""

    outlet: str
    article_id: str
    term: str
    sentence_index: int  # -1: the headline
    start: int  # character offsets in the sentence
    end: int
    score: float


def _telling(words: Sequence[str], language: str = ENGLISH) -> float:
    """How much the word (or the most telling word of a phrase) says of a choice: in English the
    loaded-word model's log-odds (:mod:`compare.analysis.loaded_words`), elsewhere its rarity."""
    if language == ENGLISH:
        return max(loadedness(w) for w in words)
    return max(rarity(w, language) for w in words)


def _sentences(article: ParsedArticle) -> list[tuple[int, str]]:
    """The headline (index -1) and the sentences of an article."""
    return [(-1, article.title)] * bool(article.title) + [(s.index, s.text) for s in article.sentences]


# Words that count what follows rather than name it ("thousands of dockers" is the dockers).
_AMOUNTS = frozenset("thousands hundreds dozens millions billions tens scores lots plenty couple number numbers "
                     "part parts rest most some many few handful cans bottles pieces".split())
_OF = re.compile(r"\s+of(?:\s+(?:the|a|an))?\s+")


def _of_phrase(body: str, tokens: Sequence[tuple[str, bool, int, int]], k: int) -> tuple[str, int, int] | None:
    """The name for a thing that tokens ``k`` and ``k + 1`` make with "of" between them
    ("president of the rich", "seizure of power", "row of dominoes"), with its place; None when
    the second word runs on into another content word ("superprofits of the largest companies"
    names the companies, not the largest) or the words are not so joined."""
    first, second = tokens[k], tokens[k + 1]
    if first[0] in _AMOUNTS or second[0].endswith("ing"):
        return None
    if not _OF.fullmatch(body[first[3]:second[2]]):
        return None
    if k + 2 < len(tokens):
        after = tokens[k + 2]
        if after[2] - second[3] <= 1 and not after[0].endswith("ly"):
            return None
    phrase = " ".join(body[first[2]:second[3]].lower().split())
    return (phrase, first[2], second[3]) if PHRASE.fullmatch(phrase) else None


def story_own_words(articles: Sequence[ParsedArticle], outlet_names: frozenset[str] | set[str] = frozenset(),
                    limit: int = MAX_OWN_WORDS) -> list[OwnWord]:
    """Each outlet's own words in a story of several outlets, ranked within each outlet.

    Outlets are compared with those writing in the same language only; an outlet alone in its
    language has none. In a language other than English words are ranked by that language's
    frequencies alone (VADER and the phrase rules read English), its function words never count,
    and a language without a stop-word list or frequencies has none. ``outlet_names`` are
    outlets' names, never a choice of words."""
    by_outlet: dict[str, list[ParsedArticle]] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet, []).append(article)
    # An article whose language could not be told (a short text) is read as English.
    groups: dict[str, list[str]] = {}
    for outlet, arts in by_outlet.items():
        groups.setdefault(arts[0].language or ENGLISH, []).append(outlet)
    found: list[OwnWord] = []
    for language, outlets in groups.items():
        if len(outlets) >= 2 and (language == ENGLISH or stop_words(language) and language in _FREQUENCIES):
            found += _group_own_words({o: by_outlet[o] for o in outlets}, outlet_names, limit, language)
    return found


def _group_own_words(by_outlet: Mapping[str, list[ParsedArticle]], outlet_names: frozenset[str] | set[str],
                     limit: int, language: str = ENGLISH) -> list[OwnWord]:
    english = language == ENGLISH
    function_words = FILLER if english else stop_words(language)
    sentences = {o: [(a.id, i, s) for a in arts for i, s in _sentences(a)] for o, arts in by_outlet.items()}
    every_text = [s for rows in sentences.values() for _, _, s in rows]
    # A word the story also writes in lower case is a word, where a title capitalises it before a name.
    names = (named_words(every_text) - words_in_lower_case(every_text)) \
        | name_words(frozenset(outlet_names)) | name_words(frozenset(by_outlet))
    stems = {o: {stem(w) for _, _, s in rows for w, _, _, _ in content_tokens(s)} for o, rows in sentences.items()}
    lowered = {o: " ".join(s.lower() for _, _, s in rows) for o, rows in sentences.items()}
    found: list[OwnWord] = []
    for outlet, rows in sentences.items():
        their_stems = set().union(*(stems[o] for o in sentences if o != outlet))
        their_text = " ".join(lowered[o] for o in sentences if o != outlet)
        candidates: dict[str, OwnWord] = {}
        for article_id, index, sentence in rows:
            bonus = HEADLINE_BONUS if index == -1 else 0.0
            body = sentence_body(sentence)
            offset = sentence.find(body) if body else 0  # tokens stand in the body, after any dateline
            tokens = content_tokens(sentence)
            usable = [plain and w not in names and w not in function_words for w, plain, _, _ in tokens]

            def keep(term: str, start: int, end: int, score: float) -> None:
                held = candidates.get(term)
                if held is None or score > held.score:
                    candidates[term] = OwnWord(outlet, article_id, term, index, offset + start, offset + end,
                                               round(score, 3))

            for k, (word, _, start, end) in enumerate(tokens):
                if usable[k] and stem(word) not in their_stems:
                    keep(word, start, end, _telling([word], language) + bonus)
            for k in range(len(tokens) - 1 if english else 0):
                if not (usable[k] and usable[k + 1]):
                    continue
                (first, _, start, first_end), (second, _, second_start, end) = tokens[k], tokens[k + 1]
                if second_start - first_end <= 1:  # next to each other, nothing but a space or hyphen between
                    phrase = body[start:end].lower()
                    before = WORD_BEFORE.search(body[:start])
                    if PHRASE.fullmatch(phrase) and phrase not in their_text \
                            and names_a_thing(first, second, before.group(1).lower() if before else ""):
                        keep(phrase, start, end, _telling([first, second], language) + PHRASE_BONUS + bonus)
                elif (joined := _of_phrase(body, tokens, k)) and joined[0] not in their_text \
                        and {stem(first), stem(second)} - their_stems:
                    keep(*joined, _telling([first, second], language) + PHRASE_BONUS + bonus)
        chosen: list[OwnWord] = []
        for candidate in sorted(candidates.values(), key=lambda c: (-c.score, c.sentence_index, c.term)):
            if not any(candidate.term in kept.term or kept.term in candidate.term for kept in chosen):
                chosen.append(candidate)
            if len(chosen) >= limit:
                break
        found += chosen
    return found
