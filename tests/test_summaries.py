"""A run's summary in words: every count with its noun in the right number."""

from __future__ import annotations

from compare.analysis.run import AnalyseReport
from compare.stories.assign import MatchReport
from compare.ui.summaries import analyse_lines, counted, match_lines


def test_counted():
    assert [counted(n, "story", "stories") for n in (0, 1, 2)] == ["0 stories", "1 story", "2 stories"]
    assert counted(1, "fact") == "1 fact" and counted(3, "fact") == "3 facts"


def test_one_of_each_is_singular_and_more_plural():
    one = match_lines(MatchReport(new_articles=1, new_stories=1, joined_existing=0, wire_copies=1))
    assert one == ["matched 1 new article: 1 new story, 0 joined existing ones, 1 wire copy found"]
    two = match_lines(MatchReport(new_articles=3, new_stories=2, joined_existing=1, wire_copies=0))
    assert two == ["matched 3 new articles: 2 new stories, 1 joined an existing one, 0 wire copies found"]
    lines = analyse_lines(AnalyseReport(stories=1, facts=1, discrepancies=1, cues=1, sources=1,
                                        similarity="lexical scorer", embedded=1))
    assert lines == ["analysed 1 story: 1 fact, 1 conflicting figure, 1 framing cue, 1 source",
                     "facts aligned by the lexical scorer; 1 new sentence embedded"]
    assert "2 stories: 0 facts" in analyse_lines(AnalyseReport(stories=2))[0]


def test_a_matcher_that_found_another_at_work_says_so():
    assert match_lines(MatchReport(busy_elsewhere=True)) == [
        "another matcher is at work on this database: the new articles are left to it"]
    lines = match_lines(MatchReport(new_articles=2, new_stories=1, busy_elsewhere=True))
    assert lines[0].startswith("matched 2 new articles") and "another matcher took over" in lines[1]
