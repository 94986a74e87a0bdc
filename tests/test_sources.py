"""Sources: speakers of quotes and attributions, and their kinds."""

from __future__ import annotations

from compare.sources import article_sources, classify

TEXT = ("Clara Novak, a researcher at the Saldenburg Peace Institute, said the gap was wide. "
        "\"We came here to bring our people home,\" Danek said. "
        "Foreign minister Petra Danek spoke to reporters later. \"Every name is a family,\" she said. "
        "A member of the delegation, who asked not to be named, said Korvgrad was in no hurry. "
        "According to the Continental Wire Service, the talks lasted nine hours. "
        "A draft proposal seen by CWS would allow exports. "
        "\"The whole window came in,\" said Agnes Moll, who runs a bakery near the market.")


def test_speakers_quotes_and_kinds():
    found = {s.source: s for s in article_sources(TEXT, frozenset({"Continental Wire Service"}))}
    assert found["Clara Novak"].kind == "expert"
    assert found["Danek"].quote == "We came here to bring our people home"
    assert found["Danek"].kind == "official"
    assert found["Petra Danek"].quote == "Every name is a family"  # "she" resolved to the last person named
    assert found["A member of the delegation"].kind == "anonymous"
    assert found["Continental Wire Service"].kind == "outlet"
    assert found["A draft proposal"].kind == "document"
    assert found["Agnes Moll"].kind == "witness"


def test_a_sentence_without_attribution_has_no_source():
    assert article_sources("The bridge will close for six weeks. Traffic is heavy.") == []


def test_classify_by_introduction():
    text = "Kristin Aalto, a forecaster at the National Weather Office, spoke."
    assert classify("Kristin Aalto", text) == "expert"
    assert classify("three people familiar with the matter", "") == "anonymous"
