"""Which retrieved section governs an answer (is quoted first and whole)."""
from __future__ import annotations

import pytest

from assistant.answer import governing_rank
from assistant.query import analyse
from assistant.types import Chunk, DocStatus, Hit


def _hit(section: str, title: str, status: DocStatus = DocStatus.CONSOLIDATED, **scores: float) -> Hit:
    chunk = Chunk(id=f"{section}-{title}", doc_id="peca", doc_status=status, section=section, section_title=title,
                  heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text="text")
    return Hit(chunk, 0.5, scores)


DEFINITIONS = _hit("2", "Definitions")
AUDIT = _hit("2M", "Audit")
POLICY = _hit("4.1.2", "Centres of Excellence", DocStatus.DRAFT)


@pytest.mark.parametrize("context, question, rank", [
    # A definitions clause that only repeats the question's name gives way to the rule after it.
    ([DEFINITIONS, AUDIT], "How are the Authority's accounts audited?", 1),
    ([DEFINITIONS, POLICY, AUDIT], "How are the Authority's accounts audited?", 2),
    # A question about a definition is governed by it.
    ([DEFINITIONS, AUDIT], "How does PECA define a 'minor'?", 0),
    # With no statute rule among the best hits the definitions stay first.
    ([DEFINITIONS, POLICY, POLICY, AUDIT], "How are the Authority's accounts audited?", 0),
    ([AUDIT, DEFINITIONS], "How are the Authority's accounts audited?", 0),
    # A named clause is quoted as named.
    ([_hit("26A", "False information", clause=1.0), DEFINITIONS], "Quote section 26A", None),
])
def test_governing_rank(context, question, rank):
    assert governing_rank(context, analyse(question).term) == rank


@pytest.mark.parametrize("context, policies, rank", [
    # A policy section governs only where its lead is trusted (an English question that stands alone).
    ([POLICY, AUDIT], True, 0),
    ([POLICY, AUDIT], False, None),
    ([AUDIT, POLICY], False, 0),
    # A document a user added never governs: its text does not speak for the law.
    ([_hit("1", "Our rules", DocStatus.USER), AUDIT], True, None),
    ([_hit("4.1.2", "Centres of Excellence", DocStatus.DRAFT, clause=1.0), AUDIT], True, None),
])
def test_a_policy_section_governs_when_asked_to(context, policies, rank):
    assert governing_rank(context, analyse("What will the Centres of Excellence do?").term, policies=policies) == rank
