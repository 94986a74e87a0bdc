"""Which language a text is written in: py3langid (langid.py's model, shipped inside its package).

Codes are ISO 639-1 ("en", "es", "uk"); "" means the text is too short, or the model too unsure,
to say. Detection reads at most the first 1,500 characters: a news article's language
shows in its first paragraphs.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

UNKNOWN = ""
ENGLISH = "en"
MIN_CONFIDENCE = 0.5  # the model's normalised probability below which a text's language is unknown
_MIN_LETTERS = 20  # fewer letters than this say too little ("Airbus A380")
# Characters read of a long text: about 250 words. On MEANTIME's four languages and BASIL's
# articles (472 texts) it told each the language that 4,000 did, in a third of the time.
_READ = 1500

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


# ISO 639-1 codes of the stop-word lists of the ``stop-words`` package (English has its own, compare.stopwords).
_STOP_WORD_LISTS = {
    "ar": "arabic", "bg": "bulgarian", "ca": "catalan", "cs": "czech", "da": "danish", "nl": "dutch",
    "fi": "finnish", "fr": "french", "de": "german", "he": "hebrew", "hi": "hindi", "hu": "hungarian",
    "id": "indonesian", "it": "italian", "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sk": "slovak", "es": "spanish", "sv": "swedish", "tr": "turkish", "uk": "ukrainian",
    "vi": "vietnamese", "fa": "persian", "el": "greek",
}


@cache
def _stop_word_pattern(language: str) -> re.Pattern[str] | None:
    """One pattern for the function words of a language other than English (None: no list)."""
    if language not in _STOP_WORD_LISTS:
        return None
    words = sorted(stop_words(language), key=len, reverse=True)
    return re.compile(r"(?<![\w'’])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'’])", re.IGNORECASE)


@cache
def stop_words(language: str) -> frozenset[str]:
    """The function words of a language other than English, lower-cased (empty: no list)."""
    if language not in _STOP_WORD_LISTS:
        return frozenset()
    from stop_words import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(_STOP_WORD_LISTS[language]) if w.strip())


def without_stop_words(text: str, language: str) -> str:
    """``text`` with the function words of its language (not English) blanked out: two texts
    in one language share "di", "il", "che" whatever they report."""
    pattern = _stop_word_pattern(language)
    return pattern.sub(" ", text) if pattern else text


def language_name(code: str) -> str:
    """A language's English name ("Spanish" for "es"); the code itself when not listed, "" for unknown."""
    return LANGUAGE_NAMES.get(code, code)
