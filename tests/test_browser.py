"""The dashboard in a real browser: `streamlit run` on a free port, headless Chromium via Playwright.

Needs Debian's chromium (`.ci/run` installs it); skipped when no Chromium executable exists.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import demo_copy

from compare.analysis.run import analyse_changed_stories
from compare.store import Store
from compare.stories.assign import list_stories, match_new_articles
from compare.stories.match import MatchParams

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium executable (apt-get install chromium)")
XSS_TITLE = "Bridge <script>window.__xss = 1</script> closed"
MARKDOWN_TITLE = "Ferry [click me](https://tracker.example/c) ![](https://tracker.example/pixel.png) stuck"
MARKDOWN_TEXT = ("![](https://tracker.example/lead.png) The ferry ran aground off the coast with 40 people aboard, "
                 "the coastguard said. [Read more](https://tracker.example/more) or visit https://tracker.example/x "
                 "and www.tracker.example today.")
XSS_TEXT = ('The bridge <img src=x onerror="window.__xss = 2"> closed for six weeks after inspectors found cracks '
            "in four cables, the transport authority said on Sunday. About 42,000 vehicles cross it each day.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, demo_db):
    db = demo_copy(demo_db, tmp_path_factory.mktemp("browser") / "demo.db")
    with Store(db) as store:
        now = datetime(2026, 3, 16, tzinfo=timezone.utc)
        for outlet in ("Continental Wire Service", "Veldoria Public Radio"):
            store.import_article({"outlet": outlet, "url": f"https://xss.example/{outlet[:3]}", "title": XSS_TITLE,
                                  "text": XSS_TEXT, "published": "2026-03-16T08:00:00Z"}, when=now)
        store.import_article({"outlet": "The Ledger Review", "url": "https://ledger.example/ferry",
                              "title": MARKDOWN_TITLE, "text": MARKDOWN_TEXT, "published": "2026-03-16T09:00:00Z"},
                             when=now)
        match_new_articles(store, MatchParams(), now=now)
        analyse_changed_stories(store, now=now)
        stories = {s.title: s.id for s in list_stories(store)}
    log = db.parent / "streamlit.log"  # what the server logs: the tests read its warnings
    with serve(db, log) as base:
        yield base, stories, log


@contextmanager
def serve(db: Path, log: Path, **env: str) -> Iterator[str]:
    """`streamlit run streamlit_app.py` on 127.0.0.1 and a free port, its output in ``log``; yields its address."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            env={**os.environ, "NEWS_COMPARE_DB": str(db), **env}, stdout=output, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            server.kill()
            pytest.fail("streamlit did not start within 60 s")
        try:
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update"])
        yield chromium
        chromium.close()


def open_story(browser, base: str, story_id: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{base}/?page=Story&story={story_id}", wait_until="domcontentloaded")
    page.get_by_role("tab", name="Facts", exact=True).wait_for(timeout=60_000)
    return page


def test_story_page_shows_fact_matrix_and_highlighted_cues(dashboard, browser):
    base, stories, _ = dashboard
    story_id = next(i for t, i in stories.items() if "Saldenburg" in t)
    page = open_story(browser, base, story_id)
    matrix = page.locator('[data-testid="stDataFrame"]').first
    matrix.wait_for(state="visible", timeout=30_000)
    assert matrix.bounding_box()["height"] > 100  # the grid has rows, not just a header
    page.get_by_role("tab", name="Texts").click()
    cue = page.locator("mark.cue").first
    cue.wait_for(state="visible", timeout=30_000)
    assert cue.inner_text().strip()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-page.png"), full_page=True)
    page.close()


def test_markup_in_headlines_and_text_renders_as_text(dashboard, browser):
    base, stories, _ = dashboard
    story_id = next(i for t, i in stories.items() if "<script>" in t)
    page = open_story(browser, base, story_id)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_text("window.__xss = 1", exact=False).first.wait_for(timeout=30_000)
    page.get_by_role("tab", name="Texts").click()
    texts = page.get_by_role("tabpanel", name="Texts")  # the leads, folded above, hold the same words
    texts.get_by_text('onerror="window.__xss = 2"', exact=False).first.wait_for(timeout=30_000)
    assert page.evaluate("window.__xss === undefined")
    assert page.locator("img[src='x']").count() == 0
    assert not dialogs
    page.close()


def test_markdown_in_page_text_makes_no_link_no_image_and_no_request(dashboard, browser):
    base, stories, _ = dashboard
    story_id = next(i for t, i in stories.items() if "tracker.example" in t)
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}/?page=Story&story={story_id}", wait_until="domcontentloaded")
    page.get_by_role("tab", name="Facts", exact=True).wait_for(timeout=60_000)
    page.get_by_text("[click me]", exact=False).first.wait_for(timeout=30_000)  # the characters, shown
    page.get_by_role("tab", name="Texts").click()
    page.get_by_role("tabpanel", name="Texts").get_by_text("[Read more]", exact=False).first.wait_for(
        timeout=30_000)
    page.wait_for_load_state("networkidle")  # any image the text asked for would have been requested by now
    assert page.locator("img[src*='tracker.example']").count() == 0
    assert page.locator("a[href*='tracker.example']").count() == 0
    assert not [url for url in requested if "tracker.example" in url]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile-markdown.png"), full_page=True)
    page.close()


