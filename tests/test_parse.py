"""One parse per article: sentences with their names, quantities, quotes; boilerplate marked."""

from __future__ import annotations

import pytest

from compare.analysis.parse import parse_article, parse_sentence


@pytest.mark.parametrize("line", [
    "(Reporting by Jane Smith; Editing by Tom Brown)",
    "Reporting by Jane Smith in London",
    "By Jane Smith",
    "By Jane Smith, Political Editor",
    "Photo: Getty Images",
    "A man walks past a damaged building in Kharkiv. (AP Photo/Evgeniy Maloletka)",
    "Additional reporting by Tom Brown contributed to this report.",
    "LONDON (Reuters) -",
])
def test_boilerplate_is_not_a_fact(line):
    assert not parse_sentence(0, line).is_fact


@pytest.mark.parametrize("line", ["By contrast, the ministry said it would wait.",
                                  "By Friday, the talks had failed completely."])
def test_sentences_that_open_with_by_are_facts(line):
    assert parse_sentence(0, line).is_fact


def test_a_dateline_is_kept_in_the_text_but_not_in_what_is_compared():
    sentence = parse_sentence(0, "KYIV, March 3 (AP) — Russian drones struck a power plant overnight, officials said.")
    assert sentence.is_fact and sentence.text.startswith("KYIV")
    assert sentence.core.startswith("Russian drones")


def test_sentence_indices_are_positions_and_parts_are_found():
    article = parse_article("a1", "Outlet", "Talks", 'Sergei Lavrov met Marco Rubio. "We agreed on 12 points," '
                                                     'Lavrov said.\nTalks end')
    assert [s.index for s in article.sentences] == [0, 1, 2]
    assert article.sentences[0].names == ("Sergei Lavrov", "Marco Rubio")
    assert article.sentences[1].quotes == ("We agreed on 12 points",)
    assert [q.unit for q in article.sentences[1].quantities] == ["point"]
    assert article.sentences[2].headline_like and not article.sentences[2].is_fact


@pytest.mark.parametrize(("sentence", "fact"), [
    ("Vote in our poll online and tell us what you think.", False),
    ("Tell us what you think: should the minister resign?", False),
    ("Have your say in the comments below.", False),
    ("Voters in the north turned out in large numbers on Sunday.", True),
    ("Vote counting continued into the night in the capital.", True),
])
def test_calls_to_readers_are_not_facts(sentence, fact):
    assert parse_sentence(0, sentence).is_fact is fact


def test_an_article_in_another_language_is_split_and_its_numbers_read_as_it_writes_them():
    article = parse_article("a", "Diario", "Se derrumba un puente",
                            "El Sr. García dijo que 1.200 personas fueron evacuadas el martes. "
                            "La reparación costará 2,5 millones de euros, según el ayuntamiento.")
    assert article.language == "es"
    assert [s.text for s in article.sentences] == [
        "El Sr. García dijo que 1.200 personas fueron evacuadas el martes.",
        "La reparación costará 2,5 millones de euros, según el ayuntamiento."]
    assert [(q.text, q.value) for s in article.sentences for q in s.quantities] == [
        ("1.200 personas", 1200.0), ("2,5 millones de euros", 2_500_000.0)]


def test_an_english_article_keeps_its_own_splitter_and_numbers():
    article = parse_article("b", "Wire", "Bridge collapses",
                            "Mr. Smith said 1,200 people were moved on Tuesday. Repairs will cost 2.5 million euros.")
    assert article.language == "en"
    assert [(q.text, q.value) for s in article.sentences for q in s.quantities] == [
        ("1,200 people", 1200.0), ("2.5 million euros", 2_500_000.0)]
