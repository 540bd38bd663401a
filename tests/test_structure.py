"""ingest.structure: exact labels on hand-made lines, then the real corpus's known sections and pages."""
from __future__ import annotations

import pytest

from assistant.catalog import load_catalog
from assistant.config import Settings
from ingest.clean import clean_page
from ingest.load import ReadLimits, load_document
from ingest.structure import (Line, build_sections, document_lines, find_headings, guess_style, paragraphs,
                              split_spans)


def lines_of(*texts: str, page: int = 1) -> list[Line]:
    return [Line(page, text) for text in texts]


def labels(lines: list[Line], style: str) -> list[str]:
    return [h.label for h in find_headings(lines, style)]


# ---- Act sections -------------------------------------------------------------------------

@pytest.mark.parametrize("first,label,title", [
    ("26A. Punishment for false and fake information.—Whoever intentionally", "26A",
     "Punishment for false and fake information"),
    ("[26A, Punishment for false and fake information.—Whoever intentionally", "26A",
     "Punishment for false and fake information"),
    ("1[26A, Punishment for false and fake information.—Whoever intentionally", "26A",
     "Punishment for false and fake information"),
    ("(2E) Powers of the Authority.—The Authority shall", "2E", "Powers of the Authority"),
    ("29. Investigation agency.__ (1) The Federal Government shall establish", "29", "Investigation agency"),
    ("1 . Short title , extent and commencement .—(1) This Ordinance may be called", "1",
     "Short title , extent and commencement"),
])
def test_act_section_heading_forms_give_label_and_title(first, label, title):
    headings = find_headings(lines_of(first, "the body of the section continues here."), "act")
    assert [(h.label, h.title, h.kind, h.level) for h in headings] == [(label, title, "section", 2)]


def test_section_title_may_end_on_the_next_line():
    lines = lines_of("28. Pakistan Penal Code, 1860 (Act XLV of 1860) to", "apply.— The provisions of the Code")
    assert labels(lines, "act") == ["28"]


def test_table_of_contents_line_without_a_dash_is_not_a_section():
    lines = lines_of("3. Unauthorized access to information system or data", "4. Unauthorized copying of data")
    assert find_headings(lines, "act") == []


def test_chapter_followed_by_a_section_is_a_heading():
    lines = lines_of(
        "CHAPTER II", "OFFENCES AND PUNISHMENTS",
        "3. Unauthorized access to information system or data.— Whoever with dishonest intention",
        "gains unauthorized access shall be punished.",
    )
    headings = find_headings(lines, "act")
    assert [(h.label, h.title, h.kind) for h in headings] == [
        ("Chapter II", "Offences And Punishments", "chapter"),
        ("3", "Unauthorized access to information system or data", "section"),
    ]


def test_chapter_in_the_table_of_contents_is_not_a_heading():
    """In the contents list a chapter is followed by section titles with no dash, not by a section."""
    lines = lines_of(
        "CHAPTER II", "OFFENCES AND PUNISHMENTS",
        "3. Unauthorized access to information system or data", "4. Unauthorized copying or transmission of data",
        "CHAPTER III", "ESTABLISHMENT OF INVESTIGATION AGENCY",
    )
    assert find_headings(lines, "act") == []


def test_sections_after_the_schedule_heading_are_schedule_items():
    lines = lines_of(
        "45. Power to make rules.—The Federal Government may make rules.", "",
        "THE SCHEDULE", "1. Wills.—A will or codicil.", "", "2. Trusts.—A trust under any law.",
    )
    assert labels(lines, "act") == ["45", "Schedule", "Schedule 1", "Schedule 2"]


def test_repeated_labels_are_made_unique():
    """The amendment Act quotes the sections it inserts: two different '2.' must not share a key."""
    lines = lines_of("2. Amendment of section 2.—In the said Act,", "",
                     "2. Definitions.—In this Act,", "words have meanings.")
    assert labels(lines, "act") == ["2", "2 #2"]


def test_section_numbered_text_decides_the_style():
    act = lines_of(*[f"{n}. Title {n}.—Body of section {n}." for n in range(1, 5)])
    policy = lines_of("1 Introduction", "Text.", "2 Vision", "Text.", "2.1 Scope", "Text.")
    assert (guess_style(act), guess_style(policy)) == ("act", "policy")