def test_clicking_a_story_row_opens_it_and_the_address_names_it(dashboard, browser):
    base, _, log = dashboard
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(f"{base}/?page=Stories", wait_until="domcontentloaded")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(state="visible", timeout=60_000)
    grid.locator("table tbody tr").first.wait_for(state="attached", timeout=30_000)  # the rows are drawn
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's selection cell, under the header
    page.get_by_role("tab", name="Facts", exact=True).wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('page=Story') && location.search.includes('story=')",
                           timeout=30_000)
    # The click set the page through the session state; the page widget takes its value from there alone.
    assert "created with a default value" not in log.read_text(encoding="utf-8")
    page.reload(wait_until="domcontentloaded")
    page.get_by_role("tab", name="Facts", exact=True).wait_for(timeout=60_000)  # reload shows the same page
    assert "story=" in page.url
    page.go_back(wait_until="domcontentloaded")  # Back returns to the list of stories
    page.wait_for_function("() => location.search.includes('page=Stories')", timeout=30_000)
    page.get_by_text("Click a story's row to open it.").wait_for(timeout=60_000)
    assert page.get_by_role("tab", name="Facts", exact=True).count() == 0
    page.go_forward(wait_until="domcontentloaded")  # and Forward to the story again
    page.get_by_role("tab", name="Facts", exact=True).wait_for(timeout=60_000)
    page.close()


OUTLETS = ["Continental Wire Service", "Veldoria Public Radio", "Karsk Today", "The Daily Trumpet",
           "The Ledger Review"]


def test_the_busiest_story_leads_with_what_differs_at_1280_px(dashboard, browser):
    base, _, _ = dashboard
    page = browser.new_page(viewport={"width": 1280, "height": 2100})
    page.goto(f"{base}/?page=Story", wait_until="domcontentloaded")  # no story named: the busiest one
    page.get_by_role("tab", name="Facts", exact=True).wait_for(timeout=60_000)
    heading = page.get_by_role("heading", name="What differs")
    heading.wait_for(timeout=60_000)
    # The first fact's sides are laid out: drawn, and the page's fonts and columns settled (their
    # tops stop moving); if they never line up, the assertions below say so.
    page.locator(".side .side-outlet").first.wait_for(timeout=30_000)
    page.evaluate("document.fonts.ready")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Settled: the sides' boxes are the same at two polls half a second apart (a late element above
    # them moves them all down together), and all of them in one row.
    settled = """() => {
        const expander = [...document.querySelectorAll('[data-testid="stExpander"]')]
            .find(e => e.querySelector('.side'));
        const boxes = [...expander.querySelectorAll('.side')].map(s => {
            const r = s.getBoundingClientRect();
            return [Math.round(r.x), Math.round(r.y), Math.round(r.width)];
        });
        const now = JSON.stringify(boxes), before = window.__sides;
        window.__sides = now;
        return now === before && boxes.length > 1 && new Set(boxes.map(b => b[1])).size === 1;
    }"""
    try:
        page.wait_for_function(settled, timeout=60_000, polling=500)  # a busy machine lays the page out slowly
    except PlaywrightTimeout:
        pass
    assert page.get_by_role("heading", name="Saldenburg talks: what was agreed").is_visible()
    assert heading.bounding_box()["y"] < 700  # on the first screen, above the articles' details
    # The first fact listed is open: each outlet's sentence side by side, in one row, none cut off.
    first = page.locator('[data-testid="stExpander"]').filter(has=page.locator(".side")).first
    sides = first.locator(".side")
    assert sides.count() == len(OUTLETS)
    # All boxes at one instant: read one by one, a late shift of the page could fall between them.
    boxes = first.evaluate("e => [...e.querySelectorAll('.side')].map(s => { const r = s.getBoundingClientRect(); "
                           "return {x: r.x, y: r.y, width: r.width}; })")
    assert [sides.nth(n).locator(".side-outlet").inner_text() for n in range(len(OUTLETS))] == OUTLETS
    assert len({round(b["y"]) for b in boxes}) == 1 and all(b["x"] + b["width"] <= 1280 for b in boxes)
    assert [b["x"] for b in boxes] == sorted(b["x"] for b in boxes)
    assert first.locator("mark.figure").count() >= 2  # the disputed hours, marked in each sentence
    # An omission names who leaves the fact out and shows that outlet's closest sentence, greyed.
    omitted = page.locator('[data-testid="stExpander"]').filter(has_text="Left out by The Daily Trumpet").first
    assert omitted.locator(".side.left-out .side-closest").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # nothing wider than the window
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-page-1280.png"), full_page=False)
    page.close()


