"""Which language a text is written in: py3langid (langid.py's model, shipped inside its package).

Codes are ISO 639-1 ("en", "es", "uk"); "" means the text is too short, or the model too unsure,
to say. Detection reads at most the first few thousand characters: a news article's language
shows in its first paragraphs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

UNKNOWN = ""
ENGLISH = "en"
MIN_CONFIDENCE = 0.5  # the model's normalised probability below which a text's language is unknown
_MIN_LETTERS = 20  # fewer letters than this say too little ("Airbus A380")
_READ = 4000  # characters read of a long text

# Names of the languages the dashboard and exports name most often; others show as their code.
LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "nl": "Dutch",
    "pt": "Portuguese", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "ar": "Arabic", "tr": "Turkish",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "fi": "Finnish", "cs": "Czech", "ro": "Romanian", "el": "Greek", "he": "Hebrew", "fa": "Persian",
    "hi": "Hindi", "hu": "Hungarian", "bg": "Bulgarian", "ca": "Catalan", "be": "Belarusian",
}


@cache
def _identifier() -> Any:
    """The language model, loaded once (about 0.4 s) on first use."""
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The language ``text`` is written in, as an ISO 639-1 code, or :data:`UNKNOWN`."""
    sample = text[:_READ]
    if len(re.findall(r"[^\W\d_]", sample)) < _MIN_LETTERS:
        return UNKNOWN
    code, confidence = _identifier().classify(sample)
    return str(code) if confidence >= MIN_CONFIDENCE else UNKNOWN


_LETTER = re.compile(r"[^\W\d_]")
_BATCH = 1000  # texts walked through the model's automaton at a time: bounded temporaries


def detect_languages(texts: Sequence[str]) -> list[str]:
    """:func:`detect_language` of each text, the same codes, several times faster for many texts.

    The model reads a text byte by byte through an automaton, one Python step per byte; here
    every text of a batch takes its step at once (a numpy step per byte position). The scores
    are then computed from the same feature counts, in the same order, as the model does.
    """
    identifier = _identifier()
    if not _can_batch(identifier):
        return [detect_language(text) for text in texts]
    codes = [UNKNOWN] * len(texts)
    samples = [text[:_READ] for text in texts]
    wanted = [n for n, sample in enumerate(samples) if len(_LETTER.findall(sample)) >= _MIN_LETTERS]
    wanted.sort(key=lambda n: len(samples[n]))  # texts of a batch alike in length: little padding to walk
    try:
        nextmove = np.asarray(memoryview(identifier.tk_nextmove))  # the model's own array, not a copy
    except TypeError:  # not an array.array
        nextmove = np.asarray(identifier.tk_nextmove, dtype=np.int64)
    rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
    output = np.asarray(identifier.tk_output, dtype=np.int64)
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start:start + _BATCH]
        encoded = [identifier._encode(samples[n]) for n in batch]
        lengths = np.array([len(b) for b in encoded])
        width = int(lengths.max())
        inside = np.arange(width) < lengths[:, None]
        grid = np.zeros((len(batch), width), dtype=np.uint8)
        grid[inside] = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        state = np.zeros(len(batch), dtype=np.int64)
        found = np.empty((len(batch), width), dtype=np.int32)
        for position in range(width):
            state = nextmove[rowbase[state] + grid[:, position]]
            found[:, position] = output[state]
        for row, n in enumerate(batch):
            features = found[row, :lengths[row]]
            visits = Counter(features[features >= 0].tolist())
            code, confidence = _classified(identifier, visits, len(encoded[row]))
            codes[n] = str(code) if confidence >= MIN_CONFIDENCE else UNKNOWN
    return codes


def _can_batch(identifier: Any) -> bool:
    """Whether the model is the one :func:`detect_languages` knows how to walk (py3langid 0.4)."""
    return all(hasattr(identifier, name) for name in ("tk_nextmove", "_rowbase", "tk_output", "_encode",
                                                      "_sparse_score", "_norm_probs", "_alias_pairs",
                                                      "min_confidence", "nb_ptc", "nb_classes"))


def _classified(identifier: Any, visits: Counter[int], size: int) -> tuple[str, float]:
    """The model's (language, confidence) from a text's feature counts and its length in bytes:
    py3langid's ``classify`` after its automaton walk, step for step."""
    if visits:
        scores = identifier._sparse_score(visits, identifier.nb_ptc)
    else:
        scores = np.full(len(identifier.nb_classes), 0.0 if identifier._norm_probs else np.finfo(np.float32).min,
                         dtype=np.float32)
    if identifier._norm_probs:
        scores *= 1.0 / math.sqrt(size or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
    for i, j in identifier._alias_pairs:
        if identifier._norm_probs:
            scores[i] += scores[j]
            scores[j] = 0.0
        else:
            scores[i] = max(scores[i], scores[j])
            scores[j] = np.finfo(np.float32).min
    best = int(scores.argmax())
    confidence = float(scores[best])
    if identifier.min_confidence is not None and confidence < identifier.min_confidence:
        return "und", confidence
    return identifier.nb_classes[best], confidence


def language_name(code: str) -> str:
    """A language's English name ("Spanish" for "es"); the code itself when not listed, "" for unknown."""
    return LANGUAGE_NAMES.get(code, code)
