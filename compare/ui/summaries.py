"""What a run of the stages did, in words for the terminal and the dashboard's sidebar:
counts with their nouns in the right number ("1 new story", "2 new stories")."""

from __future__ import annotations

from typing import Protocol


class _Matched(Protocol):
    new_articles: int
    new_stories: int
    joined_existing: int
    wire_copies: int
    busy_elsewhere: bool


class _Analysed(Protocol):
    stories: int
    facts: int
    discrepancies: int
    cues: int
    sources: int
    similarity: str
    embedded: int


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 story", "3 stories": a count with its noun in the right number.

    >>> counted(1, "new story", "new stories"), counted(2, "new story", "new stories")
    ('1 new story', '2 new stories')
    """
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def match_lines(report: _Matched) -> list[str]:
    """`match`'s summary (a :class:`compare.stories.assign.MatchReport`)."""
    if report.busy_elsewhere and not report.new_articles:
        return ["another matcher is at work on this database: the new articles are left to it"]
    lines = [f"matched {counted(report.new_articles, 'new article')}: "
             f"{counted(report.new_stories, 'new story', 'new stories')}, "
             f"{counted(report.joined_existing, 'joined an existing one', 'joined existing ones')}, "
             f"{counted(report.wire_copies, 'wire copy', 'wire copies')} found"]
    if report.busy_elsewhere:
        lines.append("then another matcher took over: the articles left are its to match")
    return lines


def analyse_lines(report: _Analysed) -> list[str]:
    """`analyse`'s summary (a :class:`compare.analysis.run.AnalyseReport`)."""
    return [f"analysed {counted(report.stories, 'story', 'stories')}: {counted(report.facts, 'fact')}, "
            f"{counted(report.discrepancies, 'conflicting figure')}, {counted(report.cues, 'framing cue')}, "
            f"{counted(report.sources, 'source')}",
            f"facts aligned by the {report.similarity}; "
            f"{counted(report.embedded, 'new sentence')} embedded"]
