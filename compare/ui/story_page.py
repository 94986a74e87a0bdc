"""The story page: each outlet's card, then what differs between the outlets fact by fact (each
outlet's sentence side by side), the facts they share and the presence grid; omissions,
conflicting figures, sources, wording, texts, names and timeline (also used for a compared
article)."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from compare.embed import describe
from compare.store.reading import OWN_WORD
from compare.ui import differences, views
from compare.ui.differences import FactRow
from compare.ui.widgets import cue_legend, readable, table


def show_story(view: views.StoryView) -> None:
    story = view.story
    plain = views.plain
    st.header(plain(story["title"]))
    n_outlets = len(story["outlets"])
    st.caption(f"{views.counted(int(story.get('n_articles') or len(view.articles)), 'article')} from "
               f"{views.counted(n_outlets, 'outlet')} ({story.get('n_independent', n_outlets)} independent); "
               f"{views.when(story.get('first_published'))} to {views.when(story.get('last_published'))}")
    # The articles folded, one line each in publication order: what differs between the outlets
    # is what the first screen shows.
    with st.expander(f"The {views.counted(len(view.articles), 'article')}: each outlet's headline and how it "
                     "begins"):
        languages = view.languages
        for article in view.articles.itertuples():
            st.markdown(f"**{plain(article.outlet)}**: {plain(article.headline)} "
                        f"{views.link(article.url, 'source')} "
                        f":gray[{_card_details(article, languages.get(article.outlet, ''))}]  \n"
                        f":gray[{plain(views.short(article.lead, 300))}]")
    tabs = st.tabs(["Facts", "Omissions and unique facts", "Conflicting figures", "Sources",
                    "Wording", "Texts", "Names", "Timeline"])
    with tabs[0]:
        what_differs(view)
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
        table(readable(view.omissions, {"fact": "fact left out", "closest": "its closest sentence"}),
              "omissions", download=_with_story(view, view.omissions))
        st.subheader("Facts only one outlet reports")
        table(readable(view.unique, {"sentence": "fact only this outlet reports"}), "unique_facts",
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
        st.subheader("How each outlet labels the same people and groups")
        if view.labels.empty:
            st.caption("No person or group is labelled differently by two outlets.")
        else:
            side_by_side(view.labels, "labels", download=view.downloads.get("labels.csv"))
        st.subheader("Words each outlet used where the others did not")
        table(readable(view.contrasts, {"terms": "its words"}), "word_choice",
              download=view.downloads.get("contrasts.csv"))
        st.subheader("Each outlet's own words")
        st.caption("Telling words and phrases of each outlet that no other outlet of the story used, "
                   "the rarest and most charged chosen first; they are marked in the texts too.")
        table(view.own_words, "own_words")
        st.subheader("Framing cues")
        if not view.cue_rates.empty:
            st.bar_chart(view.cue_rates, x="outlet", y="per 1,000 words", color="category", stack=True)
        table(readable(view.cues[view.cues["category"] != OWN_WORD], {"term": "words"}), "framing",
              download=view.downloads.get("framing.csv"))
        if "text_tone" in view.articles:
            st.subheader("Tone (VADER, -1 to +1)")
            table(view.articles[["outlet", "headline", "headline_tone", "text_tone"]], "tone",
                  download=view.downloads.get("tone.csv"))
    with tabs[5]:
        st.markdown(cue_legend(), unsafe_allow_html=True)
        for article in view.articles.itertuples():
            st.subheader(views.plain(f"{article.outlet}: {article.headline}"))
            cues = view.cues[(view.cues["article_id"] == article.article_id) & (view.cues["sentence_index"] >= 0)]
            sentences = view.sentences[view.sentences["article_id"] == article.article_id]
            st.markdown(views.highlighted_html(article.text or "", cues, sentences), unsafe_allow_html=True)
    with tabs[6]:
        st.subheader("How each outlet names the same people and groups")
        if view.naming.empty:
            st.caption("No person or group is named differently by two outlets.")
        else:
            st.caption("Names as written, the words attached to them, and the words for people not named, "
                       "in the order each outlet first uses them.")
            side_by_side(view.naming, "naming")
        st.subheader("Names and how often each outlet mentions them")
        table(view.names, "names", download=view.downloads.get("names.csv"))
    with tabs[7]:
        times = view.articles.assign(time=pd.to_datetime(view.articles["published"], utc=True, errors="coerce"))
        if times["time"].notna().any():
            st.caption("Who reported when: one dot per article.")
            st.scatter_chart(times.dropna(subset=["time"]), x="time", y="outlet", color="outlet", height=260)
        table(readable(view.timeline, {"first_article": "first article", "after_first": "after the first"}),
              "timeline", download=_with_story(view, view.timeline))


def _outlet_order(view: views.StoryView) -> list[str]:
    """The story's outlets in the order they first published it, as the cards show them."""
    ordered = list(dict.fromkeys(view.articles["outlet"]))
    return ordered + [o for o in view.story["outlets"] if o not in ordered]


