"""Framing cues: the lexicon, hedges, unattributed claims, tone."""

from __future__ import annotations

import pytest

from compare.analysis.framing import (
    UNATTRIBUTED,
    article_cues,
    load_lexicon,
    sentence_cues,
    tone,
)
from compare.errors import ConfigError


def categories(sentence: str) -> dict[str, str]:
    return {c.term.lower(): c.category for c in sentence_cues(sentence)}


def test_categories_of_the_built_in_lexicon():
    found = categories("The regime's thugs launched a brutal invasion, absolutely staggering, "
                       "which Korvgrad calls a special security operation; critics slammed it and it may fail.")
    assert found["regime"] == "label" and found["thugs"] == "label"
    assert found["brutal"] == "emotive"
    assert found["absolutely"] == "intensifier" and found["staggering"] == "intensifier"
    assert found["special security operation"] == "euphemism"
    assert found["slammed"] == "loaded_verb"
    assert found["may"] == "hedge"


def test_cues_point_at_their_place_in_the_sentence():
    sentence = "Unelected judges ripped up the law."
    for cue in sentence_cues(sentence):
        assert sentence[cue.start:cue.end] == cue.term


def test_neutral_sentence_has_no_loaded_cue():
    cues = sentence_cues("The court ruled on Wednesday that the law was unconstitutional, officials said.")
    assert not [c for c in cues if c.category in ("label", "euphemism", "loaded_verb")]


def test_headline_cues_and_unattributed_claims():
    cues = article_cues("SHAMEFUL: the regime lies", "The butchers of Korvgrad are to blame. "
                        "\"They are butchers,\" Hale said.")
    assert any(c.sentence_index == -1 and c.term.lower() == "shameful" for c in cues)
    unattributed = [c for c in cues if c.category == UNATTRIBUTED]
    assert [c.sentence_index for c in unattributed] == [0]  # the quoted, attributed one is not flagged


def test_user_lexicon_extends_the_built_in_one(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[categories.label]\nterms = ["fat-cat bankers"]\n[neutral]\n"fat-cat bankers" = "bankers"\n',
                     encoding="utf-8")
    lexicon = load_lexicon(extra)
    assert [c.term for c in sentence_cues("Blame the fat-cat bankers.", lexicon=lexicon) if c.category == "label"] \
        == ["fat-cat bankers"]
    assert lexicon.neutral["fat-cat bankers"] == "bankers"


def test_terms_are_found_in_any_case_whatever_their_first_word(tmp_path):
    # First words are looked up before a category's pattern is tried: plain words, wildcards,
    # and words that are not plain letters (then the category is always searched).
    extra = tmp_path / "mine.toml"
    extra.write_text('[categories.euphemism]\nterms = ["élite forces", "o\'clock raid", "*washing"]\n'
                     '[categories.hedge]\nterms = ["Re-educat* camp"]\n', encoding="utf-8")
    lexicon = load_lexicon(extra)
    assert lexicon.anchors["euphemism"] is None and lexicon.anchors["hedge"] is not None
    text = "RE-EDUCATION CAMP, Élite Forces and a 3 o'clock raid: greenwashing, said the UN."
    assert [(c.category, c.term) for c in sentence_cues(text, lexicon=lexicon)] == [
        ("hedge", "RE-EDUCATION CAMP"), ("euphemism", "Élite Forces"), ("euphemism", "o'clock raid"),
        ("euphemism", "greenwashing")]
    label = load_lexicon()
    assert label.anchors["label"].may_match({"terrorists"}) and not label.anchors["label"].may_match({"talks"})


@pytest.mark.parametrize(("text", "message"), [("[categories.spin]\nterms = ['x']\n", "unknown category"),
                                               ("[categories\n", "not valid TOML")])
def test_bad_user_lexicon_is_a_clear_error(tmp_path, text, message):
    extra = tmp_path / "bad.toml"
    extra.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_lexicon(extra)


def test_tone_is_signed():
    assert tone("A wonderful, joyful celebration.") > 0.3
    assert tone("A horrific, deadly massacre.") < -0.3