# ---- policy sections --------------------------------------------------------------------------

def test_policy_headings_with_dot_leaders_are_contents_rows_not_headings():
    lines = lines_of(
        "1 Executive Summary ........................ 6",
        "1.1 1st Pillar: AI Market Enablement ....................1",
        "1.1.1 National Artificial Intelligence Fund (NAIF) …… 1",
        "1 Executive Summary", "The summary.",
    )
    assert [(h.label, h.index) for h in find_headings(lines, "policy")] == [("1", 3)]


def test_top_level_policy_numbers_must_increase_by_one():
    """'5 ...' after '2' is a list item or a table row, and so is a second '2'."""
    lines = lines_of("1 Introduction", "text", "2 Vision", "text", "5 Things in a list", "text",
                     "3 Goals", "text", "2 Back again", "text")
    assert labels(lines, "policy") == ["1", "2", "3"]


def test_policy_subsections_and_their_levels():
    lines = lines_of("1 Policy Directives", "1.1 Market Enablement", "1.1.2 Center of Excellence", "Text.")
    headings = find_headings(lines, "policy")
    assert [(h.label, h.level) for h in headings] == [("1", 1), ("1.1", 2), ("1.1.2", 3)]


def test_long_sentences_and_list_items_are_not_policy_headings():
    lines = lines_of(
        "1 Introduction",
        "2.1 The government will establish a fund that will finance projects in every province of the country",
        "2.2 collect data;", "2.3 Scope;",
    )
    assert labels(lines, "policy") == ["1"]


def test_top_level_heading_missing_from_the_contents_is_dropped():
    lines = lines_of("Table of Contents", "1 Introduction ........ 3", "2 Vision ........ 5",
                     "1 Introduction", "Intro text.", "2 Vision", "Vision text.", "3 Goals nobody listed", "x")
    assert labels(lines, "policy") == ["Contents", "1", "2"]


def test_spans_carry_the_heading_path_and_sections_run_to_the_next_sibling():
    lines = lines_of("CHAPTER II", "OFFENCES", "3. Access.—Whoever accesses", "data.", page=19) + lines_of(
        "4. Copying.—Whoever copies", "data.", page=20)
    headings = find_headings(lines, "act")
    spans = split_spans(lines, headings)
    assert [s.path for s in spans] == [
        ("Chapter II – Offences",),
        ("Chapter II – Offences", "Section 3. Access"),
        ("Chapter II – Offences", "Section 4. Copying"),
    ]
    sections = {s.label: s for s in build_sections("doc", lines, headings, {20: "7"})}
    assert sections["Chapter II"].text.endswith("4. Copying.—Whoever copies data.")
    assert (sections["Chapter II"].page_start, sections["Chapter II"].page_end) == (19, 20)
    assert sections["3"].text == "3. Access.—Whoever accesses data."
    assert (sections["4"].page_start, sections["4"].page_label) == (20, "7")


# ---- paragraphs across page breaks ----------------------------------------------------------

@pytest.mark.parametrize("page_one, page_two, joined", [
    # A sentence cut by the page break, with the page's footnote between its halves.
    (("(3) Any owner shall be punishable with fine which", "", "1Subs. by Act No. II of 2025, s.8."),
     ("may extend to ten million rupees.",),
     ["(3) Any owner shall be punishable with fine which may extend to ten million rupees.",
      "1Subs. by Act No. II of 2025, s.8."]),
    # A list item ending in a comma runs on into the clause that follows it.
    (("(d) discloses the identity of the minor,",), ("shall be punished with imprisonment.",),
     ["(d) discloses the identity of the minor, shall be punished with imprisonment."]),
    # A finished sentence, or a next page that opens a new sentence or sub-clause, is a real break.
    (("The Authority shall decide.",), ("may extend to ten million rupees.",),
     ["The Authority shall decide.", "may extend to ten million rupees."]),
    (("whoever commits the offence",), ("Provided that the Court may",),
     ["whoever commits the offence", "Provided that the Court may"]),
    (("whoever commits the offence",), ("(2) The Court may",), ["whoever commits the offence", "(2) The Court may"]),
])
def test_a_sentence_cut_by_a_page_break_is_one_paragraph(page_one, page_two, joined):
    lines = lines_of(*page_one, page=28) + [Line(28, "")] + lines_of(*page_two, page=29)
    assert [p.text for p in paragraphs(lines)] == joined


