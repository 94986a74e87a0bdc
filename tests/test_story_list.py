"""Stories for the terminal: the most outlets first, then the latest, found without reading them all."""

from __future__ import annotations

from compare.store import Store
from compare.stories.assign import list_stories
from compare.ui.story_list import busiest_first, busiest_stories, story_lines


def test_the_busiest_stories_are_found_without_reading_them_all(demo_db):
    with Store(demo_db) as store:
        for min_outlets in (1, 2, 3, 6):
            every = busiest_first(list_stories(store, min_outlets=min_outlets))
            assert busiest_stories(store, min_outlets=min_outlets) == every
            for limit in range(1, 17):
                assert busiest_stories(store, min_outlets=min_outlets, limit=limit) == every[:limit], (min_outlets,
                                                                                                        limit)
        stories = list_stories(store)
    ordered = busiest_first(stories)
    keys = [(s.n_outlets, s.last_published) for s in ordered]
    assert keys == sorted(keys, reverse=True) and ordered[0].n_outlets == 5 and ordered[-1].n_outlets == 1


def test_three_lines_a_story_with_its_latest_time():
    from compare.stories.assign import StoryRow

    story = StoryRow(id="s-1", title="Talks end", first_published="2026-03-09T07:10:00+00:00",
                     last_published="2026-03-11T07:30:00+00:00", n_articles=1, n_outlets=1, n_independent=1,
                     outlets=["Wire"])
    assert story_lines([story]) == ["s-1  2026-03-11 07:30  1 article, 1 outlet (1 independent)", "    Talks end",
                                    "    Wire"]
