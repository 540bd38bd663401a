"""Clause references: how users spell them, and where they land in the real index."""
from __future__ import annotations

import pytest

from assistant.references import chapter_variants, find_references

PECA = "peca-2016-consolidated-2025"
POLICY = "draft-national-ai-policy-2023"
ETO = "electronic-transactions-ordinance-2002"
AMENDMENT = "peca-amendment-act-2025"


@pytest.mark.parametrize("question,labels", [
    ("section 26A", ["26A"]),
    ("s. 20 of PECA", ["20"]),
    ("sec 2d", ["2D"]),
    ("Sec. 32", ["32"]),
    ("clause 4.1.2 of the AI policy", ["4.1.2"]),
    ("para 4.2.4", ["4.2.4"]),
    ("paragraph 4.1.1", ["4.1.1"]),
    ("3.1 of the draft policy", ["3.1"]),
    ("Chapter IC", ["Chapter IC"]),
    ("chapter 1c", ["Chapter 1C"]),
    ("chapter-II", ["Chapter II"]),
    ("dafa 26A", ["26A"]),
    ("Section 18 of the ETO", ["18"]),
    ("section 2D", ["2D"]),
    ("s.26A", ["26A"]),
    ("§ 24A", ["24A"]),
    ("article 4.3.3", ["4.3.3"]),
    ("art. 5", ["5"]),
    ("Explain section 4.3.2 generative AI", ["4.3.2"]),
    ("Compare section 20 with section 26A", ["20", "26A"]),
    # a plural prefix lists labels, each a reference; a short range of sections names those between
    ("What do sections 5 and 6 of the ETO require?", ["5", "6"]),
    ("Quote ss. 36, 37 and 38 of the ETO", ["36", "37", "38"]),
    ("What do sections 21 to 24 of PECA punish?", ["21", "22", "23", "24"]),
    ("Compare sections 2A and 2B", ["2A", "2B"]),
    ("clauses 4.1.1 and 4.1.2 of the policy", ["4.1.1", "4.1.2"]),
    ("What do sections 1 to 55 say?", ["1", "55"]),
    # a count after "and" is no section, nor is a number after a singular prefix
    ("Under sections 5 and 60 days later", ["5"]),
    ("section 5 and 6 months later", ["5"]),
])
def test_find_references_normalises_labels(question, labels):
    assert [ref.label for ref in find_references(question)] == labels


@pytest.mark.parametrize("question", [
    "What is the punishment for spoofing?",
    "What did PECA 2016 change in 2025?",
    "",
])
def test_questions_without_a_clause_have_no_references(question):
    assert find_references(question) == []


def test_policy_clauses_are_dotted():
    assert find_references("clause 4.1.2")[0].is_policy_clause
    assert not find_references("section 26A")[0].is_policy_clause


def test_chapter_spellings_are_interchangeable():
    assert chapter_variants("Chapter 1C") == ["Chapter 1C", "Chapter IC"]
    assert chapter_variants("Chapter IC") == ["Chapter 1C", "Chapter IC"]
    assert chapter_variants("26A") == ["26A"]


@pytest.mark.parametrize("question, label, part", [
    ("Quote section 32(3) of PECA", "32", ("3",)),
    ("What does s. 20(1) of PECA say?", "20", ("1",)),
    ("section 2B(1)(l)", "2B", ("1", "l")),
    ("Under section 33 (1) (b), what may be seized?", "33", ("1", "b")),
    ("What does clause (l) of section 2B allow?", "2B", ("l",)),
    # "sub-section (2)" is a part of section 24, not a section 2 of its own.
    ("What does sub-section (2) of section 24 say?", "24", ("2",)),
    ("Sub-clause (c) of s. 2B", "2B", ("c",)),
    ("Quote section 26A", "26A", ()),
    ("clause 4.1.2 of the AI policy", "4.1.2", ()),
    # A word in brackets is no part; a roman numeral is.
    ("What does section 26A (new) say?", "26A", ()),
    ("clause (iv) of section 2", "2", ("iv",)),
    # An item of a policy clause, printed "VI." or "b." on its own line.
    ("Clause VI under section 4.1.1 of the draft policy deals with the Fund. What does it provide?", "4.1.1", ("VI",)),
    ("What does 4.1.1(VI) say?", "4.1.1", ("VI",)),
    # ... also after a word that names the clause.
    ("What does clause 4.1.2(VI) of the draft policy provide?", "4.1.2", ("VI",)),
    ("Quote section 4.3.1 (xiv)", "4.3.1", ("xiv",)),
    ("What does clause 4.1.2 (the CoE) say?", "4.1.2", ()),
    ("What does 4.1.1 (ii) say?", "4.1.1", ("ii",)),
    ("quote item (b) of section 4.2.3", "4.2.3", ("b",)),
    ("Explain point a of clause 5.2.1", "5.2.1", ("a",)),
    ("paragraph 2 in 4.1.2", "4.1.2", ("2",)),
    # Plural words that name no item leave the clause whole.
    ("What do the items in section 4.1.1 say?", "4.1.1", ()),
    ("Which clauses of 4.1.1 deal with the fund?", "4.1.1", ()),
])
def test_a_part_of_a_section_is_read_with_it(question, label, part):
    assert [(ref.label, ref.part) for ref in find_references(question)] == [(label, part)]


# --- integration: the real index -------------------------------------------------------------