def test_a_joined_paragraph_spans_both_pages():
    lines = lines_of("with fine which", page=28) + [Line(28, "")] + lines_of("may extend to a fine.", page=29)
    assert [(p.page_start, p.page_end) for p in paragraphs(lines)] == [(28, 29)]


# ---- the real corpus --------------------------------------------------------------------------

EXPECTED = [
    ("draft-national-ai-policy-2023", "3.1", 8),
    ("draft-national-ai-policy-2023", "4.1.1", 16),
    ("draft-national-ai-policy-2023", "4.1.2", 17),
    ("peca-2016-consolidated-2025", "3", 19),
    ("peca-2016-consolidated-2025", "20", 21),
    ("peca-2016-consolidated-2025", "26A", 25),
    ("peca-amendment-act-2025", "Chapter IC", 13),
    ("electronic-transactions-ordinance-2002", "18", 11),
]


@pytest.fixture(scope="module")
def parsed(corpus_dir):
    """doc id -> (lines, headings, sections) for every available real document (no embedding needed)."""
    out = {}
    for source in load_catalog(Settings.from_env(env={})):
        if not source.available:
            continue
        loaded = load_document(source, corpus_dir / source.file, ReadLimits(50_000_000, 3000))
        pages = [clean_page(p) for p in loaded.pages]
        lines = document_lines(pages)
        headings = find_headings(lines, guess_style(lines))
        labels_by_page = {p.number: p.label for p in pages if p.label}
        out[source.id] = (lines, headings, build_sections(source.id, lines, headings, labels_by_page))
    return out


@pytest.mark.parametrize("doc_id,label,page", EXPECTED)
def test_known_real_sections_are_found_on_their_pdf_page(parsed, doc_id, label, page):
    sections = {s.label: s for s in parsed[doc_id][2]}
    assert label in sections, sorted(sections)
    assert sections[label].page_start == page


def test_real_section_text_starts_with_its_heading(parsed):
    sections = {s.label: s for s in parsed["peca-2016-consolidated-2025"][2]}
    assert sections["26A"].text.startswith("1[26A, Punishment for false and fake information.—Whoever")
    assert sections["26A"].title == "Punishment for false and fake information"
    assert sections["26A"].heading_path[0] == "Chapter II – Offences And Punishments"


def test_real_penalty_cut_by_a_page_break_reads_whole(parsed):
    lines, headings, _ = parsed["peca-2016-consolidated-2025"]
    retention = next(span for span in split_spans(lines, headings) if span.heading and span.heading.label == "32")
    texts = [p.text for p in paragraphs(retention.lines)]
    assert any("with fine which may extend to ten million rupees" in text for text in texts), texts


def test_amendment_act_chapter_carries_its_gazette_page(parsed):
    sections = {s.label: s for s in parsed["peca-amendment-act-2025"][2]}
    assert sections["Chapter IC"].page_label == "35"
    assert sections["Chapter IC"].title == "Social Media Protection Tribunal"


def test_peca_contents_pages_give_no_chapter_or_section_headings(parsed):
    lines, headings, _ = parsed["peca-2016-consolidated-2025"]
    on_contents_pages = [h.label for h in headings if lines[h.index].page < 6]
    assert on_contents_pages == ["Contents"]


def test_draft_policy_top_level_numbers_run_1_to_9_in_order(parsed):
    _, headings, _ = parsed["draft-national-ai-policy-2023"]
    top = [h.label for h in headings if h.kind == "policy" and "." not in h.label]
    assert top == [str(n) for n in range(1, 10)]


def test_every_act_style_document_is_recognised_as_an_act(parsed):
    styles = {doc_id: guess_style(lines) for doc_id, (lines, _, _) in parsed.items()}
    assert styles == {
        "draft-national-ai-policy-2023": "policy", "peca-2016-consolidated-2025": "act",
        "peca-amendment-act-2025": "act", "electronic-transactions-ordinance-2002": "act",
    }
