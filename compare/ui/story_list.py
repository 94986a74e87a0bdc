"""Stories in the terminal (`news-compare stories`, the demo's list): those the most outlets
covered first, the latest first among those, each with the time of its latest article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from compare.ui.summaries import counted

if TYPE_CHECKING:
    from compare.store import Store
    from compare.stories.assign import StoryRow


def busiest_stories(store: Store, *, min_outlets: int = 1, limit: int | None = None) -> list[StoryRow]:
    """The ``limit`` stories of :func:`busiest_first`'s order, without reading every story when
    there are many: the store lists the latest stories of at least n outlets, so the cut-off n
    (the most outlets that ``limit`` stories still reach) is found by bisection, then the stories
    above it are all taken and the latest of those at it fill the rest."""
    from compare.stories.assign import list_stories

    if not limit:
        return busiest_first(list_stories(store, min_outlets=min_outlets))
    low, high = min_outlets, max(min_outlets, len(store.outlet_names()))
    while low < high:  # the largest n with at least `limit` stories of n or more outlets
        middle = (low + high + 1) // 2
        if len(list_stories(store, min_outlets=middle, limit=limit)) >= limit:
            low = middle
        else:
            high = middle - 1
    above = list_stories(store, min_outlets=low + 1) if low < len(store.outlet_names()) else []
    at = [s for s in list_stories(store, min_outlets=low, limit=limit) if s.n_outlets == low]
    return busiest_first(above + at)[:limit]


def busiest_first(stories: list[StoryRow]) -> list[StoryRow]:
    """Stories the most outlets covered first, the latest first among those: where a comparison
    has the most to show (single-outlet stories, however recent, come last)."""
    return sorted(stories, key=lambda s: (s.n_outlets, s.last_published, s.id), reverse=True)


def story_lines(stories: list[StoryRow]) -> list[str]:
    """Three lines a story: its id, latest time and counts; its headline; its outlets."""
    lines = []
    for story in stories:
        latest = story.last_published[:16].replace("T", " ")
        lines += [f"{story.id}  {latest}  {counted(story.n_articles, 'article')}, "
                  f"{counted(story.n_outlets, 'outlet')} ({story.n_independent} independent)",
                  f"    {story.title}", f"    {', '.join(story.outlets)}"]
    return lines
