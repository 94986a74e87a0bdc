"""Labels: the words each outlet attaches to the story's people, organisations and countries."""

from __future__ import annotations

from compare.analysis.labels import label_words, sentence_labels, story_labels, story_naming
from compare.analysis.parse import parse_article


def story(texts: dict[str, str]):
    return [parse_article(f"a{n}", outlet, "", text) for n, (outlet, text) in enumerate(texts.items())]


def test_titles_modifiers_appositions_and_groups_tied_to_a_name():
    found = sentence_labels("Niger's ousted president Mohamed Bazoum met Hassoumi Massoudou, the acting head of "
                            "government, while troops loyal to Bazoum's regime waited.",
                            ["Mohamed Bazoum", "Hassoumi Massoudou", "Bazoum"], {"Bazoum": "Mohamed Bazoum"})
    assert ("Mohamed Bazoum", "ousted president") in found
    assert ("Hassoumi Massoudou", "acting head") in found  # an apposition, up to "of government"
    assert ("Mohamed Bazoum", "regime") in found
    assert sentence_labels("The talks, said President Joe Biden, went well.", ["Joe Biden"], {}) == \
        [("Joe Biden", "President")]  # a verb of saying is not part of the label


def test_only_labels_outlets_differ_on_are_kept_and_surnames_count_for_the_full_name():
    labels = story_labels(story({
        "A": "North Korean dictator Kim Jong-un watched the launch. Kim later left.",
        "B": "North Korean leader Kim Jong-un watched the launch. Kim later left.",
        "C": "Leader Kim Jong-un watched the launch on Monday. Kim later left.",
        "D": "Kim Jong-un watched the launch from a stand. Kim later left.",
    }))
    assert {(l.outlet, l.entity, l.label) for l in labels} == {
        ("A", "Kim Jong-un", "North Korean dictator"), ("B", "Kim Jong-un", "North Korean leader"),
        ("C", "Kim Jong-un", "Leader")}


def test_a_title_most_outlets_write_is_no_choice_and_quoted_labels_are_the_speakers():
    labels = story_labels(story({
        "A": "President Mohamed Bazoum was held at his residence on Wednesday.",
        "B": "President Mohamed Bazoum was held at his residence by the guard.",
        "C": 'Soldiers said they had ended "the regime of Mohamed Bazoum" on Wednesday.',
    }))
    assert labels == []


def test_descriptions_and_unnamed_groups_with_loaded_words():
    labels = story_labels(story({
        "A": "President Mohamed Bazoum was detained by his guard on Wednesday.",
        "B": "Soldiers took the former president into custody. By then rogue soldiers had sealed off the residence.",
        "C": "President Mohamed Bazoum was held by members of the guard on Wednesday.",
    }))
    found = {(l.outlet, l.entity, l.label) for l in labels}
    assert ("B", "Mohamed Bazoum", "former president") in found
    assert ("B", "soldiers", "rogue soldiers") in found
    assert not any(l.outlet in ("A", "C") for l in labels)
    assert label_words(labels) == {"rogue"}  # titles ("former") and role nouns are no choice


def test_an_entity_one_outlet_names_keeps_the_labels_that_describe_it():
    labels = story_labels(story({
        "A": "The ship, chartered by the shipping giant Maersk, left at dawn. Labour economist Ann Holt said "
             "little. Foreign Minister Jan Berg spoke.",
        "B": "The ship left the port at dawn and struck the bridge.",
    }))
    found = {(l.outlet, l.entity, l.label) for l in labels}
    assert ("A", "Maersk", "shipping giant") in found
    # a field ("labour economist") or a bare title says who they are, not how the outlet sees them
    assert not any(l.entity in ("Ann Holt", "Jan Berg") for l in labels)


def test_a_verb_in_ing_before_a_title_is_no_part_of_the_label():
    assert sentence_labels("He sent texts disparaging President Donald Trump.", ["Donald Trump"], {}) == \
        [("Donald Trump", "President")]
    assert sentence_labels("The outgoing president Ann Berg left.", ["Ann Berg"], {}) == \
        [("Ann Berg", "outgoing president")]


