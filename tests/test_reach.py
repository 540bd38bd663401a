"""Whether a law covers a case: the law's own reach section joins the hits (logic only; the real index is used in
tests/test_answer_quality.py)."""
from __future__ import annotations

from types import SimpleNamespace

from assistant.retrieve import with_reach_section
from assistant.types import Chunk, DocStatus, Hit, Section


def _chunk(doc_id: str, section: str, status: DocStatus) -> Chunk:
    return Chunk(id=f"{doc_id}-{section}", doc_id=doc_id, doc_status=status, section=section, section_title="",
                 heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text="text")


def _section(doc_id: str, label: str, title: str) -> Section:
    return Section(doc_id=doc_id, label=label, title=title, heading_path=(), page_start=1, page_end=1, text="")


EXCLUSIONS = _chunk("eto", "31", DocStatus.IN_FORCE)
UPLOADED_SCOPE = _chunk("our-rules", "1", DocStatus.USER)
OTHER_LAW = _chunk("eto", "22", DocStatus.IN_FORCE)
RETRIEVED = [Hit(_chunk("eto", "16", DocStatus.IN_FORCE), 0.9, {"rrf": 0.9}),
             Hit(_chunk("eto", "7", DocStatus.IN_FORCE), 0.8, {"rrf": 0.8})]


def _resources(keyword_ranking: list[Chunk]) -> SimpleNamespace:
    sections = [_section("eto", "31", "Application to certain laws barred"),
                _section("eto", "22", "Application of Act XVII of 1996"),
                _section("our-rules", "1", "Scope")]
    keyword = SimpleNamespace(search=lambda query, k, doc_ids: [(c, 1.0) for c in keyword_ranking])
    return SimpleNamespace(sources=[], sections=sections, keyword=keyword)


def _sections(hits: list[Hit]) -> list[tuple[str, bool]]:
    return [(h.chunk.id, "reach" in h.scores) for h in hits]


def test_the_reach_section_joins_second_marked():
    hits = with_reach_section("Does the electronic transactions law cover trusts?", RETRIEVED,
                              _resources([OTHER_LAW, EXCLUSIONS]), [])
    # "Application of Act XVII of 1996" applies another law: the exclusions are the reach section.
    assert _sections(hits) == [("eto-16", False), ("eto-31", True), ("eto-7", False)]


def test_an_uploaded_document_never_states_a_laws_reach():
    hits = with_reach_section("Does the law cover trusts?", RETRIEVED, _resources([UPLOADED_SCOPE]), [])
    assert _sections(hits) == [("eto-16", False), ("eto-7", False)]


def test_a_question_that_is_not_about_reach_keeps_its_hits():
    hits = with_reach_section("What is the punishment for spoofing?", RETRIEVED, _resources([EXCLUSIONS]), [])
    assert hits == RETRIEVED
