"""Streamlit pieces every dashboard page uses: a table with its CSV download, readable tables,
the colours and legend of framing cues."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from compare.store.reading import OWN_WORD
from compare.ui import views

CUE_COLOURS = {"label": "#f8b4b4", "emotive": "#fcd9a8", "loaded_verb": "#f9e79f", "intensifier": "#d5e8f7",
               "euphemism": "#d7c6f2", "hedge": "#cdeccd", "unattributed": "#e0e0e0", OWN_WORD: "#c9eef0"}



def table(frame: pd.DataFrame | Styler, name: str, download: pd.DataFrame | None = None,
          **options: object) -> object:
    """A table and its CSV download (``download``, when the file has another shape than the screen).

    Returns what ``st.dataframe`` returns: the selection, for a table with ``on_select``."""
    shown = st.dataframe(frame, width="stretch", hide_index=True, **options)
    st.download_button(f"Download {name}.csv", views.to_csv(frame if download is None else download),
                       file_name=f"{name}.csv", mime="text/csv", key=f"download-{name}")
    return shown


_INTERNAL = ("fact_id", "story_id", "article_id", "sentence_index", "start", "end", "n_outlets_reporting",
             "n_outlets_in_story")


def readable(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """A table for reading: internal ids dropped, times as "2026-03-11 08:20 UTC", columns renamed."""
    shown = frame.drop(columns=[c for c in _INTERNAL if c in frame.columns])
    for column in shown.columns:
        if column in ("published", "first_article", "first_published", "last_published"):
            shown[column] = shown[column].map(views.when)
    return shown.rename(columns=names).fillna("")


def cue_legend() -> str:
    """The colours of the cue categories, as HTML for ``st.markdown(..., unsafe_allow_html=True)``."""
    css = "".join(f".cue-{c}{{background:{colour};}}" for c, colour in CUE_COLOURS.items())
    items = " ".join(f'<mark class="cue cue-{c}">{c.replace("_", " ")}</mark>' for c in CUE_COLOURS)
    return f"<style>{css} mark.cue{{padding:0 2px;border-radius:3px;}}</style><p>Highlighted: {items}</p>"