@pytest.mark.parametrize("sentence", [
    "The committee met on Tuesday to review the budget.",  # no word VADER rates: skipped, 0
    "The committee met on Tuesday and the talks went well.",
    "Officials were not happy with the plan.",  # negation
    "The results came in 😀.",  # only an emoji, which VADER reads as words, gives it a tone
    "It was a \"disaster,\" he said.",  # a rated word inside punctuation
])
def test_tone_of_a_sentence_is_vaders_score(sentence):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    assert tone(sentence) == round(SentimentIntensityAnalyzer().polarity_scores(sentence)["compound"], 3)


def test_the_lexicon_fingerprint_and_patterns_are_the_same_in_every_process(tmp_path):
    """String hashing changes with PYTHONHASHSEED: a fingerprint made in set order would make
    every new process re-analyse every story."""
    import os
    import subprocess
    import sys

    extra = tmp_path / "mine.toml"
    extra.write_text('[categories.label]\nterms = ["goons", "cronies", "lackeys", "stooges"]\n', encoding="utf-8")
    code = ("import hashlib, sys; from compare.analysis.framing import load_lexicon as load\n"
            "for lexicon in (load(), load(sys.argv[1])):\n"
            "    patterns = '\\n'.join(f'{c} {p.pattern}' for c, p in lexicon.patterns.items())\n"
            "    print(lexicon.fingerprint, hashlib.sha1(patterns.encode()).hexdigest())\n")
    runs = []
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-c", code, str(extra)], env={**os.environ, "PYTHONHASHSEED": seed},
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-3000:]
        runs.append(run.stdout)
    assert len(runs[0].split()) == 4 and runs[0].split()[0] != runs[0].split()[2]  # the user's terms count
    assert runs[1] == runs[0] and runs[2] == runs[0]
    assert runs[0].split()[0] == load_lexicon().fingerprint  # and in this process too


def _cues_of(title: str, text: str, language: str, lexicon=None) -> list[tuple[str, str]]:
    from compare.analysis.parse import parse_article

    article = parse_article("a1", "Outlet", title, text, language=language)
    return [(c.category, c.term.lower()) for c in article_cues(title, article, lexicon)]


@pytest.mark.parametrize("language, text, expected", [
    ("es", "Las fuerzas del dictador cometieron una masacre en la ciudad.", {("label", "dictador"),
                                                                          ("emotive", "masacre")}),
    ("ru", "Боевики обстреляли город в ходе специальной военной операции.", {
        ("label", "боевики"), ("euphemism", "специальной военной операции")}),
    ("uk", "Окупанти знову обстріляли місто.", {("label", "окупанти")}),
    ("de", "Das Regime sprach von einer militärischen Spezialoperation.", {("label", "regime")}),
])
def test_an_article_in_another_language_gets_the_cues_of_its_language(language, text, expected):
    assert expected <= set(_cues_of("", text, language))


def test_another_languages_article_gets_no_english_or_vader_cues():
    # "horrible" is a strong English VADER word, and French too, but not in the French lists; a
    # language the lexicon has no lists for gets no cues at all.
    assert _cues_of("", "Un accident horrible a bloqué l'autoroute hier soir.", "fr") == []
    assert _cues_of("", "Rząd nazwał reżim brutalnym.", "pl") == []
    assert ("label", "regime") in _cues_of("", "The regime spoke.", "en")


def test_texts_of_a_language_are_compared_with_its_own_lists_or_else_the_english_ones():
    lexicon = load_lexicon()
    assert lexicon.or_language("es") is lexicon.for_language("es") is not lexicon
    assert lexicon.for_language("pl") is None and lexicon.or_language("pl") is lexicon
    assert lexicon.or_language("en") is lexicon


def test_a_user_lexicon_adds_terms_of_another_language_and_changes_the_fingerprint(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[languages.es.categories.label]\nterms = ["vendepatrias"]\n', encoding="utf-8")
    mine = load_lexicon(extra)
    assert ("label", "vendepatrias") in _cues_of("", "Los vendepatrias firmaron el acuerdo.", "es", mine)
    assert ("label", "dictador") in _cues_of("", "El dictador firmó el acuerdo.", "es", mine)  # built-in kept
    assert mine.fingerprint != load_lexicon().fingerprint


@pytest.mark.parametrize("table", ["[languages.en.categories.label]", "[languages.spanish.categories.label]"])
def test_a_language_table_needs_a_two_letter_code_other_than_english(tmp_path, table):
    extra = tmp_path / "mine.toml"
    extra.write_text(f'{table}\nterms = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="two-letter language code"):
        load_lexicon(extra)
