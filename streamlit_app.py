"""news-compare dashboard: widgets and layout only; every figure comes from compare.views.

Start with `news-compare dashboard` (or `streamlit run streamlit_app.py`); the database is
$NEWS_COMPARE_DB (default compare.db).
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from compare import views
from compare.embed import describe
from compare.errors import CompareError
from compare.match import MatchParams
from compare.store import Store

PAGES = ("Stories", "Story", "Outlets", "Feeds", "Compare an article")
CUE_COLOURS = {"label": "#f8b4b4", "emotive": "#fcd9a8", "loaded_verb": "#f9e79f", "intensifier": "#d5e8f7",
               "euphemism": "#d7c6f2", "hedge": "#cdeccd", "unattributed": "#e0e0e0"}

st.set_page_config(page_title="news-compare", layout="wide")
DB = views.default_db_path()


@st.cache_data(show_spinner=False, max_entries=64)
def cached(name: str, db: str, state: tuple[float, int], *args: object, **kwargs: object) -> object:
    """Run ``views.<name>`` on the database ``db``; ``state`` (the file's stamp) keys the cache."""
    with Store(db) as store:
        return getattr(views, name)(store, *args, **kwargs)


def load(name: str, *args: object, **kwargs: object):  # noqa: ANN201 - returns what the view returns
    return cached(name, DB, views.database_state(DB), *args, **kwargs)


def table(frame: pd.DataFrame | Styler, name: str, download: pd.DataFrame | None = None,
          **options: object) -> object:
    """A table and its CSV download (``download``, when the file has another shape than the screen).

    Returns what ``st.dataframe`` returns: the selection, for a table with ``on_select``."""
    shown = st.dataframe(frame, width="stretch", hide_index=True, **options)
    st.download_button(f"Download {name}.csv", views.to_csv(frame if download is None else download),
                       file_name=f"{name}.csv", mime="text/csv", key=f"download-{name}")
    return shown


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


def sidebar() -> str:
    params = st.query_params
    wanted = params.get("page", "Stories")
    page = st.sidebar.radio("Page", PAGES, index=PAGES.index(wanted) if wanted in PAGES else 0, key="page")
    if page != "Story":  # the story page names its story itself
        set_address(page)
    st.sidebar.caption(f"Database: {DB}")
    feeds_file = os.environ.get("NEWS_COMPARE_FEEDS", "feeds.toml")
    new_outlets = _outlets_collect_would_add(feeds_file)
    if new_outlets:  # say so before the button, not after: a demo database gains real outlets
        st.sidebar.caption(f"Collecting adds {views.counted(len(new_outlets), 'outlet')} of {views.plain(feeds_file)} "
                           f"that this database does not have yet ({views.plain(', '.join(new_outlets[:3]))}"
                           f"{', …' if len(new_outlets) > 3 else ''}).")
    if st.sidebar.button("Collect and update now", help=f"poll the feeds of {feeds_file}, then match and analyse"):
        collect_now(feeds_file)
    return page


def _outlets_collect_would_add(feeds_file: str) -> list[str]:
    """Outlets of the feeds file that the database lacks, when it already has others ([] otherwise)."""
    from compare.config import load_config

    try:
        config = load_config(feeds_file)
        known = set(load("outlet_labels")["outlet"])
    except (CompareError, OSError):
        return []
    return [o.name for o in config.outlets if o.name not in known] if known else []


def collect_now(feeds_file: str) -> None:
    from compare.config import load_config
    from compare.fetch import HttpClient
    from compare.pipeline import update

    bar = st.sidebar.progress(0.0, text="starting")
    try:
        config = load_config(feeds_file)
        with Store(DB) as store, HttpClient(config.settings) as client:
            collected, matched, analysed = update(
                config, store, client,
                progress=lambda stage, done, total: bar.progress(done / max(total, 1), text=f"{stage}: {done}/{total}"))
    except CompareError as exc:
        st.sidebar.error(f"Could not collect: {exc}")
        return
    bar.progress(1.0, text="done")
    summary = "\n".join(f"- {line}" for line in collected.lines() + matched.lines() + analysed.lines())
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


def empty_database() -> bool:
    try:
        numbers = load("counts")
    except CompareError as exc:
        st.error(f"Cannot open the database {DB}: {exc}")
        return True
    if numbers["articles"] == 0:
        st.info("This database has no articles yet. To see the tool at work, run `news-compare demo` (a week of "
                "invented news, no network needed). For real news, list outlets in feeds.toml and run "
                "`news-compare run`, or press **Collect and update now** in the sidebar.")
        return True
    return False


def stories_page() -> None:
    st.header("Stories")
    labels = load("outlet_labels")
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
    frame = load("stories_table", text=text, start=start, end=end, outlets=outlets or None,
                 label=(label_column, label_value) if label_column else None, min_outlets=int(min_outlets),
                 every_outlet=not any_outlet)
    st.caption(views.counted(len(frame), "story", "stories"))
    if frame.empty:
        st.warning("No story matches these filters.")
        return
    timeline = load("coverage_timeline", frame["story_id"].tolist())
    if not timeline.empty:
        st.bar_chart(timeline, x="day", y="articles", color="outlet")
    st.caption("Click a story's row to open it.")
    st.session_state["listed_stories"] = frame["story_id"].tolist()
    table(_readable(frame, {"title": "headline", "n_articles": "articles", "n_outlets": "outlets covering",
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


def story_page() -> None:
    stories = load("stories_table", limit=2000)
    if stories.empty:
        st.info("No stories yet: run `news-compare match`.")
        return
    # By default the story the most independent outlets covered, the latest of those.
    busiest = stories.sort_values(["independent_outlets", "last_published"], ascending=False)["story_id"].iloc[0]
    wanted = st.session_state.get("story") or st.query_params.get("story") or busiest
    ids = stories["story_id"].tolist()
    titles = _titles(stories)
    if wanted not in titles:  # an older story than the list shows, opened by its link
        linked = load("story_view", wanted)
        if linked is None:
            st.error(views.plain(f"There is no story {wanted} in {DB}; showing the latest instead."))
            wanted = ids[0]
        else:
            ids.insert(0, wanted)
            titles[wanted] = f"{linked.story['title']} ({len(linked.story['outlets'])} outlets)"
    story_id = st.selectbox("Story", ids, index=ids.index(wanted), format_func=titles.__getitem__,
                            key="story_select")
    st.session_state["story"] = story_id
    set_address("Story", story_id)
    show_story(load("story_view", story_id))


def show_story(view: views.StoryView) -> None:
    story = view.story
    plain = views.plain
    st.header(plain(story["title"]))
    n_outlets = len(story["outlets"])
    st.caption(f"{views.counted(int(story.get('n_articles') or len(view.articles)), 'article')} from "
               f"{views.counted(n_outlets, 'outlet')} ({story.get('n_independent', n_outlets)} independent); "
               f"{views.when(story.get('first_published'))} to {views.when(story.get('last_published'))}")
    columns = st.columns(min(len(view.articles), 4) or 1)
    for n, article in enumerate(view.articles.itertuples()):  # in publication order
        with columns[n % len(columns)]:
            st.markdown(f"#### {plain(article.outlet)}\n**{plain(article.headline)}**")
            st.caption(" · ".join(part for part in (views.when(article.published), views.link(article.url, "source"),
                                                    _kind(article),
                                                    _wire_label(article)) if part))
            st.markdown(plain(views.short(article.lead, 220)))
    tabs = st.tabs(["Fact matrix", "Omissions and unique facts", "Conflicting figures", "Sources",
                    "Wording", "Texts", "Names", "Timeline"])
    with tabs[0]:
        fact_matrix(view)
    with tabs[1]:
        st.subheader("What each outlet left out")
        st.caption("Facts at least two outlets and half of the story's reports carry, and this outlet does not.")
        left_out = views.omissions_by_outlet(view.omissions)
        for outlet in _outlet_order(view):
            if outlet in left_out:
                st.markdown(f"**{views.plain(outlet)} left out:**\n" +
                            "\n".join(f"- {views.plain(views.short(fact, 200))}" for fact in left_out[outlet]))
        if not left_out:
            st.info("No outlet leaves out a fact most of the others report.")
        table(_readable(view.omissions, {"fact": "fact left out", "closest": "its closest sentence"}),
              "omissions", download=_with_story(view, view.omissions))
        st.subheader("Facts only one outlet reports")
        table(_readable(view.unique, {"sentence": "fact only this outlet reports"}), "unique_facts",
              download=_with_story(view, view.unique))
    with tabs[2]:
        if view.discrepancies.empty:
            st.info("No conflicting figures found in this story.")
        else:
            st.caption("Each row is one disputed quantity, with every outlet's figure side by side; "
                       "open a row below for the sentences.")
            outlets = [o for o in _outlet_order(view) if o in view.disputed.columns]
            table(view.disputed[["what", *outlets]], "figures", download=_with_story(view, view.figures))
            for (fact_id, unit), rows in view.discrepancies.groupby(["fact_id", "unit"], sort=False):
                with st.expander(views.plain(f"{unit}: " + ", ".join(f"{o} {v}" for o, v in
                                                                       zip(rows["outlet"], rows["value"])))):
                    st.markdown("\n".join(f"- **{views.plain(r.outlet)}** ({views.plain(r.value)}): "
                                           f"{views.plain(r.sentence)}" for r in rows.itertuples()))
        with st.expander("All conflicting figures, one row per outlet"):
            table(view.discrepancies, "discrepancies", download=view.downloads.get("discrepancies.csv"))
    with tabs[3]:
        st.caption("Whom each outlet quotes or cites: one row per source, its kind, and how many times the outlet "
                   "cites it. The quotes are in the table below.")
        outlets = _outlet_order(view)
        for start in range(0, len(outlets), 4):
            for column, outlet in zip(st.columns(4), outlets[start:start + 4]):
                mine = view.sources[view.sources["outlet"] == outlet]
                column.markdown(f"**{views.plain(outlet)}**")
                if mine.empty:
                    column.caption("cites no one by name")
                else:
                    column.dataframe(mine[["source", "kind", "attributions"]], hide_index=True, width="stretch")
        # The download is one row per attribution, as `export` writes sources.csv.
        table(view.sources, "sources", download=view.attributions)
    with tabs[4]:
        st.subheader("Words each outlet used where the others did not")
        table(_readable(view.contrasts, {"terms": "its words"}), "word_choice",
              download=view.downloads.get("contrasts.csv"))
        st.subheader("Framing cues")
        if not view.cue_rates.empty:
            st.bar_chart(view.cue_rates, x="outlet", y="per 1,000 words", color="category", stack=True)
        table(_readable(view.cues, {"term": "words"}), "framing",
              download=view.downloads.get("framing.csv"))
        if "text_tone" in view.articles:
            st.subheader("Tone (VADER, -1 to +1)")
            table(view.articles[["outlet", "headline", "headline_tone", "text_tone"]], "tone",
                  download=view.downloads.get("tone.csv"))
    with tabs[5]:
        st.markdown(_legend(), unsafe_allow_html=True)
        for article in view.articles.itertuples():
            st.subheader(views.plain(f"{article.outlet}: {article.headline}"))
            cues = view.cues[(view.cues["article_id"] == article.article_id) & (view.cues["sentence_index"] >= 0)]
            st.markdown(views.highlighted_html(article.text or "", cues), unsafe_allow_html=True)
    with tabs[6]:
        table(view.names, "names", download=view.downloads.get("names.csv"))
    with tabs[7]:
        times = view.articles.assign(time=pd.to_datetime(view.articles["published"], utc=True, errors="coerce"))
        if times["time"].notna().any():
            st.caption("Who reported when: one dot per article.")
            st.scatter_chart(times.dropna(subset=["time"]), x="time", y="outlet", color="outlet", height=260)
        table(_readable(view.timeline, {"first_article": "first article", "after_first": "after the first"}),
              "timeline", download=_with_story(view, view.timeline))


def _outlet_order(view: views.StoryView) -> list[str]:
    """The story's outlets in the order they first published it, as the cards show them."""
    ordered = list(dict.fromkeys(view.articles["outlet"]))
    return ordered + [o for o in view.story["outlets"] if o not in ordered]


_GRID_ROW = 62  # pixels: three lines of a fact's text


def fact_matrix(view: views.StoryView) -> None:
    """The presence grid: one row per fact, one narrow coloured cell per outlet; a row's click
    shows every outlet's own sentence for that fact."""
    outlets = _outlet_order(view)
    st.caption(f"Each row is a fact, most reported first; each column an outlet, in publication order: "
               f"{views.REPORTED} it; {views.OMITS} it (at least two outlets and half of the story report it); "
               f"{views.NOT_REPORTED} does not report it. Click a row to read each outlet's sentence. "
               f"Facts aligned by the {describe(view.similarity)}.")
    grid = views.presence_grid(view.facts, outlets)
    styled = grid.style.map(lambda cell: f"background-color: {views.PRESENCE_COLOURS.get(cell, '')}",
                            subset=outlets)
    config = {"fact": st.column_config.TextColumn("fact", width="large", pinned=True),
              "reported by": st.column_config.TextColumn("reported by", width="small"),
              **{o: st.column_config.TextColumn(o, width="small", help=o) for o in outlets}}
    # Taller rows: a fact's text wraps onto three lines instead of being cut.
    event = table(styled, "facts", download=view.downloads.get("facts.csv", view.facts), column_config=config,
                  on_select="rerun", selection_mode="single-row", key="presence_grid", row_height=_GRID_ROW,
                  height=min(38 + _GRID_ROW * len(grid), 700))
    rows = event.selection.rows if event and hasattr(event, "selection") else []
    if rows:
        fact = view.facts.iloc[rows[0]]
        st.markdown(f"**{views.plain(fact['fact'])}**")
        for outlet in outlets:
            cell = fact[outlet]
            said = ("*leaves this out*" if cell == views.OMITTED else views.plain(cell) if cell
                    else "*does not report it*")
            st.markdown(f"- **{views.plain(outlet)}**: {said}")


_INTERNAL = ("fact_id", "story_id", "article_id", "sentence_index", "start", "end", "n_outlets_reporting",
             "n_outlets_in_story")


def _readable(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """A table for reading: internal ids dropped, times as "2026-03-11 08:20 UTC", columns renamed."""
    shown = frame.drop(columns=[c for c in _INTERNAL if c in frame.columns])
    for column in shown.columns:
        if column in ("published", "first_article", "first_published", "last_published"):
            shown[column] = shown[column].map(views.when)
    return shown.rename(columns=names).fillna("")


def _with_story(view: views.StoryView, frame: pd.DataFrame) -> pd.DataFrame:
    """A story table for download: its story_id first, as every export file has it."""
    return frame.assign(story_id=view.story["id"])[["story_id", *frame.columns]]


def _kind(article: object) -> str:
    kind = getattr(article, "kind", None)
    return kind if isinstance(kind, str) and kind else "report"


def _wire_label(article: object) -> str:
    """ "wire copy of Reuters (71 %)", only for an article that is one."""
    original = getattr(article, "wire_copy_of", None)
    if not isinstance(original, str) or not original:
        return ""
    share = getattr(article, "wire_share", None)
    outlet = getattr(article, "wire_copy_outlet", None) or "another outlet"
    amount = f" ({share:.0%})".replace("%", " %") if isinstance(share, float) and share == share else ""
    return f"wire copy of {views.plain(outlet)}{amount}"


def _legend() -> str:
    css = "".join(f".cue-{c}{{background:{colour};}}" for c, colour in CUE_COLOURS.items())
    items = " ".join(f'<mark class="cue cue-{c}">{c.replace("_", " ")}</mark>' for c in CUE_COLOURS)
    return f"<style>{css} mark.cue{{padding:0 2px;border-radius:3px;}}</style><p>Highlighted: {items}</p>"


def outlets_page() -> None:
    st.header("Outlets")
    period = st.date_input("Published between", value=(), key="outlets_period",
                           help="Leave empty for every article in the database.")
    start, end = (period[0], period[-1]) if isinstance(period, tuple) and period else (None, None)
    profile = load("outlets_profile", start=start, end=end)
    group = st.selectbox("Group by", ["", "country", "ownership", "lean"], key="group_by")
    if group:
        numeric = profile.select_dtypes("number").columns
        grouped = profile.groupby(group)[list(numeric)].mean().round(3).reset_index()
        table(grouped, f"outlets_by_{group}")
    st.caption("Blindspots: stories at least half of the outlets that published anything covered, and this one "
               "did not. Tone runs from -1 to +1.")
    table(profile.astype(object).where(profile.notna(), ""), "outlets", download=profile)
    outlet = st.selectbox("Blindspots of", profile["outlet"], key="blindspot_outlet")
    blind = load("blindspot_stories", outlet, start=start, end=end)
    st.caption(f"{views.counted(len(blind), 'story', 'stories')} most other outlets covered and "
               f"{views.plain(outlet)} did not.")
    table(_readable(blind, {"title": "story", "first_published": "first", "n_outlets": "outlets covering"}),
          "blindspots", download=blind)


def feeds_page() -> None:
    st.header("Feeds")
    frame = load("feeds_table")
    if frame.empty:
        st.info("No feeds yet: list outlets in feeds.toml and run `news-compare collect`, or press **Collect and "
                "update now**.")
        return
    failing = int((frame["consecutive_failures"] > 0).sum())
    if failing:
        st.warning(f"{failing} of {views.counted(len(frame), 'feed')} failing; they are listed first, with "
                   "the last error.")
    table(views.readable_feeds(frame), "feeds", download=frame)


def compare_page() -> None:
    st.header("Compare an article")
    st.caption("Paste an article's text (or give its address) to see how other outlets covered the same story.")
    url = st.text_input("Article URL (fetched now)", key="compare_url")
    title = st.text_input("Headline", key="compare_title")
    text = st.text_area("Article text", height=200, key="compare_text")
    if url and not text:
        fetched = _fetch(url)
        if fetched:
            title, text = title or fetched[0], fetched[1]
    if not text.strip():
        return
    if not title:
        title = text.strip().split("\n", 1)[0][:150]
    show_pasted(title, text)
    st.subheader("How other outlets covered it")
    matches = load("matching_stories", title, text)
    needed = MatchParams().threshold
    matched = matches[matches["score"] >= needed] if not matches.empty else matches
    if matched.empty:
        best = f" (the closest scores {matches['score'].iloc[0]:.2f}; a match needs {needed:.2f})" \
            if not matches.empty else ""
        st.warning(f"No stored story matches this article{best}. Your article's own analysis is above"
                   + ("; the closest stored stories are below." if not matches.empty else "."))
        if not matches.empty:
            table(matches.rename(columns={"title": "story", "score": "similarity"}), "closest_stories",
                  column_config={"story_id": None})
        return
    table(matched.rename(columns={"title": "story", "score": "similarity"}), "matching_stories",
          column_config={"story_id": None})
    story_id = st.selectbox("Compare with", matched["story_id"],
                            format_func=lambda s: matched.set_index("story_id").loc[s, "title"], key="compare_story")
    show_story(load("compare_with_story", story_id, title, text))


def show_pasted(title: str, text: str) -> None:
    """The pasted article on its own: cues by category with highlights, sources, names, figures."""
    from compare.pasted import analyse_pasted

    mine = analyse_pasted(title, text, frozenset(load("outlet_labels")["outlet"]))
    st.subheader("Your article on its own")
    st.caption(mine.summary())
    tabs = st.tabs(["Framing cues", "Sources", "Names", "Figures"])
    with tabs[0]:
        if mine.cue_rates.empty:
            st.info("No framing cue of the lexicon in this text.")
        else:
            st.bar_chart(mine.cue_rates, x="category", y="per 1,000 words")
            st.markdown(_legend(), unsafe_allow_html=True)
            st.markdown(views.highlighted_html(text, mine.cues[mine.cues["sentence_index"] >= 0]),
                        unsafe_allow_html=True)
    with tabs[1]:
        table(mine.sources, "your_sources")
    with tabs[2]:
        table(mine.names, "your_names")
    with tabs[3]:
        table(mine.figures, "your_figures")


def _fetch(url: str) -> tuple[str, str] | None:
    from compare.config import Settings
    from compare.extract import extract_page
    from compare.fetch import HttpClient

    try:
        with HttpClient(Settings()) as client:
            response = client.get(url, obey_robots=True)
    except CompareError as exc:
        st.error(f"Could not fetch {url}: {exc}")
        return None
    extracted = extract_page(response.body, response.content_type, url=response.final_url)
    if extracted is None:
        st.error(f"{url} holds no article text that could be extracted; paste the text instead.")
        return None
    return extracted.title, extracted.text


def main() -> None:
    follow_the_address()
    page = sidebar()
    if empty_database():
        return
    {"Stories": stories_page, "Story": story_page, "Outlets": outlets_page, "Feeds": feeds_page,
     "Compare an article": compare_page}[page]()


main()
