"""A question that names several documents is answered from each of them."""
from __future__ import annotations

import pytest

from assistant.answer import each_named_document_quoted
from assistant.generate import each_named_document
from assistant.types import Chunk, DocStatus, Hit

PECA = {"peca", "peca-amendment"}
ETO = {"eto"}


def _hit(name: str, doc_id: str) -> Hit:
    chunk = Chunk(id=name, doc_id=doc_id, doc_status=DocStatus.CONSOLIDATED, section=name, section_title="",
                  heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=f"text of {name}")
    return Hit(chunk, 0.5, {"rrf": 0.5})


def _names(hits: list[Hit]) -> list[str]:
    return [h.chunk.id for h in hits]


@pytest.mark.parametrize("hits, families, expected, marked", [
    # the ETO's best passage ranks fifth: it takes the fourth place, and PECA's fourth moves down
    ([_hit("38a", "peca"), _hit("38b", "peca"), _hit("38c", "peca"), _hit("38d", "peca"), _hit("40", "eto")],
     [ETO, PECA], ["38a", "38b", "38c", "40", "38d"], ["38a", "40"]),
    # each named document among the first four already: the order stays, the best of each is marked
    ([_hit("38a", "peca"), _hit("40", "eto"), _hit("38b", "peca"), _hit("38c", "peca"), _hit("38d", "peca")],
     [ETO, PECA], ["38a", "40", "38b", "38c", "38d"], ["38a", "40"]),
    # one document named (PECA and its amending Act are one family): unchanged, nothing marked
    ([_hit("38a", "peca"), _hit("38b", "peca"), _hit("38c", "peca"), _hit("38d", "peca"), _hit("40", "eto")],
     [PECA, PECA], ["38a", "38b", "38c", "38d", "40"], []),
    # a named document with no passage found: only the other is marked
    ([_hit("38a", "peca"), _hit("38b", "peca"), _hit("38c", "peca"), _hit("38d", "peca"), _hit("3", "peca")],
     [ETO, PECA], ["38a", "38b", "38c", "38d", "3"], ["38a"]),
])
def test_each_named_documents_best_passage_is_among_the_quoted(hits, families, expected, marked):
    ordered = each_named_document_quoted(hits, families)
    assert _names(ordered) == expected
    assert [h.chunk.id for h in ordered if "named_document" in h.scores] == marked


@pytest.mark.parametrize("marked, chosen, left_out, expected", [
    # PECA's sentences were chosen; the marked ETO passage's best sentence (candidate 3, not 2) is added
    (True, [0, 1], set(), [3]),
    # the ETO is quoted already
    (True, [0, 3], set(), []),
    # nothing marked (one document named)
    (False, [0, 1], set(), []),
    # a sentence left out (a heading, a timeline cell) is never the one added
    (True, [0, 1], {3}, [2]),
])
def test_each_marked_documents_passage_gets_its_best_sentence(marked, chosen, left_out, expected):
    eto = _hit("40", "eto")
    if marked:
        eto = Hit(eto.chunk, eto.score, {**eto.scores, "named_document": 1.0})
    hits = {1: _hit("38", "peca"), 2: eto}
    candidates = [(1, 0, "a"), (1, 1, "b"), (2, 0, "c"), (2, 1, "d")]
    scores = [0.9, 0.8, 0.3, 0.5]
    assert each_named_document(candidates, hits, chosen, scores, left_out) == expected


@pytest.mark.integration
@pytest.mark.parametrize("question", [
    "Our company runs a data centre for clients. If a client misuses our network for a crime, are we liable under "
    "the electronic transactions law and the cyber crime law?",
    "What do the e-transactions law and PECA each say about a service provider's liability for its users' acts?",
])
def test_a_question_naming_two_laws_quotes_both(resources, question):
    from assistant.answer import answer

    result = answer(question, resources)
    cited = {c.doc_id for c in result.citations}
    assert {"electronic-transactions-ordinance-2002", "peca-2016-consolidated-2025"} <= cited, result.text[:300]
