"""A pasted article read on its own."""

from __future__ import annotations

from compare.analysis.pasted import analyse_pasted

TEXT = ("Officials said the so-called reform was a disaster. According to the ministry, 40 schools will close. "
        "\"We are shocked,\" said Anna Lindqvist, a teacher at the village school. Critics claim the plan "
        "may perhaps be reversed. Anna Lindqvist said parents would protest on Friday.")


def test_cues_sources_names_figures_and_tone_of_a_pasted_article():
    mine = analyse_pasted("Schools face a brutal cut", TEXT)
    assert mine.words == 44
    terms = mine.cues.groupby("category")["term"].apply(set).to_dict()
    assert terms == {"emotive": {"brutal", "disaster"}, "label": {"so-called"}, "hedge": {"claim", "may", "perhaps"}}
    # Cues per 1,000 words of the text: 3 hedges in 44 words are 68.2, 2 emotive words 45.5, 1 label 22.7.
    rates = mine.cue_rates.set_index("category")
    assert rates["cues"].to_dict() == {"hedge": 3, "emotive": 2, "label": 1}
    assert rates["per 1,000 words"].to_dict() == {"hedge": 68.2, "emotive": 45.5, "label": 22.7}
    assert list(rates.index) == ["hedge", "emotive", "label"]  # the most frequent first
    lindqvist = mine.sources[mine.sources["source"] == "Anna Lindqvist"].iloc[0]
    assert lindqvist["attributions"] == 2 and "We are shocked" in lindqvist["quotes"]
    assert "ministry" in set(mine.sources["source"])
    assert mine.names.set_index("name")["mentions"]["Anna Lindqvist"] == 2
    assert "40 schools" in set(mine.figures["figure"])
    assert mine.text_tone < 0 and mine.headline_tone < 0  # a disaster, shock, protest; a brutal cut
    assert mine.summary().startswith("44 words; 6 framing cues in 3 categories; 4 sources; 1 names; 1 figures; ")


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


def test_the_lexicon_of_the_settings_marks_the_pasted_article(tmp_path):
    from compare.analysis.framing import load_lexicon

    mine = tmp_path / "mine.toml"
    mine.write_text('[categories.label]\nterms = ["negotiators"]\n', encoding="utf-8")
    text = "The negotiators met in the capital on Monday and agreed to meet again."
    shipped = analyse_pasted("Talks", text)
    own = analyse_pasted("Talks", text, lexicon=load_lexicon(mine))
    assert "negotiators" not in set(shipped.cues["term"].str.lower())
    assert "negotiators" in set(own.cues["term"].str.lower())
