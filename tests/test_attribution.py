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
    # a verb joined by "and" to what the subject did first
    ('Prime Minister Anna Berg, who flew in overnight, waved a flag and declared: "The road is open."',
     "Prime Minister Anna Berg", "declared", "The road is open."),
    ("The minister toured the plant and said the furnace would stay lit.", "The minister", "said",
     "the furnace would stay lit"),
    ("By the interior ministry's reckoning, 1.28 million people took part.", "the interior ministry", "by",
     "1.28 million people took part"),
    ("The employers' federation said costs would rise, and urged the bank to pause.", "The employers' federation",
     "urged", "the bank to pause"),
    ("The ship's owner has so far said little about the crash.", "The ship's owner", "said", "little about the crash"),
    ("Six were presumed dead, the Coast Guard having concluded that no one could survive.", "the Coast Guard",
     "concluded", "no one could survive"),
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
    "By Tuesday's count the toll had not changed.",  # a day's count, nobody's
    "The rate rise will add about 95 crowns a month to a typical loan.",
    "The renovation, which cost 210 million crowns, restored the roof and added a new wing.",
    "Macron, who made the change a central promise, has not spoken publicly about the protests.",  # a noun
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


def speakers_and_roles(sentence: str) -> list[tuple[str, str, str]]:
    (quotes,) = quoted_parts([sentence])
    return [(a.speaker, a.role, a.cue) for a in find_attributions(sentence, quotes)]


@pytest.mark.parametrize(("sentence", "speaker", "cue"), [
    # a title that "of" continues is part of the speaker, not an affiliation
    ("Under-Secretary of State Lena Marsh said the embassy would stay open.",
     "Under-Secretary of State Lena Marsh", "said"),
    # a phrase of time before the role phrase and the name between commas
    ("On Friday the head of the navy, Admiral Tomas Reyes, said in a statement that the port was shut.",
     "Admiral Tomas Reyes", "said"),
    # a person speaking for the body before them
    ("The ferry operator, through its spokesman Ivo Brandt, declared that the crossings would resume.",
     "Ivo Brandt", "declared"),
    # a relative clause with no comma between the speaker and the verb
    ("A customs officer who was not authorized to speak publicly said the checks had been doubled.",
     "A customs officer", "said"),
    # an acronym in brackets does not end the apposition
    ("Omar Haddad, the director of the Coastal Survey Agency (CSA), said the cliffs were moving.",
     "Omar Haddad", "said"),
    # crediting something with an outcome is a claim about it
    ("The alarm, which Mayor Ines Kroll credited with saving dozens of lives, sounded at noon.",
     "Mayor Ines Kroll", "credited"),
    # the source of a count
    ("The transport ministry counted 40,000 cancelled trains.", "The transport ministry", "counted"),
    ("Unions spoke of two million, while police put the turnout at 700,000.", "police", "put"),
])
def test_speakers_of_titles_appositions_relatives_and_counts(sentence, speaker, cue):
    assert (speaker, cue) in [(s, c) for s, _, c in speakers_and_roles(sentence)]


def test_roles_come_with_the_speaker():
    found = speakers_and_roles("On Friday the head of the navy, Admiral Tomas Reyes, said the port was shut.")
    assert found == [("Admiral Tomas Reyes", "the head of the navy", "said")]
    found = speakers_and_roles("A customs officer who was not authorized to speak publicly said checks doubled.")
    assert found == [("A customs officer", "who was not authorized to speak", "said")]


@pytest.mark.parametrize("sentence", [
    "Jon Aster, during a rally in Dayton, Ohio, said the plant would close.",  # Ohio is no speaker
    "The singer showed up late to the rehearsal.",
    "The goalkeeper was credited with the save.",
    "Ballots were counted twice in the northern district.",
])
def test_places_arrivals_and_passives_are_no_speakers(sentence):
    speakers = [s for s, _, _ in speakers_and_roles(sentence)]
    assert not {"Ohio", "The singer", "The goalkeeper", "Ballots"} & set(speakers), speakers
