"""Text units: words, proper names, numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.text import (
    content_words,
    numbers,
    proper_names,
    split_sentences,
)


def test_names_drop_job_titles_and_keep_organisations():
    text = ("Foreign Minister Annalena Baerbock said the Bank of England and the Foreign Ministry agreed. "
            "President Emmanuel Macron spoke. Mr. Steele said the U.S. Senate voted on Feb. 12.")
    assert proper_names(text) == ["Annalena Baerbock", "Bank of England", "Foreign Ministry", "Emmanuel Macron",
                                  "Steele", "U.S. Senate"]


def test_names_hold_inner_joiners_but_a_person_is_not_joined_to_an_organisation():
    text = ('"We will talk again," said Katrin Vogel of the German Council on Foreign Relations. '
            "A letter from the Ministry for the Interior and the Bank of England was read. "
            "Officials of the United States of America met Bashar al-Assad. He spoke to Joel Pollak of Breitbart.")
    assert proper_names(text) == ["Katrin Vogel", "German Council on Foreign Relations", "Ministry for the Interior",
                                  "Bank of England", "United States of America", "Bashar al-Assad", "Joel Pollak",
                                  "Breitbart"]


def test_days_and_months_are_not_joined_to_names():
    assert proper_names("The rally saw Trump on Monday, and Clinton in March.") == ["Trump", "Clinton"]


def test_sentence_initial_capitals_are_not_names_unless_seen_inside_a_sentence():
    assert proper_names("Talks collapsed. Storms are rare.") == []
    assert proper_names("Lavrov spoke. Later, Lavrov left.") == ["Lavrov", "Lavrov"]


def test_names_after_quotes_and_datelines():
    assert proper_names('"We came," said Jens Stoltenberg.') == ["Jens Stoltenberg"]
    assert proper_names("GENEVA, March 10 (AFP) - Delegations met.") == ["AFP"]
    assert proper_names("Norway's envoy met Finland's. He left Norway.") == ["Norway", "Finland", "Norway"]


def test_numbers_as_written():
    assert numbers("About 1,200 people, 4.25 percent, in 2026 and 3 days.") == ["1,200", "4.25", "2026", "3"]


def test_content_words_drop_stop_words():
    assert content_words("The talks in Geneva were long") == ["talks", "geneva", "long"]


@given(st.text(max_size=300))
def test_names_never_raise_and_are_capitalised(text):
    for name in proper_names(text):
        assert name and name[0].isupper()


@pytest.mark.parametrize(("text", "expected"), [
    ("Sanctions relief was offered to the U.S. The talks went on.",
     ["Sanctions relief was offered to the U.S.", "The talks went on."]),
    ("They chose Plan B. The bridge stayed shut.", ["They chose Plan B.", "The bridge stayed shut."]),
    ("Shares of Acme Inc. The company fell.", ["Shares of Acme Inc.", "The company fell."]),
    ("Mr. Smith met U.S. President Joe Biden on Feb. 12 in St. Louis.",
     ["Mr. Smith met U.S. President Joe Biden on Feb. 12 in St. Louis."]),
])
def test_sentence_splitting(text, expected):
    assert split_sentences(text) == expected


def test_hard_wrapped_lines_are_joined_but_headlines_stay_apart():
    text = "Sanctions relief explored\nThe administration is reportedly considering\neasing sanctions on Russia."
    assert split_sentences(text) == ["Sanctions relief explored",
                                     "The administration is reportedly considering easing sanctions on Russia."]


def test_stop_words_are_the_ones_the_matchers_term_counts_drop():
    """The list kept in compare.stopwords is scikit-learn's, which HashingVectorizer(stop_words="english") drops."""
    from compare.stopwords import ENGLISH_STOP_WORDS

    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    assert ENGLISH_STOP_WORDS == sklearn_text.ENGLISH_STOP_WORDS
    assert content_words("Most of the others were still there") == []


@pytest.mark.parametrize("language, text, expected", [
    ("es", "El Sr. García habló el martes. «No lo sabemos», dijo. EE.UU. no respondió.",
     ["El Sr. García habló el martes.", "«No lo sabemos», dijo.", "EE.UU. no respondió."]),
    ("fr", "M. Dupont a parlé mardi. « Nous ne savons pas », a-t-il dit.",
     ["M. Dupont a parlé mardi.", "« Nous ne savons pas », a-t-il dit."]),
    ("de", "Laut Dr. Müller kamen 1.200 Menschen, d.h. mehr als am 3. Oktober. Die Kosten: 2,5 Mio. Euro.",
     ["Laut Dr. Müller kamen 1.200 Menschen, d.h. mehr als am 3. Oktober.", "Die Kosten: 2,5 Mio. Euro."]),
    ("ru", "По словам г-на Иванова, погибли 1200 человек. Ущерб составил 2,5 млн рублей.",
     ["По словам г-на Иванова, погибли 1200 человек.", "Ущерб составил 2,5 млн рублей."]),
    # An abbreviation or an initial before a name ends no sentence.
    ("es", "El Prof. García llegó ayer. Lo dijo el ministro J. García.",
     ["El Prof. García llegó ayer.", "Lo dijo el ministro J. García."]),
    # Two sentences inside one quotation are two claims.
    ("es", 'Dijo: "Necesitamos nuevos motores. Esperamos resultados pronto." Luego se fue.',
     ['Dijo: "Necesitamos nuevos motores.', 'Esperamos resultados pronto."', "Luego se fue."]),
    # A closing mark before the full stop ends the quotation; what follows is cut as usual,
    # even where sentencex took the straight mark for one that opens a quotation.
    ("es", 'Hay que contar con que los mercados oscilen mucho". El índice ha caído este mes. '
           'Tras la noticia cerró en el 0,7%. Las empresas pierden mucho cuando "el yen sube.',
     ['Hay que contar con que los mercados oscilen mucho".', "El índice ha caído este mes.",
      "Tras la noticia cerró en el 0,7%.", 'Las empresas pierden mucho cuando "el yen sube.']),
])
def test_sentences_of_other_languages_end_where_that_language_ends_them(language, text, expected):
    assert split_sentences(text, language) == expected
