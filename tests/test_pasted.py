"""A pasted article read on its own."""

from __future__ import annotations

from compare.analysis.pasted import analyse_pasted

TEXT = ("Officials said the so-called reform was a disaster. According to the ministry, 40 schools will close. "
        "\"We are shocked,\" said Anna Lindqvist, a teacher at the village school. Critics claim the plan "
        "may perhaps be reversed. Anna Lindqvist said parents would protest on Friday.")


def test_cues_sources_names_figures_and_tone_of_a_pasted_article():
    mine = analyse_pasted("Schools face a brutal cut", TEXT)
    assert mine.words == len(TEXT.split())
    assert not mine.cues.empty and set(mine.cue_rates["category"]) == set(mine.cues["category"])
    assert (mine.cue_rates["per 1,000 words"] > 0).all()
    lindqvist = mine.sources[mine.sources["source"] == "Anna Lindqvist"].iloc[0]
    assert lindqvist["attributions"] == 2 and "We are shocked" in lindqvist["quotes"]
    assert "ministry" in set(mine.sources["source"])
    assert mine.names.set_index("name")["mentions"]["Anna Lindqvist"] == 2
    assert "40 schools" in set(mine.figures["figure"])
    assert -1 <= mine.text_tone <= 1 and "framing cues" in mine.summary()


def test_an_empty_looking_article_still_gives_tables():
    mine = analyse_pasted("", "Nothing here at all.")
    assert mine.cues.empty and mine.sources.empty and mine.figures.empty
    assert "0 sources" in mine.summary()


def test_each_sentence_of_the_parse_has_its_place_in_the_pasted_text():
    text = "The minister is reportedly\nconsidering a brutal cut. Schools will close.\nParents said so."
    mine = analyse_pasted("", text)
    places = mine.sentences[mine.sentences["sentence_index"] >= 0].set_index("sentence_index")
    assert len(places) == 3 and places.loc[0, "text"] == "The minister is reportedly considering a brutal cut."
    assert text[int(places.loc[1, "start"]):int(places.loc[1, "end"])] == "Schools will close."
    assert text[int(places.loc[2, "start"]):int(places.loc[2, "end"])] == "Parents said so."
