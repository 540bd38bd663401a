"""ingest.clean: exact small cases taken from the corpus's own text layers."""
from __future__ import annotations

from assistant.types import Page
from ingest.clean import clean_page, join_lines


def clean(text: str, number: int = 1) -> Page:
    return clean_page(Page(source_id="doc", number=number, text=text))


def test_pakistan_code_page_footer_is_removed():
    page = clean(" \nPage 19 of 39 \n \n(2) Any person aggrieved by any decision", number=19)
    assert page.text == "(2) Any person aggrieved by any decision"


def test_printed_page_number_equal_to_pdf_page_gives_no_label():
    assert clean("Page 19 of 39\nBody text", number=19).label == ""


def test_printed_page_number_that_differs_becomes_the_label():
    page = clean("Page 19 of 39\nBody text", number=5)
    assert (page.label, page.text) == ("19", "Body text")


def test_odd_gazette_running_head_is_removed_and_gives_the_gazette_page():
    """The amendment Act is Gazette pp. 23-40: PDF page 13 is printed page 35."""
    raw = "PA RT I]        THE GAZETTE OF PAKISTAN, EXTRA., JAN.      29,  2025      35\n\n   CHAPTER IC\n"
    page = clean(raw, number=13)
    assert (page.label, page.text) == ("35", "CHAPTER IC")


def test_even_gazette_running_head_is_removed_and_gives_the_gazette_page():
    raw = "24            THE GAZETTE OF PAKISTAN, EXTRA., JAN. 29, 2025            [PART I\n\n(b) a journalist"
    page = clean(raw, number=2)
    assert (page.label, page.text) == ("24", "(b) a journalist")


def test_gazette_price_and_print_order_lines_are_removed():
    page = clean("Price: Rs. 20.00\n[5(2025)/Ex. Gaz.]\n(35)\nBody", number=4)
    assert page.text == "Body"


def test_bare_roman_page_number_at_the_top_becomes_the_label():
    page = clean("iv\nForeword\nThe policy sets out", number=6)
    assert (page.label, page.text) == ("iv", "Foreword\nThe policy sets out")


def test_bare_number_inside_the_body_is_kept():
    page = clean("Intro line\nSecond line\n12\nmore", number=3)
    assert page.text == "Intro line\nSecond line\n12\nmore"
    assert page.label == ""


def test_eto_broken_dash_glyphs_become_an_em_dash():
    page = clean("17. Certification Service Providers. ¾¾ (1) Nothing in this")
    assert page.text == "17. Certification Service Providers.—(1) Nothing in this"


def test_space_before_a_section_dash_is_closed():
    assert clean("2. Definitions .  —(1) In this Ordinance").text == "2. Definitions .—(1) In this Ordinance"


def test_soft_hyphen_becomes_a_visible_hyphen():
    assert clean("spamming under sub\u00adsection (1)").text == "spamming under sub-section (1)"


def test_footnote_marker_before_an_inserted_section_is_kept():
    # Its number joins the provision to its footnote at the page's foot (the amendment map reads it).
    page = clean("1[26A, Punishment for false and fake information.—Whoever\n2[29. Investigation agency")
    assert page.text == "1[26A, Punishment for false and fake information.—Whoever\n2[29. Investigation agency"


def test_bracket_inside_a_line_is_not_a_footnote_marker():
    assert clean("Intro\nsee section 2[3] here").text == "Intro\nsee section 2[3] here"


def test_whitespace_is_collapsed_and_paragraph_breaks_kept():
    assert clean("a\r\nb\n\n\n\n\nc   d\t\u00a0e").text == "a\nb\n\nc d e"


def test_join_lines_keeps_a_compound_hyphen_at_a_line_break():
    assert join_lines(["socio-", "economic development"]) == "socio-economic development"


def test_join_lines_keeps_a_spaced_dash_as_a_separate_word():
    assert join_lines(["for a term -", "and more"]) == "for a term - and more"


def test_join_lines_does_not_glue_a_hyphen_to_a_capitalised_word():
    assert join_lines(["pre-", "Act"]) == "pre- Act"


def test_join_lines_skips_blank_lines_and_strips_each_line():
    assert join_lines(["  one ", "", "two"]) == "one two"