def test_a_list_shares_its_apposition_and_a_clause_verb_is_no_part_of_a_title():
    listed = sentence_labels("They came from Mexico, Honduras and El Salvador, immigrants who built the roads.",
                             ["El Salvador"], {})
    assert listed == []  # "immigrants" describes all three countries' people, not El Salvador
    placed = sentence_labels("Officers took power and placed President Ali Bongo Ondimba under house arrest.",
                             ["Ali Bongo Ondimba"], {})
    assert placed == [("Ali Bongo Ondimba", "President")]
    assert sentence_labels("The guards held the ousted president Mohamed Bazoum.", ["Mohamed Bazoum"], {}) \
        == [("Mohamed Bazoum", "ousted president")]


def test_of_ties_a_group_that_rules_not_the_people_of_a_place():
    assert sentence_labels("The soldiers of Ruvania have shown the way to the region.", ["Ruvania"], {}) == []
    assert sentence_labels("Officers brought down the regime of Anton Meyer on Wednesday.", ["Anton Meyer"], {}) \
        == [("Anton Meyer", "regime")]


def test_naming_lists_every_label_and_name_of_what_two_outlets_name_and_marks_the_choices():
    naming = story_naming(story({
        "A": "President Mohamed Bazoum was detained by the guard. Bazoum refused to resign. Ann Holt, a "
             "resident, heard shots.",
        "B": "President Mohamed Bazoum was held by mutinous soldiers. The former president refused to resign.",
        "C": "On Wednesday the ousted president Mohamed Bazoum was held in his residence.",
    }))
    rows = {(l.outlet, l.kind, l.label, l.differs) for l in naming}
    assert ("A", "label", "President", False) in rows  # a title two of three outlets write: listed, no choice
    assert ("C", "label", "ousted president", True) in rows
    assert ("B", "label", "former president", True) in rows
    assert {("A", "name", "Mohamed Bazoum", False), ("A", "name", "Bazoum", True)} <= rows
    # each name once per article, and nothing of a person whom one outlet alone names without a description
    assert sum(1 for l in naming if l.outlet == "A" and l.label == "Mohamed Bazoum") == 1
    assert not any("Holt" in l.entity for l in naming)
    assert {l for l in naming if l.kind == "label" and l.differs} == set(story_labels(story({
        "A": "President Mohamed Bazoum was detained by the guard. Bazoum refused to resign. Ann Holt, a "
             "resident, heard shots.",
        "B": "President Mohamed Bazoum was held by mutinous soldiers. The former president refused to resign.",
        "C": "On Wednesday the ousted president Mohamed Bazoum was held in his residence.",
    })))


def test_naming_lists_the_words_people_are_referred_to_by_without_a_name():
    naming = story_naming(story({
        "A": "Two Somali pirates boarded the tanker. Police said the suspect fled. Police chief Ann Holt spoke.",
        # "Armed": a capital at the sentence's start is read as no modifier
        "B": "Armed brigands boarded the tanker before dawn, and the crew hid below deck.",
    }))
    mentions = {(l.outlet, l.entity, l.label) for l in naming if l.kind == "mention"}
    assert mentions == {("A", "pirates", "Somali pirates"), ("A", "suspect", "suspect"), ("A", "police", "Police"),
                        ("B", "brigands", "brigands"), ("B", "crew", "crew")}
    assert not any(l.label.endswith("chief") for l in naming if l.kind == "mention")  # a title before a name
    assert not any(l.kind == "mention" and l.differs and l.label == "crew" for l in naming if l.outlet == "A")


def test_naming_leaves_out_what_names_no_one():
    naming = story_naming(story({
        "A": "I'm staying, Mohamed Bazoum said, as the general election neared. Bazoum spoke to U.N. staff.",
        "B": "Mohamed Bazoum refused to resign, and state media said nothing.",
    }))
    written = {l.label for l in naming}
    assert "Mohamed Bazoum" in written and not written & {"I'm", "U", "general", "state"}


def test_naming_lists_how_each_outlet_names_a_deal():
    naming = story_naming(story({
        "A": "The nuclear deal was signed in Vienna on Tuesday.",
        "B": "The so-called accord was signed in Vienna on Tuesday, and a ceasefire deal is next.",
    }))
    mentions = {(l.outlet, l.entity, l.label) for l in naming if l.kind == "mention"}
    assert mentions == {("A", "deal", "nuclear deal"), ("B", "accord", "so-called accord"),
                        ("B", "deal", "ceasefire deal")}