RESOLVED = [
    ("section 26A", PECA, "26A", 25),
    ("s. 20 of PECA", PECA, "20", 21),
    ("sec 2d", PECA, "2D", 12),
    ("Sec. 32", PECA, "32", 28),
    ("section 2D", PECA, "2D", 12),
    ("s.26A", PECA, "26A", 25),
    ("§ 24A", PECA, "24A", 24),
    ("dafa 26A", PECA, "26A", 25),
    ("clause 4.1.2 of the AI policy", POLICY, "4.1.2", 17),
    ("3.1 of the draft policy", POLICY, "3.1", 8),
    ("para 4.1.1 of the AI policy", POLICY, "4.1.1", 16),
    ("section 4.3.2 generative AI", POLICY, "4.3.2", 28),
    ("Section 18 of the ETO", ETO, "18", 11),
    ("What does section 7 of the Electronic Transactions Ordinance say?", ETO, "7", 6),
    ("Chapter IC of the amendment act", AMENDMENT, "Chapter IC", 13),
    ("chapter 1c of the PECA amendment", AMENDMENT, "Chapter IC", 13),
]


@pytest.mark.integration
@pytest.mark.parametrize("question,doc_id,label,page", RESOLVED)
def test_reference_resolves_to_document_section_and_page(resources, question, doc_id, label, page):
    from assistant.retrieve import resolve_references

    sections = resolve_references(question, resources, [])
    assert sections, f"no section found for {question!r}"
    assert (sections[0].doc_id, sections[0].label, sections[0].page_start) == (doc_id, label, page)


@pytest.mark.integration
@pytest.mark.parametrize("question,doc_id,label,page", RESOLVED)
def test_clause_lookup_returns_that_clauses_chunks_first(resources, question, doc_id, label, page):
    from assistant.retrieve import clause_lookup

    hits = clause_lookup(question, resources, [])
    assert hits, f"clause lookup found nothing for {question!r}"
    first = hits[0].chunk
    assert first.doc_id == doc_id and first.page_start == page
    assert first.section == label or first.heading_path[0].startswith(label)
    assert hits[0].scores == {"clause": 1.0}


@pytest.mark.integration
def test_unknown_section_resolves_to_nothing(resources):
    from assistant.retrieve import resolve_references

    assert resolve_references("section 999 of PECA", resources, []) == []


@pytest.mark.integration
@pytest.mark.parametrize("question, inserted", [
    # An amending Act's section that inserts or substitutes text is read with that text.
    ("What does section 5 of the PECA (Amendment) Act 2025 do?", "26A"),
    ("What did section 7 of Act No. II of 2025 substitute?", "30"),
    # One that only changes words states the change itself; a section of the Act it amends inserts nothing.
    ("What does section 8 of the PECA (Amendment) Act 2025 do?", None),
    ("section 26A of PECA", None),
])
def test_an_insertion_is_read_with_the_text_it_inserts(resources, question, inserted):
    from assistant.retrieve import clause_lookup

    hits = clause_lookup(question, resources, [])
    named = hits[0].chunk.section
    others = [h.chunk for h in hits if h.chunk.section != named]
    assert [c.section for c in others] == ([inserted] if inserted else [])
    if inserted:
        assert others[0].doc_id == hits[0].chunk.doc_id and others[0].ordinal == hits[-2].chunk.ordinal + 1


@pytest.mark.parametrize("question, found", [
    # Items named apart from the one policy clause the question names, one reference each, ranges filled in.
    ("On clause 4.1.1 of the draft policy: per sub-clauses VI and VII, how is the Fund governed?",
     [("4.1.1", ()), ("4.1.1", ("VI",)), ("4.1.1", ("VII",))]),
    ("What does 4.1.1 say in items VI, VII & VIII?",
     [("4.1.1", ()), ("4.1.1", ("VI",)), ("4.1.1", ("VII",)), ("4.1.1", ("VIII",))]),
    ("What do items XI to XIII of clause 4.1.1 say?",
     [("4.1.1", ("XI",)), ("4.1.1", ("XII",)), ("4.1.1", ("XIII",)), ("4.1.1", ())]),
    ("Summarise 4.2.3, points (b) and (c).", [("4.2.3", ()), ("4.2.3", ("b",)), ("4.2.3", ("c",))]),
    # No clause, two clauses, or an item already attached: nothing is guessed.
    ("What do items VI and VII say?", []),
    ("Compare 4.1.1 and 4.1.2, items VI and VII.", [("4.1.1", ()), ("4.1.2", ())]),
    ("What does clause 4.1.2(VI) say, and item VII?", [("4.1.2", ("VI",))]),
    # A lone lower-case letter or "I" after "items" is a word, not an item.
    ("Which items I listed fall under 4.1.1?", [("4.1.1", ())]),
    ("What items a startup needs under 4.2.3?", [("4.2.3", ())]),
])
def test_items_named_apart_from_their_clause_are_read_with_it(question, found):
    assert [(ref.label, ref.part) for ref in find_references(question)] == found


@pytest.mark.integration
@pytest.mark.parametrize("question, markers", [
    # The passages holding the named items are read though they are not among the section's first ones.
    ("What do items XI to XIII of clause 4.1.1 of the AI policy say?", ["XI.", "XII.", "XIII."]),
    ("Per sub-clauses VI and VII of clause 4.1.1 of the AI policy, how is the Fund governed?", ["VI.", "VII."]),
    ("Quote clause (t) of section 2B of PECA.", ["(t)"]),
])
def test_named_items_are_quoted_from_the_passages_that_hold_them(resources, question, markers):
    from assistant.answer import answer

    text = answer(question, resources).text
    assert all(marker in text for marker in markers), text[:300]
    assert [text.index(marker) for marker in markers] == sorted(text.index(marker) for marker in markers)