def test_presence_grid_shows_every_outlet_at_1280_px(dashboard, browser):
    base, stories, _ = dashboard
    story_id = next(i for t, i in stories.items() if "Saldenburg" in t)
    page = browser.new_page(viewport={"width": 1280, "height": 1100})
    page.goto(f"{base}/?page=Story&story={story_id}", wait_until="domcontentloaded")
    page.get_by_role("tab", name="Facts", exact=True).wait_for(timeout=60_000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(state="visible", timeout=30_000)
    grid.locator("table thead th").first.wait_for(state="attached", timeout=30_000)  # the header is drawn
    box = grid.bounding_box()
    assert box["x"] + box["width"] <= 1280
    # Glide's grid draws on a canvas; its accessible table lists the header cells it shows.
    headers = page.locator('[data-testid="stDataFrame"] table thead th').all_inner_texts()
    shown = [h.strip() for h in headers]
    assert all(o in shown for o in OUTLETS), shown
    visible = page.evaluate("""() => {
        const scroller = document.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
        return scroller ? scroller.scrollWidth <= scroller.clientWidth + 2 : true;
    }""")
    assert visible, "the grid scrolls sideways: not every outlet column is on screen"
    grid.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "presence-grid.png"), full_page=False)
    page.close()


def test_names_tab_shows_how_each_outlet_names_the_same_people(dashboard, browser):
    base, stories, _ = dashboard
    story_id = next(i for t, i in stories.items() if "Saldenburg" in t)
    page = browser.new_page(viewport={"width": 1280, "height": 1100})
    page.goto(f"{base}/?page=Story&story={story_id}", wait_until="domcontentloaded")
    page.get_by_role("tab", name="Names").click()
    panel = page.get_by_role("tabpanel", name="Names")
    panel.get_by_role("heading", name="How each outlet names the same people and groups").wait_for(timeout=60_000)
    grid = panel.locator('[data-testid="stDataFrame"]').first
    grid.locator("table thead th").first.wait_for(state="attached", timeout=30_000)
    headers = [h.strip() for h in panel.locator('[data-testid="stDataFrame"] table thead th').all_inner_texts()]
    assert "entity" in headers and all(o in headers for o in OUTLETS), headers
    grid.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "names-tab.png"), full_page=False)
    page.close()


SEEDS = ROOT.parent / "shared" / "seeds"


def test_compare_an_article_with_the_seed_shows_its_cues(dashboard, browser):
    base, _, _ = dashboard
    seed = next(SEEDS.glob("*.txt"), None) if SEEDS.exists() else None
    text = seed.read_text(encoding="utf-8") if seed else (
        "Officials said the so-called reform was a disaster. Critics claim the plan may perhaps be reversed.")
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(f"{base}/?page=Compare+an+article", wait_until="domcontentloaded")
    area = page.get_by_label("Article text")
    area.wait_for(timeout=60_000)
    area.fill(text)
    area.press("Control+Enter")
    page.get_by_text("Your article on its own").wait_for(timeout=60_000)
    cue = page.locator("mark.cue").first
    cue.wait_for(state="visible", timeout=60_000)
    assert page.locator("mark.cue").count() >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare-an-article.png"), full_page=False)
    page.close()


def test_wire_copy_labels_mark_exactly_the_copies(dashboard, browser):
    base, stories, _ = dashboard
    story_id = next(i for t, i in stories.items() if "fertiliser" in t.lower())
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(f"{base}/?page=Story&story={story_id}", wait_until="domcontentloaded")
    page.get_by_role("tab", name="Facts", exact=True).wait_for(timeout=60_000)
    page.get_by_text("each outlet's headline and how it begins").click()  # the articles, folded
    page.get_by_text("wire copy of", exact=False).first.wait_for(timeout=30_000)
    labels = page.get_by_text("wire copy of Continental Wire Service", exact=False)
    assert labels.count() == 2  # the two reprints, not the original and not the independent reports
    assert page.get_by_text("wire copy ·", exact=False).count() == 0
    page.close()


def test_a_password_keeps_every_page_behind_the_sign_in(demo_db, tmp_path, browser):
    with serve(demo_db, tmp_path / "streamlit.log", NEWS_COMPARE_PASSWORD="correct horse") as base:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/?page=Feeds", wait_until="domcontentloaded")
        password = page.get_by_label("Password", exact=True)
        password.wait_for(timeout=60_000)
        assert page.get_by_role("heading", name="Feeds").count() == 0
        assert page.locator('[data-testid="stSidebar"]').count() == 0
        password.fill("wrong horse")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Wrong password.").wait_for(timeout=30_000)
        assert page.get_by_role("heading", name="Feeds").count() == 0
        page.get_by_label("Password", exact=True).fill("correct horse")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("heading", name="Feeds").wait_for(timeout=60_000)  # the page the link named
        page.close()
