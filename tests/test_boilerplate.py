"""A site's boilerplate, learnt from its own pages.

Expect: a line or title suffix that recurs across several pages of one outlet is dropped from
each of them; a paragraph two outlets share, or one page alone carries, is kept; credit lines and
prompts go by their form.
"""

from __future__ import annotations

from compare.stories.boilerplate import SiteBoilerplate, is_furniture, line_key, title_tails

CREDIT = "Copyright 2017 Channel 9. All rights reserved."
TIPS = "Anyone with information is asked to call the tip line at 555-0100."


def courier_pages() -> list[tuple[str, str, str]]:
    bodies = [
        "A man was shot on Elm Street late Friday, police said.\nHe was taken to hospital.",
        "Firefighters put out a blaze at a warehouse on the east side.",
        "The city council approved the new budget on Tuesday by a vote of 7-2.",
    ]
    return [("Channel 9", f"{title} - Channel 9 News | Rivertown", f"{body}\n{TIPS}\n{CREDIT}")
            for title, body in zip(("Man shot on Elm Street", "Warehouse fire", "Budget passes"), bodies)]


def test_lines_recurring_across_one_sites_pages_are_dropped():
    site = SiteBoilerplate.learn(courier_pages())
    title, text = site.clean("Channel 9", "Woman shot on Oak Avenue - Channel 9 News | Rivertown",
                             "A woman was shot on Oak Avenue.\n" + TIPS.replace("0100", "0199") + "\n" + CREDIT)
    assert title == "Woman shot on Oak Avenue"
    assert text == "A woman was shot on Oak Avenue."


def test_a_line_two_pages_share_is_content():
    pages = courier_pages()[:2]  # the tip line recurs on two pages only
    site = SiteBoilerplate.learn(pages)
    assert TIPS in site.clean_text("Channel 9", "Shots fired.\n" + TIPS)


def test_only_an_outlets_own_pages_teach_it():
    pages = [(f"Outlet {n}", f"Story {n}", f"Report {n}.\n{TIPS}") for n in range(4)]  # four outlets, once each
    site = SiteBoilerplate.learn(pages)
    assert TIPS in site.clean_text("Outlet 1", f"Another report.\n{TIPS}")
    assert site.clean_title("Outlet 1", "Fire - Outlet 1") == "Fire - Outlet 1"


def test_a_suffix_two_titles_end_with_is_the_sites():
    site = SiteBoilerplate.learn([("KXYZ", "Teen shot at party - KXYZ", "a"), ("KXYZ", "Storm damage - KXYZ", "b")])
    assert site.clean_title("KXYZ", "Crash on Route 9 - KXYZ") == "Crash on Route 9"
    assert site.clean_title("KXYZ", "Police: man - 30 - arrested") == "Police: man - 30 - arrested"


def test_a_text_with_nothing_to_drop_is_returned_as_it_is():
    site = SiteBoilerplate.learn(courier_pages())
    text = "Nothing here recurs.\nNor here."
    assert site.clean_text("Channel 9", text) is text
    assert site.clean_text("Unknown outlet", text) is text


def test_credit_lines_and_prompts_go_by_their_form():
    for line in ("Photo: Jane Roe/Daily Courier", "(Photo courtesy: the family)", "Source: State Police",
                 "Download our free app for breaking news alerts", "Sign up for our daily newsletter",
                 "© 2017 Courier Media", "Copyright 2016 by the Courier"):
        assert is_furniture(line), line
    for line in ("Police said the source of the gunfire was a second-floor window.",
                 "Photographs of the suspect were released on Monday, and officers asked anyone who saw him to "
                 "call, saying the man was last seen near the station wearing a dark jacket and jeans."):
        assert not is_furniture(line), line
    site = SiteBoilerplate.learn([])
    assert site.clean_text("Any", "Two men were shot.\nPhoto: Jane Roe") == "Two men were shot."


def test_keys_fold_case_digits_and_spaces():
    assert line_key("Call  555-0100 NOW") == line_key("call 555-0199 now")
    assert title_tails("A - B | C") == ["- b | c", "| c"]
