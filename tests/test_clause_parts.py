"""A named sub-section or clause ("section 32(3)", "clause (l) of section 2B") is quoted whole, from its passages."""
from __future__ import annotations

import pytest

from assistant.generate import part_of_clause
from assistant.types import Chunk, DocStatus, Hit


def _clause(*texts: str) -> list[Hit]:
    return [Hit(Chunk(id=f"c{n}", doc_id="peca", doc_status=DocStatus.CONSOLIDATED, section="2B", section_title="",
                      heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=n, text=text), 1.0,
                {"clause": 1.0}) for n, text in enumerate(texts)]


SECTION = _clause(
    "Powers of the Authority.— (1) The Authority shall have the following powers, namely:— (a) promote research; "
    "(h) block a platform that fails to comply; (i) issue guidelines; (j) take down content.",
    # The next passage repeats the last sentence of the one before it.
    "(j) take down content. (2) The Authority may delegate its powers. (3) The Authority shall publish its report.",
)


@pytest.mark.parametrize("part, quoted", [
    # The first sub-section opens after the section's heading; it runs to the next numbered one, across passages.
    (("1",), ["Powers of the Authority.— (1) The Authority shall have the following powers, namely:— (a) promote "
              "research. [1]", "(h) block a platform that fails to comply. [1]", "(i) issue guidelines. [1]",
              "(j) take down content. [1]"]),
    # A clause that follows its lead-in within one sentence is quoted with it.
    (("1", "a"), ["Powers of the Authority.— (1) The Authority shall have the following powers, namely:— "
                  "(a) promote research. [1]"]),
    (("2",), ["(2) The Authority may delegate its powers. [2]"]),
    (("3",), ["(3) The Authority shall publish its report. [2]"]),
    # A lettered clause runs to the next letter: "(i)" after "(h)" is that next letter here.
    (("1", "h"), ["(h) block a platform that fails to comply. [1]"]),
    (("j",), ["(j) take down content. [1]"]),
    # No such part: nothing, so the answer falls back to the clause itself.
    (("7",), []),
    (("1", "z"), []),
])
def test_part_of_clause(part, quoted):
    assert part_of_clause(SECTION, part) == quoted


POLICY_CLAUSE = _clause(
    "4.1.1 National AI Fund Given the evidence, the Ministry aims to establish a Fund with following objectives.\n"
    "I. The Ministry shall direct the R&D Fund to allocate a part of its funds.\nII. The Ministry shall notify the Fund.",
    "VI. The fund shall be administered through a Board. Its members serve two years.\nVII. The BoD shall comprise "
    "members from industry.",
)


@pytest.mark.parametrize("part, quoted", [
    # A policy item runs from its marker to the next item, with all its sentences, and keeps its marker.
    (("VI",), ["VI. The fund shall be administered through a Board. [2]", "Its members serve two years. [2]"]),
    (("ii",), ["II. The Ministry shall notify the Fund. [1]"]),
    (("I",), ["I. The Ministry shall direct the R&D Fund to allocate a part of its funds. [1]"]),
    (("XV",), []),
])
def test_an_item_of_a_policy_clause(part, quoted):
    assert part_of_clause(POLICY_CLAUSE, part) == quoted


@pytest.mark.integration
@pytest.mark.parametrize("question, opening, absent", [
    ("Clause VI under section 4.1.1 of the draft National AI Policy: what does it provide?",
     "VI. The fund shall be administered through an independent Board of Directors", "Ignite"),
    ("What does clause (l) of section 2B of PECA allow the Authority to do?", "(l) issue directions", "(k)"),
    ("What does sub-section (2) of section 24 of PECA say?", "(2) Whoever commits the offence", "Cyber stalking.—"),
    ("Quote section 32(3) of PECA", "(3) Any owner of the information system", "Retention of traffic data"),
])
def test_a_named_part_is_what_the_answer_quotes(resources, question, opening, absent):
    from assistant.answer import answer

    result = answer(question, resources)
    assert result.text.startswith(opening)
    assert absent not in result.text


@pytest.mark.integration
@pytest.mark.parametrize("question, text", [
    ("Quote section 32(9) of PECA",
     "PECA 2016 (consolidated 2025) s. 32 has no sub-section (9); its sub-sections are (1), (2), (3)."),
    ("What does sub-section (5) of section 3 of PECA say?",
     "PECA 2016 (consolidated 2025) s. 3 has no sub-section (5): it is not divided into sub-sections."),
    ("What does clause (z) of section 2B of PECA say?", "PECA 2016 (consolidated 2025) s. 2B has no clause (z); its"),
    ("Quote item XV of clause 4.1.1 of the draft AI policy.",
     "Draft National AI Policy 2023 4.1.1 has no item XV; its items are I, II, III,"),
])
def test_a_part_the_section_lacks_is_answered_with_the_parts_it_has(resources, question, text):
    from assistant.answer import answer
    from assistant.types import AnswerStatus

    result = answer(question, resources)
    assert result.status is AnswerStatus.NOT_IN_CORPUS
    assert result.text.startswith(text)


def test_a_footnote_inside_a_part_is_not_quoted():
    # The consolidated text prints a footnote where a passage ends: "1Subs. by Act No." stands as a sentence.
    hits = _clause("(3) Any owner who violates sub-section (1) shall be guilty of an offence punishable with fine "
                   "which.",
                   "1Subs. by Act No. II of 2025, s.8. may extend to ten million rupees. (4) Nothing applies.")
    assert part_of_clause(hits, ("3",)) == [
        "(3) Any owner who violates sub-section (1) shall be guilty of an offence punishable with fine which. [1]",
        "II of 2025, s.8. may extend to ten million rupees. [2]"]
