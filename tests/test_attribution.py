"""Attributions in one sentence: speaker, role, cue and content."""

from __future__ import annotations

import pytest

from compare.analysis.attribution import find_attributions
from compare.analysis.quotes import quoted_parts


def attributions(sentence: str) -> list[tuple[str, str, str]]:
    (quotes,) = quoted_parts([sentence])
    return [(a.speaker, a.cue, a.content) for a in find_attributions(sentence, quotes)]


@pytest.mark.parametrize(("sentence", "speaker", "cue", "content"), [
    ("Danek said the talks would resume.", "Danek", "said", "the talks would resume"),
    ("Danek said that the talks would resume.", "Danek", "said", "the talks would resume"),
    ("The talks would resume, Danek said.", "Danek", "said", "The talks would resume"),
    ("The talks would resume, said Danek.", "Danek", "said", "The talks would resume"),
    ('"We will talk again," said Katrin Vogel of the German Council on Foreign Relations.', "Katrin Vogel",
     "said", "We will talk again"),
    ("‘We will never surrender,’ Danek said.", "Danek", "said", "We will never surrender"),
    ("An EU spokeswoman, Anna Lindqvist, said the talks would go on.", "Anna Lindqvist", "said",
     "the talks would go on"),
    ('"It is late," said Anna Lindqvist, an EU spokeswoman.', "Anna Lindqvist", "said", "It is late"),
    ("The German newspaper Bild reported that the deal was close.", "The German newspaper Bild", "reported",
     "the deal was close"),
    ("Reuters reported that the deal was close.", "Reuters", "reported", "the deal was close"),
    ("Danek told Reuters that the offer stood.", "Danek", "told", "the offer stood"),
    ("According to the ministry, the road is closed.", "the ministry", "according to", "the road is closed"),
    ("In a statement, the ministry warned of floods.", "the ministry", "warned", "of floods"),
    ("Novak, who leads the institute, argued the plan would fail.", "Novak", "argued", "the plan would fail"),
    ("Danek has repeatedly denied the report.", "Danek", "denied", "the report"),
    ('Trump tweeted: "Big win tonight!"', "Trump", "tweeted", "Big win tonight!"),
    ("JANE DOE: We are not going anywhere tonight.", "JANE DOE", ":", "We are not going anywhere tonight."),
    ("A draft proposal seen by Reuters would allow exports.", "A draft proposal", "seen by", "would allow exports"),
    ("The mayor spoke at length, saying the bridge would reopen.", "The mayor", "spoke",
     "at length, saying the bridge would reopen"),
])
def test_common_attribution_patterns(sentence, speaker, cue, content):
    assert (speaker, cue, content) in attributions(sentence)


@pytest.mark.parametrize("sentence", [
    "The bridge will close for six weeks.",
    '"He said he would come," is how the song begins.',  # the cue is inside the quote
    "Criminal charges against the mayor were dropped.",
    "His claims were false.",
    "The attacks killed three people.",
    "A member of the delegation, who asked not to be named, smiled.",
    "Costa reported from Washington.",
    "That said, the market rose.",
    "The senator did not respond to a request for comment.",
    "Cosby is attacked in the press every day.",
])
def test_no_attribution(sentence):
    assert attributions(sentence) == []


def test_pronouns_and_empty_words_are_kept_for_the_article_to_resolve_or_drop():
    speakers = [a[0] for a in attributions('"We are ready," she said.')]
    assert speakers == ["she"]
    for sentence in ("It said the plan was ready.", "Nobody said the plan was ready.",
                     "Some said the plan was ready."):
        assert attributions(sentence) == [], sentence


def test_a_quote_split_from_its_speaker_by_the_sentence_break():
    (quotes,) = quoted_parts(["Sanders replied."])
    (found,) = find_attributions("Sanders replied.", quotes, previous_quote="Have I started writing it?")
    assert (found.speaker, found.content) == ("Sanders", "Have I started writing it?")


def test_headline_verbs_are_capitalised():
    sentence = "Clinton Says Crash Seems Like An Act Of Terror"
    (quotes,) = quoted_parts([sentence])
    assert [a.speaker for a in find_attributions(sentence, quotes, headline=True)] == ["Clinton"]
    assert find_attributions(sentence, quotes) == []
