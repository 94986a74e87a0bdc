"""Omissions a reader can act on: only checkable claims, never rhetoric, pronouns, quotes or calls to action."""

from __future__ import annotations

import pytest

from compare.analysis.omissions import is_checkable
from compare.analysis.parse import parse_sentence


@pytest.mark.parametrize("sentence", [
    "Police said 14 people were injured in the blast on Tuesday.",  # a number, attributed
    "Prime Minister Anna Lindqvist flew to Brussels for the summit.",  # names someone
    "The ministry said the talks would resume next week.",  # an attributed statement
    "The first aircraft will be in service by 2011 and all of them by 2016.",  # a year: a date to check
    "Markets in the region fell sharply on Tuesday.",  # a weekday: a day to check
    "Los mercados de la región cayeron ayer.",  # in Spanish: "yesterday"
    "Stock markets across the world fell this week.",  # a week relative to the report
])
def test_checkable_claims(sentence):
    assert is_checkable(parse_sentence(0, sentence))


@pytest.mark.parametrize("sentence", [
    '"You don\'t negotiate with thugs who shell hospitals and schools."',  # a quote nobody is said to say
    "She said the number of prisoners had not been settled yet.",  # whose claim: only a pronoun
    "Vote in our poll online and tell us what you think.",  # a call to action
    "Who will pay for the damage now that the storm has passed?",  # a question
    "The mood in the capital was grim and the streets were quiet.",  # nothing to check: no name, number or source
    '"It has been like this since 1999," he told us.',  # a year inside a quote, whose claim only "he" says
    'Fans on the square held up a banner reading "we win this week" as they sang.',  # the day is the banner's words
])
def test_not_checkable(sentence):
    assert not is_checkable(parse_sentence(0, sentence))


def test_a_quotation_of_several_sentences_is_the_words_of_whom_it_names():
    def parsed(text: str):
        return parse_sentence(0, text)

    opened = parsed('Analyst Ruth Keller said: "Investors are fleeing banks.')
    quoted = parsed('"Confidence is shot to ribbons."')
    assert is_checkable(quoted, before=opened)
    # Closed and said to be someone's in the sentence after it.
    first = parsed('"Confidence is shot to ribbons.')
    assert is_checkable(first, after=parsed('We need a rescue now," Keller told reporters.'))
    # A quotation nobody is said to have said stays rhetoric, whatever stands around it.
    assert not is_checkable(quoted)
    assert not is_checkable(quoted, before=parsed("The mood on the trading floor was grim."))
    assert not is_checkable(first, after=parsed("Shares fell again on Friday."))


def test_a_claim_stated_in_a_first_clause_can_be_left_out():
    from compare.analysis.align import ArticleText, align_story

    others = "Schools in the region stayed closed on Monday. The railway line reopened after repairs. "
    claim = "The air force says 14 drones were shot down over the capital overnight"
    texts = [others + claim + ", but several struck an apartment block near the main station.",
             claim + ", but several struck an apartment block near the main station. " + others,
             others + "The mayor visited a school in the afternoon and praised its teachers."]
    articles = [ArticleText(str(n), f"Outlet {n}", "Drones over the capital", t) for n, t in enumerate(texts)]
    alignment = align_story(articles)
    omitted = [o for o in alignment.omission_list if o.outlet == "Outlet 2"]
    assert any("14 drones" in s.text for o in omitted for s in o.fact.sentences)


def test_a_sure_match_with_one_sentence_of_a_claim_far_from_the_rest_is_another_claim():
    import numpy as np

    from compare.analysis.omissions import _states_with_one

    # the outlet's second sentence states the claim with one of its three sentences and is close
    # to the others: a report in its own words
    assert _states_with_one(np.array([[0.1, 0.0, 0.0], [0.8, 0.4, 0.3]]))
    # sure with one of four, nowhere near the others: that sentence's other claim
    assert not _states_with_one(np.array([[0.8, 0.03, 0.02, 0.05]]))
    # two sentences: one sure match is enough
    assert _states_with_one(np.array([[0.7, 0.0]]))