_OPEN = 4  # differences shown open, side by side, when the page opens
_LISTED = 12  # facts only one outlet reports, listed before the rest are folded
_PER_ROW = 5  # outlets side by side in one row


def what_differs(view: views.StoryView) -> None:
    """The facts the outlets differ on, first: left out by some, figures that differ, or reported
    by one outlet only; each with every outlet's sentence side by side. Then the facts every
    outlet reports, and those only some report, folded."""
    outlets = _outlet_order(view)
    grouped = differences.story_facts(view, outlets)
    st.markdown(differences.SIDE_CSS, unsafe_allow_html=True)
    st.subheader("What differs")
    st.caption("Facts some outlets leave out, give different figures for, or that one outlet alone reports with a "
               "name or a number; the most widely reported first. Each outlet's sentence side by side: "
               '<mark class="differs">its own words</mark> for the same thing, <mark class="figure">a disputed '
               'figure</mark>, <span class="side-closest">an omitting outlet\'s closest sentence</span>. '
               f"Facts aligned by the {views.plain(describe(view.similarity))}.",
               unsafe_allow_html=True)
    several = [f for f in grouped.differs if f.n_outlets > 1]
    single = [f for f in grouped.differs if f.n_outlets <= 1]
    if not grouped.differs:
        st.info("No outlet leaves out a fact the others report, no figures differ, and no outlet alone reports a "
                "name or a number.")
    for n, fact in enumerate(several):
        with st.expander(differences.label(fact, len(outlets)), expanded=n < _OPEN):
            _fact_detail(fact, headline=False)
    if single:
        st.markdown(f"**Only one outlet reports it ({len(single)})**")
        st.markdown(_only_one(single[:_LISTED]))
        if len(single) > _LISTED:
            with st.expander(f"The other {len(single) - _LISTED} facts only one outlet reports"):
                st.markdown(_only_one(single[_LISTED:]))
    with st.expander(f"Reported by every outlet ({len(grouped.shared)})"):
        _fact_list(grouped.shared, "No fact is reported by every outlet.")
    with st.expander(f"Reported by some of the outlets ({len(grouped.others)})"):
        st.caption("No outlet counts as leaving these out: fewer than half the outlets carry them, they state nothing "
                   "a reader can check, or the others say it in other words.")
        _fact_list(grouped.others, "")


def _fact_detail(fact: FactRow, headline: bool = True) -> None:
    """One fact: who reports it and who does not, then each outlet's side by side."""
    if headline:
        st.markdown(f"**{views.plain(fact.fact)}**")
    st.caption(views.plain(differences.who(fact)))
    per_row = math.ceil(len(fact.sides) / math.ceil(len(fact.sides) / _PER_ROW)) if fact.sides else 1
    for start in range(0, len(fact.sides), per_row):
        for column, side in zip(st.columns(per_row), fact.sides[start:start + per_row]):
            column.markdown(differences.side_html(side), unsafe_allow_html=True)


def _fact_list(facts: list[FactRow], empty: str) -> None:
    """Facts several outlets report, each side by side; those one outlet reports, as a list."""
    several = [f for f in facts if f.n_outlets > 1]
    for fact in several:
        with st.container(border=True):
            _fact_detail(fact)
    single = [f for f in facts if f.n_outlets <= 1]
    if single:
        st.markdown(f"**Reported by one outlet ({len(single)})**\n\n" + _only_one(single))
    if not facts and empty:
        st.caption(empty)


