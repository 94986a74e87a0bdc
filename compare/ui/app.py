"""news-compare dashboard: widgets and layout only; every figure comes from compare.ui.views.

`news-compare dashboard` runs this file with Streamlit (so does the top-level streamlit_app.py):
the database is $NEWS_COMPARE_DB (default compare.db), the settings those of $NEWS_COMPARE_FEEDS
(default feeds.toml, when it exists). A password, when one is set, guards every page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from compare.errors import CompareError
from compare.store import Store, describe_target
from compare.ui import gate, views
from compare.ui.compare_page import compare_page
from compare.ui.dashboard import Dashboard
from compare.ui.story_page import show_story
from compare.ui.summaries import analyse_lines, match_lines
from compare.ui.widgets import readable, table

PAGES = ("Stories", "Story", "Outlets", "Feeds", "Compare an article")


def main() -> None:
    st.set_page_config(page_title="news-compare", layout="wide")
    try:
        board = Dashboard.from_environment()
    except CompareError as exc:
        # The settings hold the password: without them nothing is shown, and to a visitor from
        # another machine not even why.
        st.error("The dashboard's settings file cannot be read, so it shows nothing until that is fixed"
                 + ("." if gate.listening_beyond_this_machine() else f": {views.plain(exc)}"))
        return
    if not gate.admitted(board.password):
        return
    follow_the_address()
    page = sidebar(board)
    if empty_database(board):
        return
    {"Stories": stories_page, "Story": story_page, "Outlets": outlets_page, "Feeds": feeds_page,
     "Compare an article": compare_page}[page](board)


def follow_the_address() -> None:
    """When the address changed without us (Back, Forward, an edited link), show what it names:
    the widgets keep their own state otherwise, and would put the old page back."""
    params = st.query_params
    current = (params.get("page"), params.get("story"))
    if st.session_state.get("address", current) != current:
        if current[0] in PAGES:
            st.session_state["page"] = current[0]
        if current[1]:
            st.session_state["story"] = current[1]
            st.session_state.pop("story_select", None)
    st.session_state["address"] = current


def set_address(page: str, story: str | None = None) -> None:
    """Name the page (and story) shown in the address, so that reload, Back and links return to it."""
    params = st.query_params
    if (params.get("page"), params.get("story")) != (page, story):
        if story is None:
            params.pop("story", None)
            params["page"] = page
        else:
            params.update(page=page, story=story)
    st.session_state["address"] = (page, story)


def sidebar(board: Dashboard) -> str:
    if "page" not in st.session_state:  # the page the address names; then the widget's own state
        wanted = st.query_params.get("page", "Stories")
        st.session_state["page"] = wanted if wanted in PAGES else "Stories"
    # No default value: callbacks and the address set the page through the session state.
    page = st.sidebar.radio("Page", PAGES, key="page")
    if page != "Story":  # the story page names its story itself
        set_address(page)
    st.sidebar.caption(f"Database: {views.plain(describe_target(board.db))}")
    gate.sign_out_button()
    if not board.settings.dashboard_collect:
        st.sidebar.caption("Collecting from the dashboard is switched off (`dashboard_collect = false` in "
                           "feeds.toml); `news-compare run` collects.")
        return page
    feeds_file = board.feeds_file
    new_outlets = _outlets_collect_would_add(board)
    if new_outlets:  # say so before the button, not after: a demo database gains real outlets
        st.sidebar.caption(f"Collecting adds {views.counted(len(new_outlets), 'outlet')} of {views.plain(feeds_file)} "
                           f"that this database does not have yet ({views.plain(', '.join(new_outlets[:3]))}"
                           f"{', …' if len(new_outlets) > 3 else ''}).")
    if st.sidebar.button("Collect and update now", help=f"poll the feeds of {feeds_file}, then match and analyse"):
        collect_now(board)
    return page


def _outlets_collect_would_add(board: Dashboard) -> list[str]:
    """Outlets of the feeds file that the database lacks, when it already has others ([] otherwise)."""
    from compare.config import load_config

    try:
        config = load_config(board.feeds_file)
        known = set(board.load("outlet_labels")["outlet"]) if not board.missing() else set()
    except (CompareError, OSError):
        return []
    return [o.name for o in config.outlets if o.name not in known] if known else []


def collect_now(board: Dashboard) -> None:
    from compare.collect.fetch import HttpClient
    from compare.collect.pipeline import update
    from compare.config import load_config

    bar = st.sidebar.progress(0.0, text="starting")
    try:
        config = load_config(board.feeds_file)
        with Store(board.db) as store, HttpClient(config.settings) as client:
            collected, matched, analysed = update(
                config, store, client,
                progress=lambda stage, done, total: bar.progress(done / max(total, 1), text=f"{stage}: {done}/{total}"))
    except CompareError as exc:
        st.sidebar.error(views.plain(f"Could not collect: {exc}"))
        return
    bar.progress(1.0, text="done")
    summary = "\n".join(f"- {line}" for line in collected.lines() + match_lines(matched) + analyse_lines(analysed))
    failed_feeds, failed_pages = collected.feeds_failed, collected.failed
    if failed_feeds or failed_pages:
        polled = collected.feeds_ok + collected.feeds_not_modified + failed_feeds
        problems = [f"{failed_feeds} of {views.counted(polled, 'feed')} could not be read"] if failed_feeds else []
        if failed_pages:
            problems.append(f"{views.counted(failed_pages, 'article page')} could not be fetched")
        first = [f"- {views.plain(url)}: {views.plain(error)}" for url, error in
                 (collected.feed_errors + collected.article_errors)[:3]]
        st.sidebar.warning("Collected with problems: " + "; ".join(problems) + ".\n\nFirst errors:\n" +
                           "\n".join(first) + "\n\n" + summary)
        st.sidebar.button("Show the failing feeds", key="to_feeds", on_click=_go_to, args=("Feeds",))
    else:
        st.sidebar.success("Collected:\n" + summary)


def _go_to(page: str) -> None:
    """Button callback: switch the page widget before the next run."""
    st.session_state["page"] = page
    set_address(page)


def empty_database(board: Dashboard) -> bool:
    advice = ("To see the tool at work, run `news-compare demo` (a week of invented news, no network needed). "
              "For real news, list outlets in feeds.toml and run `news-compare run`"
              + (", or press **Collect and update now** in the sidebar." if board.settings.dashboard_collect else "."))
    if board.missing():
        st.info(views.plain(f"There is no database at {board.db} yet. ") + advice)
        return True
    try:
        numbers = board.load("counts")
    except CompareError as exc:
        st.error(views.plain(f"Cannot open the database {board.db}: {exc}"))
        return True
    if numbers["articles"] == 0:
        st.info("This database has no articles yet. " + advice)
        return True
    return False


def stories_page(board: Dashboard) -> None:
    st.header("Stories")
    labels = board.load("outlet_labels")
    left, middle, right = st.columns(3)
    text = left.text_input("Search headlines and texts", key="search")
    outlets = middle.multiselect("Covered by all of", labels["outlet"].tolist(), key="outlets")
    any_outlet = middle.toggle("any of them instead", key="any_outlet", disabled=len(outlets) < 2)
    min_outlets = right.number_input("At least this many outlets", min_value=1, value=1, key="min_outlets")
    left, right = st.columns(2)
    label_column = left.selectbox("Outlet label", ["", "country", "ownership", "lean", "language"], key="label")
    label_value = right.selectbox("Label value", [""] + sorted(v for v in labels[label_column].unique() if v)
                                  if label_column else [""], key="label_value")
    period = st.date_input("Published between", value=(), key="period")
    start, end = (period[0], period[-1]) if isinstance(period, tuple) and period else (None, None)
    frame = board.load("stories_table", text=text, start=start, end=end, outlets=outlets or None,
                 label=(label_column, label_value) if label_column else None, min_outlets=int(min_outlets),
                 every_outlet=not any_outlet)
    if not text:  # a search lists the best matches first; otherwise the busiest stories lead
        frame = views.busiest_first(frame)
    st.caption(views.counted(len(frame), "story", "stories") + ("" if text else ", the most outlets first"))
    if frame.empty:
        st.warning("No story matches these filters.")
        return
    timeline = board.load("coverage_timeline", frame["story_id"].tolist())
    if not timeline.empty:
        st.bar_chart(timeline, x="day", y="articles", color="outlet")
    st.caption("Click a story's row to open it.")
    st.session_state["listed_stories"] = frame["story_id"].tolist()
    table(readable(frame, {"title": "headline", "n_articles": "articles", "n_outlets": "outlets covering",
                            "independent_outlets": "independent outlets", "first_published": "first",
                            "last_published": "latest"}),
          "stories", download=frame, on_select=_open_clicked, selection_mode="single-row", key="stories_list")
    choice = st.selectbox("Open a story", frame["story_id"], format_func=_titles(frame).__getitem__, key="open")
    st.button("Show this story", key="show", on_click=open_story, args=(choice,))


def _open_clicked() -> None:
    """Row-click callback: open the clicked story (runs before the next script run)."""
    rows = st.session_state["stories_list"].selection.rows
    listed = st.session_state.get("listed_stories", [])
    if rows and rows[0] < len(listed):
        open_story(listed[rows[0]])


def open_story(story_id: str) -> None:
    """Button callback: runs before the next script run, so it may set the page widget."""
    st.session_state["page"] = "Story"
    st.session_state["story"] = story_id
    st.session_state.pop("story_select", None)
    set_address("Story", story_id)


def _titles(frame: pd.DataFrame) -> dict[str, str]:
    """Story id -> "headline (N outlets)", built once: a selectbox formats every option."""
    return dict(zip(frame["story_id"], frame["title"] + " (" + frame["n_outlets"].astype(str) + " outlets)"))


def story_page(board: Dashboard) -> None:
    stories = board.load("stories_table", limit=2000)
    if stories.empty:
        st.info("No stories yet: run `news-compare match`.")
        return
    # By default the story the most independent outlets covered, the latest of those.
    busiest = views.busiest_first(stories)["story_id"].iloc[0]
    wanted = st.session_state.get("story") or st.query_params.get("story") or busiest
    ids = stories["story_id"].tolist()
    titles = _titles(stories)
    if wanted not in titles:  # an older story than the list shows, opened by its link
        linked = board.load("story_view", wanted)
        if linked is None:
            st.error(views.plain(f"There is no story {wanted} in {board.db}; showing the latest instead."))
            wanted = ids[0]
        else:
            ids.insert(0, wanted)
            titles[wanted] = f"{linked.story['title']} ({len(linked.story['outlets'])} outlets)"
    story_id = st.selectbox("Story", ids, index=ids.index(wanted), format_func=titles.__getitem__,
                            key="story_select")
    st.session_state["story"] = story_id
    set_address("Story", story_id)
    show_story(board.load("story_view", story_id))


def outlets_page(board: Dashboard) -> None:
    st.header("Outlets")
    period = st.date_input("Published between", value=(), key="outlets_period",
                           help="Leave empty for every article in the database.")
    start, end = (period[0], period[-1]) if isinstance(period, tuple) and period else (None, None)
    profile = board.load("outlets_profile", start=start, end=end)
    group = st.selectbox("Group by", ["", "country", "ownership", "lean"], key="group_by")
    if group:
        numeric = profile.select_dtypes("number").columns
        grouped = profile.groupby(group)[list(numeric)].mean().round(3).reset_index()
        table(grouped, f"outlets_by_{group}")
    st.caption("Blindspots: stories at least half of the outlets that published in the period covered, and this "
               "one did not. Tone runs from -1 to +1.")
    shown = profile.astype(object).where(profile.notna(), "")
    table(shown.rename(columns=lambda c: c.replace("_", " ")), "outlets", download=profile)
    outlet = st.selectbox("Blindspots of", profile["outlet"], key="blindspot_outlet")
    blind = board.load("blindspot_stories", outlet, start=start, end=end)
    st.caption(f"{views.counted(len(blind), 'story', 'stories')} most other outlets covered and "
               f"{views.plain(outlet)} did not.")
    table(readable(blind, {"title": "story", "first_published": "first", "n_outlets": "outlets covering"}),
          "blindspots", download=blind)


def feeds_page(board: Dashboard) -> None:
    st.header("Feeds")
    frame = board.load("feeds_table")
    if frame.empty:
        st.info("No feeds yet: list outlets in feeds.toml and run `news-compare collect`, or press **Collect and "
                "update now**.")
        return
    failing = int((frame["consecutive_failures"] > 0).sum())
    if failing:
        st.warning(f"{failing} of {views.counted(len(frame), 'feed')} failing; they are listed first, with "
                   "the last error.")
    table(views.readable_feeds(frame), "feeds", download=frame)


if __name__ == "__main__":  # as Streamlit runs this file
    main()
