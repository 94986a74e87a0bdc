"""The dashboard's Compare an article page: a pasted (or fetched) article on its own, then
beside the stored story it belongs to. The settings of feeds.toml decide how stories match,
which sentence model aligns the facts, and whether an address may be fetched at all."""

from __future__ import annotations

import streamlit as st

from compare.errors import CompareError
from compare.ui import views
from compare.ui.dashboard import Dashboard
from compare.ui.page_fetch import fetch_page
from compare.ui.story_page import show_story
from compare.ui.widgets import cue_legend, table


def compare_page(board: Dashboard) -> None:
    st.header("Compare an article")
    settings = board.settings
    if settings.dashboard_fetch:
        st.caption("Paste an article's text (or give its address) to see how other outlets covered the same story.")
        url = st.text_input("Article URL (fetched now)", key="compare_url")
    else:
        st.caption("Paste an article's text to see how other outlets covered the same story. (Fetching an "
                   "address is switched off here: `dashboard_fetch = false` in feeds.toml.)")
        url = ""
    title = st.text_input("Headline", key="compare_title")
    text = st.text_area("Article text", height=200, key="compare_text")
    if url and not text:
        fetched = fetch_article(url, board)
        if fetched:
            title, text = title or fetched[0], fetched[1]
    if not text.strip():
        return
    if not title:
        title = text.strip().split("\n", 1)[0][:150]
    show_pasted(board, title, text)
    st.subheader("How other outlets covered it")
    matches = board.load("matching_stories", title, text, settings=settings)
    needed = settings.match_threshold
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
    show_story(board.load("compare_with_story", story_id, title, text, settings=settings))


def show_pasted(board: Dashboard, title: str, text: str) -> None:
    """The pasted article on its own: cues by category with highlights, sources, names, figures."""
    from compare.analysis.framing import default_lexicon, load_lexicon
    from compare.analysis.pasted import analyse_pasted

    lexicon = load_lexicon(board.settings.lexicon) if board.settings.lexicon else default_lexicon()
    mine = analyse_pasted(title, text, frozenset(board.load("outlet_labels")["outlet"]), lexicon=lexicon)
    st.subheader("Your article on its own")
    st.caption(mine.summary())
    tabs = st.tabs(["Framing cues", "Sources", "Names", "Figures"])
    with tabs[0]:
        if mine.cue_rates.empty:
            st.info("No framing cue of the lexicon in this text.")
        else:
            st.bar_chart(mine.cue_rates, x="category", y="per 1,000 words")
            st.markdown(cue_legend(), unsafe_allow_html=True)
            st.markdown(views.highlighted_html(text, mine.cues[mine.cues["sentence_index"] >= 0], mine.sentences),
                        unsafe_allow_html=True)
    with tabs[1]:
        table(mine.sources, "your_sources")
    with tabs[2]:
        table(mine.names, "your_names")
    with tabs[3]:
        table(mine.figures, "your_figures")


def fetch_article(url: str, board: Dashboard) -> tuple[str, str] | None:
    """The headline and text at ``url``, fetched for the visitor with every address checked
    (:mod:`compare.ui.page_fetch`); None, with the reason shown, when it cannot be had."""
    from compare.collect.extract import extract_page

    try:
        page = fetch_page(url, board.settings)
    except CompareError as exc:
        st.error(views.plain(f"Could not fetch {url}: {exc}"))
        return None
    extracted = extract_page(page.body, page.content_type, url=page.final_url)
    if extracted is None:
        st.error(views.plain(f"{url} holds no article text that could be extracted; paste the text instead."))
        return None
    return extracted.title, extracted.text