def _only_one(facts: list[FactRow]) -> str:
    """Facts one outlet reports, as a Markdown list: the outlet, then its sentence."""
    return "\n".join(f"- **{views.plain(f.reported_by[0] if f.reported_by else '')}**: "
                     f"{views.plain(' '.join(s for side in f.sides for s in side.sentences))}" for f in facts)


_GRID_ROW = 70  # pixels: three lines of a fact's text (Streamlit wraps text in rows over 64)
# pixels: the grid's width in the page at 1,280 px with the sidebar open, an outlet's column, the selection column
_GRID_WIDTH, _GRID_CELL, _GRID_CHECKBOX = 790, 58, 36


_ENTITY_WIDTH = 130  # pixels: the entity column of the naming grids


def side_by_side(grid: pd.DataFrame, name: str, download: pd.DataFrame | None = None) -> None:
    """An entity x outlet grid whose every outlet column fits at 1,280 px, its cells wrapping
    onto three lines."""
    outlets = [c for c in grid.columns if c != "entity"]
    cell = max((_GRID_WIDTH - _ENTITY_WIDTH) // max(len(outlets), 1), 90)
    config = {"entity": st.column_config.TextColumn("entity", width=_ENTITY_WIDTH, pinned=True),
              **{o: st.column_config.TextColumn(o, width=cell, help=o) for o in outlets}}
    table(grid, name, download=download, column_config=config, row_height=_GRID_ROW,
          height=min(38 + _GRID_ROW * len(grid), 700))


def fact_matrix(view: views.StoryView) -> None:
    """The presence grid: one row per fact, one narrow coloured cell per outlet; a row's click
    shows every outlet's own sentence for that fact, side by side."""
    outlets = _outlet_order(view)
    st.subheader("Every fact at a glance")
    st.caption(f"Each row is a fact, most reported first; each column an outlet, in publication order: "
               f"{views.REPORTED} reports it, {views.OMITS} leaves it out (at least two outlets and half of the "
               f"story report it), {views.NOT_REPORTED} does not report it. Click a row to read each outlet's "
               "sentence side by side.")
    grid = views.presence_grid(view.facts, outlets)
    styled = grid.style.map(lambda cell: f"background-color: {views.PRESENCE_COLOURS.get(cell, '')}",
                            subset=outlets)
    # Narrow outlet columns and a fact column that takes the rest: every outlet fits at 1,280 px.
    fact_width = max(_GRID_WIDTH - _GRID_CELL * (len(outlets) + 1) - _GRID_CHECKBOX, 240)
    config = {"fact": st.column_config.TextColumn("fact", width=fact_width, pinned=True),
              "reported by": st.column_config.TextColumn("reported by", width=_GRID_CELL, help="outlets reporting it"),
              **{o: st.column_config.TextColumn(o, width=_GRID_CELL, help=o) for o in outlets}}
    # Taller rows: a fact's text wraps onto three lines instead of being cut.
    event = table(styled, "facts", download=view.downloads.get("facts.csv", view.facts), column_config=config,
                  on_select="rerun", selection_mode="single-row", key="presence_grid", row_height=_GRID_ROW,
                  height=min(38 + _GRID_ROW * len(grid), 700))
    rows = event.selection.rows if event and hasattr(event, "selection") else []
    if rows and rows[0] < len(view.facts):
        chosen = int(view.facts["fact_id"].iloc[rows[0]])
        grouped = differences.story_facts(view, outlets)
        fact = next(f for f in (*grouped.differs, *grouped.shared, *grouped.others) if f.fact_id == chosen)
        with st.container(border=True):
            _fact_detail(fact)


def _with_story(view: views.StoryView, frame: pd.DataFrame) -> pd.DataFrame:
    """A story table for download: its story_id first, as every export file has it."""
    return frame.assign(story_id=view.story["id"])[["story_id", *frame.columns]]


def _card_details(article: object, language: str = "") -> str:
    """ "2026-03-10 21:05 UTC · report · Spanish · wire copy of X (71 %)", for an article's line
    (its language when the story is told in several)."""
    return " · ".join(part for part in (views.when(getattr(article, "published", None)), _kind(article),
                                        language, _wire_label(article)) if part)


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
