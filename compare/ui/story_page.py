"""The story page: each outlet's card, the presence grid, omissions, conflicting figures,
sources, wording, texts, names and timeline (also used for a compared article)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from compare.embed import describe
from compare.ui import views
from compare.ui.widgets import cue_legend, readable, table


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
        st.subheader("Words each outlet used where the others did not")
        table(readable(view.contrasts, {"terms": "its words"}), "word_choice",
              download=view.downloads.get("contrasts.csv"))
        st.subheader("Framing cues")
        if not view.cue_rates.empty:
            st.bar_chart(view.cue_rates, x="outlet", y="per 1,000 words", color="category", stack=True)
        table(readable(view.cues, {"term": "words"}), "framing",
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


_GRID_ROW = 70  # pixels: three lines of a fact's text (Streamlit wraps text in rows over 64)


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
