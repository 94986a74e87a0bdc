from compare.analysis.own_words import MAX_OWN_WORDS, story_own_words
from compare.analysis.parse import parse_article


def _article(id: str, outlet: str, title: str, text: str, language: str = "en"):
    return parse_article(id, outlet, title, text, language=language)


def _terms(found, outlet):
    return [w.term for w in found if w.outlet == outlet]


WIRE = _article("a1", "Wire", "Tanker hits harbour pier",
                "A tanker hit a pier of the harbour on Monday, port officials said. "
                "Nobody was hurt and the harbour stayed open.")
PAPER = _article("b1", "Paper", "Tanker rams pier in harbour",
                 "A tanker rammed a pier of the harbour on Monday in a collision officials called an allision. "
                 "Port officials said nobody was hurt.")
TABLOID = _article("c1", "Tabloid", "Reckless tanker smashes harbour pier",
                   "A reckless tanker smashed into a pier of the harbour on Monday, the latest fiasco at the port. "
                   "Officials said nobody was hurt.")


def test_rare_and_charged_words_only_one_outlet_used_are_its_own():
    found = story_own_words([WIRE, PAPER, TABLOID])
    assert "allision" in _terms(found, "Paper")
    tabloid = _terms(found, "Tabloid")
    assert "fiasco" in tabloid
    assert "reckless tanker" in tabloid  # the describing word with the noun it describes
    # Words another outlet also used (in any form) are nobody's own: "tanker", "pier", "hit".
    every = {w.term for w in found}
    assert not every & {"tanker", "pier", "harbour", "officials", "hurt"}


def test_the_most_telling_word_comes_first_and_each_outlet_has_at_most_the_limit():
    found = story_own_words([WIRE, PAPER, TABLOID], limit=2)
    for outlet in ("Wire", "Paper", "Tabloid"):
        assert len(_terms(found, outlet)) <= 2
    paper = [w for w in found if w.outlet == "Paper"]
    assert paper[0].term == "allision"  # never seen in general use: rarer than "rammed" or "collision"
    assert MAX_OWN_WORDS >= 2


def test_a_word_points_at_where_it_stands_in_its_sentence():
    found = story_own_words([WIRE, PAPER, TABLOID])
    by_term = {w.term: w for w in found}
    allision = by_term["allision"]
    sentence = PAPER.sentences[allision.sentence_index].text
    assert sentence[allision.start:allision.end].lower() == "allision"
    reckless = by_term["reckless tanker"]
    assert reckless.sentence_index == -1  # first in the headline
    assert TABLOID.title[reckless.start:reckless.end] == "Reckless tanker"


def test_names_numbers_and_outlet_names_are_never_own_words():
    one = _article("a1", "Wire", "Storm floods town",
                   "The storm flooded 300 homes in Brackenford, mayor Ilse Varga said.")
    two = _article("b1", "Daily Courier", "Storm hits town",
                   "The Daily Courier saw 300 homes under water as the storm hit, Varga told reporters.")
    every = {w.term for w in story_own_words([one, two])}
    assert not every & {"brackenford", "ilse", "varga", "300", "daily", "courier"}


def test_a_phrase_that_names_something_is_kept_whole_and_a_piece_of_a_clause_is_not():
    one = _article("a1", "Wire", "Strike at the plant",
                   "Workers at the plant stopped work on Tuesday over pay, the company said.")
    two = _article("b1", "Left", "Plant workers strike",
                   "The exploited workers at the plant stopped work on Tuesday over pay.")
    three = _article("c1", "Right", "Strike halts plant",
                     "A strike halted the plant on Tuesday as workers demanded pay.")
    found = story_own_words([one, two, three])
    assert "exploited workers" in _terms(found, "Left")  # the describing word with its noun
    assert "exploited" not in _terms(found, "Left")  # and not once more alone
    # "strike halted" is a subject and its verb, not a name for anything.
    assert "strike halted" not in _terms(found, "Right")


def test_outlets_are_compared_within_one_language():
    english = _article("a1", "Wire", "Tanker hits pier", "A tanker hit a pier of the harbour, officials said.")
    spanish = _article("b1", "Diario", "Un petrolero choca con un muelle",
                       "Un petrolero chocó con un muelle del puerto, dijeron las autoridades.", language="es")
    assert story_own_words([english, spanish]) == []  # each alone in its language
    assert story_own_words([WIRE]) == []  # one outlet: nothing to compare with


def test_another_languages_own_words_are_ranked_by_its_own_frequencies_without_its_function_words():
    one = _article("a1", "Diario", "Un petrolero choca con un muelle del puerto",
                   "Un petrolero chocó con un muelle del puerto el lunes, según las autoridades portuarias.",
                   language="es")
    two = _article("b1", "Gaceta", "Un petrolero embiste un muelle del puerto",
                   "Un petrolero embistió temerariamente un muelle del puerto el lunes, en un nuevo bochorno "
                   "para las autoridades portuarias.", language="es")
    found = story_own_words([one, two])
    gaceta = _terms(found, "Gaceta")
    assert {"bochorno", "temerariamente"} <= set(gaceta)
    assert not set(gaceta) & {"en", "un", "para", "nuevo"}  # function words and filler of its language
    assert all(" " not in term for term in gaceta)  # phrases are read by English rules only


def test_a_name_made_with_of_is_kept_whole_unless_it_runs_on_or_counts():
    one = _article("a1", "Wire", "Storm brings down towers",
                   "Three radio towers fell on Sunday as the storm crossed the coast, officials said.")
    two = _article("b1", "Paper", "Towers topple in storm",
                   "The three radio towers went down like a row of dominoes when the storm reached the coast. "
                   "Insurers face the windfalls of the largest claims. Thousands of linemen worked overnight.")
    terms = _terms(story_own_words([one, two]), "Paper")
    assert "row of dominoes" in terms
    assert not any(t.startswith("windfalls of") for t in terms)  # "of the largest claims" names the claims
    assert not any(t.startswith("thousands of") for t in terms)  # a count of linemen is the linemen


def test_a_title_written_in_lower_case_somewhere_in_the_story_is_a_word_not_a_name():
    one = _article("a1", "Wire", "Strikers march on capital",
                   "Strikers marched through the capital on Tuesday, and President Vanel stayed silent.")
    two = _article("b1", "Left", "Workers confront the president of the rich",
                   "Working people showed the president of the rich who keeps the country running.")
    found = story_own_words([one, two])
    assert "president of the rich" in _terms(found, "Left")
    # A word only ever capitalised stays a name.
    assert "vanel" not in {w.term for w in found}
