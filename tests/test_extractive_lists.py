"""The extractive generator keeps a list's items with the lead-in that introduces them, and a definition whole."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.generate import (_TIMELINE_CELL, MAX_LIST_CHARS, antecedents, in_reading_order, introductions,
                                read_with_antecedents, read_with_cells, timeline_cells, whole_definition,
                                with_list_items, with_whole_short_lists)

CANDIDATES = [
    (1, 0, "(1) The Federal Government may establish Tribunals by notification."),
    (1, 1, "(2) A Tribunal shall consist of__"),
    (1, 2, "(a) a Chairman, who is qualified to be a judge of a High Court;"),
    (1, 3, "(b) a journalist registered with any press club of Pakistan; and"),
    (1, 4, "(c) a software engineer, and expert in the field of social media rights."),
    (1, 5, "(3) The Chairman and members shall be appointed for three years."),
    (2, 0, "(a) an item of another passage that follows nothing chosen."),
]


def test_items_after_a_chosen_lead_in_are_added_in_order():
    assert with_list_items([1], CANDIDATES) == [1, 2, 3, 4]


def test_a_sentence_that_introduces_no_list_adds_nothing():
    assert with_list_items([0, 5], CANDIDATES) == [0, 5]


def test_items_already_chosen_are_not_repeated():
    assert with_list_items([3, 1], CANDIDATES) == [3, 1, 2, 4]


def test_the_items_stop_at_the_character_budget():
    long_items = [(1, 0, "The Authority shall consist of the following:")] + [
        (1, i, f"({chr(96 + i)}) " + "member " * 40) for i in range(1, 6)]
    added = with_list_items([0], long_items)[1:]
    assert added and sum(len(long_items[i][2]) for i in added) <= MAX_LIST_CHARS < sum(len(c[2]) for c in long_items[1:])


PROVISO_CANDIDATES = [
    (1, 0, "(1) The authorized officer may require any person to provide data."),
    (1, 1, "Provided that the authorized officer shall bring the acquisition to the notice of the Court within "
           "twenty-four hours."),
    (1, 2, "Provided further that the Court may pass such orders as it deems fit."),
    (1, 3, "(2) Offences under this section are cognizable."),
    (2, 0, "Provided that a proviso in another passage qualifies nothing chosen."),
]


@pytest.mark.parametrize("chosen, expected", [
    ([0], [0, 1, 2]),  # a rule brings the provisos that qualify it
    ([3], [3]),  # a sentence no proviso follows
    ([0, 1], [0, 1, 2]),  # already chosen provisos are not repeated
    ([1], [1, 2]),  # a chosen proviso brings the next one
])
def test_a_chosen_sentence_brings_its_provisos(chosen, expected):
    from assistant.generate import with_provisos

    assert with_provisos(chosen, PROVISO_CANDIDATES) == expected


SUBSECTION_CANDIDATES = [
    (1, 0, "Powers of an authorized officer.— (1) An authorized officer shall have the powers to—"),
    (1, 1, "(a) have access to any specified information system;"),
    (1, 2, "(3) When seizing any data, the authorized officer shall make all efforts to use technical measures."),
    (1, 3, "The authorized officer shall seize an information system as a last resort only."),
    (1, 4, "Provided that the Court may order otherwise."),
    (1, 5, "(4) Where an authorized officer seizes data, it is not released to any other person."),
    (2, 0, "The later sentence of another passage continues nothing chosen here."),
    (3, 0, "(1) A sub-section whose next sentence is too long for the budget."),
    (3, 1, "x" * 800),
]


@pytest.mark.parametrize("chosen, expected", [
    ([2], [2, 3]),  # a sub-section's opening brings its later sentences, up to a proviso
    ([0], [0]),  # a list's lead-in brings no item: lists have their own rule
    ([5], [5]),  # the passage's last sub-section has nothing after it here
    ([3], [3]),  # a later sentence does not bring the rest
    ([7], [7]),  # a continuation over the budget is left out
    ([2, 3], [2, 3]),  # nothing is repeated
])
def test_a_chosen_subsection_opening_brings_the_rest_of_its_subsection(chosen, expected):
    from assistant.generate import with_whole_subsections

    assert with_whole_subsections(chosen, SUBSECTION_CANDIDATES) == expected


ANTECEDENT_CANDIDATES = [
    (1, 0, "VI. The fund shall be administered through an independent Board of Directors."),
    (1, 1, "It shall be chaired by Secretary/Member IT."),
    (1, 2, "VIII. They shall meet every quarter."),
    (1, 4, "Such orders shall be published."),          # the sentence before it is not a candidate
    (2, 0, "It shall come into force at once."),         # the first sentence of its passage
    (2, 1, "The Council shall keep accounts. Items of it are audited."),  # no pronoun opening
]


def test_a_sentence_opening_with_a_pronoun_is_read_with_the_sentence_before_it():
    assert antecedents(ANTECEDENT_CANDIDATES) == {1: 0, 2: 1}


def test_the_pronoun_sentence_is_scored_on_both_texts_and_an_averaged_vector():
    vectors = np.eye(6)
    read, joined = read_with_antecedents(ANTECEDENT_CANDIDATES, vectors, {1: 0})
    assert read[1][2].startswith("VI. The fund") and read[1][2].endswith("Secretary/Member IT.")
    assert read[0] == ANTECEDENT_CANDIDATES[0] and read[2] == ANTECEDENT_CANDIDATES[2]
    assert np.allclose(joined[1], (vectors[0] + vectors[1]) / np.sqrt(2)) and np.allclose(joined[0], vectors[0])


# A targets-table row: its aim in sentences, then its timeline cell; the next row's cell carries that row's label.
TABLE_CANDIDATES = [
    (1, 0, "Public Awareness of AI & Allied Technologies"),
    (1, 1, "A comprehensive program shall be undertaken to achieve a widespread awareness of 90% of the public."),
    (1, 2, "This program under CoE-AI shall undertake curriculum revision at all levels of education."),
    (1, 3, "By 2026"),
    (1, 4, "Less than 10% of the current workforce is skilled in AI."),
    (1, 5, "Goal: 1M trained in AI, 10k new trainers"),
    (1, 6, "By 2027 Target-3"),
    (2, 0, "By 2025 Higher Education Scholarships Currently, HEC offers scholarships for post-graduate study."),
]


def test_each_row_sentence_is_quoted_with_the_timeline_cell_that_closes_its_row():
    assert timeline_cells(TABLE_CANDIDATES) == {0: 3, 1: 3, 2: 3, 4: 6, 5: 6}
    read = read_with_cells(TABLE_CANDIDATES, {1: 3})
    assert read[1][2].endswith("90% of the public. By 2026") and read[3] == TABLE_CANDIDATES[3]


@pytest.mark.parametrize("sentence, is_cell", [
    ("By 2026", True),
    ("By 2027 Target-3", True),
    ("By 2025 Higher Education Scholarships Currently, HEC offers scholarships to students.", False),
    ("By 2025, 97 million jobs will be opened in AI-based domains.", False),
])
def test_a_timeline_cell_is_a_year_and_at_most_a_label(sentence, is_cell):
    assert bool(_TIMELINE_CELL.match(sentence)) is is_cell


def _hits(*ordinals: int) -> dict:
    """Passages 1, 2, ... of one section, at these chunk ordinals."""
    from assistant.types import Chunk, DocStatus, Hit

    def chunk(ordinal: int) -> Chunk:
        return Chunk(id=f"c{ordinal}", doc_id="peca", doc_status=DocStatus.CONSOLIDATED, section="35",
                     section_title="Powers of an authorized officer", heading_path=(), page_start=30, page_end=30,
                     page_label="30", ordinal=ordinal, text="")

    return {n: Hit(chunk(ordinal), 0.5, {}) for n, ordinal in enumerate(ordinals, 1)}


# Section 35 cut across two chunks: the best-ranked passage (1) holds the items after (a); passage 2, ranked
# lower, holds the lead-in and item (a).
SPLIT_LIST = [
    (1, 0, "(b) take all precautions to maintain integrity and secrecy of the information system;"),
    (1, 1, "(c) avoid disruption to the continued legitimate business operations; and"),
    (1, 2, "(3) When seizing data the authorized officer shall use technical measures."),
    (2, 0, "(1) The authorized officer shall have the powers to require any person to provide data."),
    (2, 1, "(2) In exercise of the power of search and seizure the authorized officer at all times shall,—"),
    (2, 2, "(a) act with proportionality;"),
]
SPLIT_HITS = _hits(108, 107)


@pytest.mark.parametrize("chosen, expected", [
    # One item chosen: the lead-in and every item of the short list join it.
    ([1], [1, 4, 5, 0]),
    ([5, 2], [5, 2, 4, 0, 1]),
    # No item chosen, or a sentence outside any list: nothing joins.
    ([2, 3], [2, 3]),
])
def test_a_short_list_is_quoted_whole_when_one_item_is_chosen(chosen, expected):
    assert with_whole_short_lists(chosen, SPLIT_LIST, SPLIT_HITS) == expected


def test_a_long_list_is_not_quoted_whole():
    long_list = [(1, 0, "The Authority shall consist of the following:")] + [
        (1, i, f"({chr(96 + i)}) " + "member " * 60) for i in range(1, 6)]
    assert with_whole_short_lists([2], long_list, _hits(1)) == [2]


@pytest.mark.parametrize("chosen, expected", [
    # Sentences that follow one another in the section are read in order across the two passages.
    ([0, 1, 4, 5], [4, 5, 0, 1]),
    # Sentences apart from each other keep the passages' order: the best-ranked passage's come first.
    ([0, 3], [0, 3]),
    ([2, 3], [2, 3]),
])
def test_chosen_sentences_that_follow_one_another_are_read_in_order(chosen, expected):
    assert in_reading_order(chosen, SPLIT_LIST, SPLIT_HITS) == expected


# PECA's definitions cut across two passages: "social media platform" opens in passage 1 and its item (b), with
# the exclusion, is in passage 2, which goes on to the next definition.
DEFINITIONS = [
    (1, 0, "(xxviii) “service provider” includes a person who acts as a service provider;"),
    (1, 1, "(xxviiib) “social media platform” means__"),
    (1, 2, "(a) any person that owns, provides or manages online information system; or"),
    (2, 0, "(b) a website or application but shall not include the licensees of Pakistan Telecommunication Authority;"),
    (2, 1, "(xxix) “subscriber information” means any information held by a service provider;"),
]


@pytest.mark.parametrize("term, expected", [
    ("social media platform", [1, 2, 3]),           # up to the next definition, across the passages
    ("Social Media Platforms", [1, 2, 3]),
    ("service provider", [0]),
    ("subscriber information", [4]),
    ("minor", []),                                  # not defined in these passages
    ("", []),
])
def test_a_definition_is_read_whole_up_to_the_next_one(term, expected):
    assert whole_definition(term, DEFINITIONS, _hits(10, 11)) == expected


@pytest.mark.parametrize("sentence, heading", [
    # a table's column title and a row's label: they name the subject and state nothing
    ("Public Awareness of AI & Allied Technologies.", True),
    ("Enabling AI through Awareness & Readiness Target-1.", True),
    ("Internships & On job Training in AI and Allied Technologies.", True),
    # sentences, whatever their capitals
    ("The Ministry of IT & Telecom shall organize a National High-Tech Internship Placement Program.", False),
    ("A comprehensive program regarding public awareness of AI & allied technologies shall be undertaken.", False),
    # a list item is a duty or a term, and a long title-cased run is not a heading
    ("(a) Digital Pakistan Policy", False),
    ("Unauthorized access to information system or data.", False),
])
def test_a_heading_is_told_from_a_sentence(sentence, heading):
    from assistant.generate import is_heading

    assert is_heading(sentence) is heading


def test_a_target_is_quoted_from_its_row_not_its_column_title(resources):
    from assistant.answer import answer

    result = answer("What target does the draft AI policy set for public awareness of AI?", resources)
    assert "90%" in result.text and "By 2026" in result.text
    assert not result.text.startswith("Public Awareness of AI")


RULE = (0, 0, "(1) All offences under this Act, except the offences under sections 10 and 21, shall be bailable.")
EXCEPTION = (0, 1, "(2) Offences under sections 10 and 21 shall be non-bailable and cognizable.")


@pytest.mark.parametrize("candidates, scores, expected", [
    # a short own-ask passage is quoted whole: the rule and its exception together, whichever scored higher
    ([RULE, EXCEPTION], [[0.2, 0.9]], [0, 1]),
    # a long one gives its best sentence
    ([RULE, EXCEPTION, (0, 2, "(3) " + "x " * 500)], [[0.2, 0.9, 0.1]], [1]),
])
def test_a_short_passage_found_for_a_follow_ups_own_ask_is_quoted_whole(candidates, scores, expected):
    from assistant.generate import _own_ask_sentences

    assert _own_ask_sentences({0}, candidates, np.array(scores)) == expected


@pytest.mark.parametrize("candidates, sections, expected", [
    # The abbreviation's introduction in the same section is quoted with the sentence that only uses it.
    ([(1, 0, "An AI Regulatory Directorate (ARD) shall be constituted under the NCPDP."),
      (2, 0, "The ARD will provide regulatory support to hospitals.")],
     {1: ("policy", "4.3.1"), 2: ("policy", "4.3.1")}, {1: 0}),
    # ...not one from another section, and not for a sentence that spells the abbreviation out itself.
    ([(1, 0, "An AI Regulatory Directorate (ARD) shall be constituted under the NCPDP."),
      (2, 0, "The ARD will provide regulatory support to hospitals.")],
     {1: ("policy", "4.3.1"), 2: ("policy", "4.1.2")}, {}),
    ([(1, 0, "The AI Regulatory Directorate (ARD) will provide regulatory support to hospitals.")],
     {1: ("policy", "4.3.1")}, {}),
])
def test_an_abbreviation_is_quoted_with_its_introduction(candidates, sections, expected):
    assert introductions(candidates, sections) == expected
