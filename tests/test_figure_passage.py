"""A figure question reads the chunk of its best sections that states the figure closest to it."""
from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from assistant.answer import FIGURE_CHUNKS, MIN_FIGURE_PASSAGE_SIMILARITY, answer, with_figure_passage
from assistant.question_type import Expected
from assistant.types import Chunk, DocStatus, Hit

QUESTION = "How many people does the policy want trained in AI?"


def _chunk(section: str, ordinal: int, text: str) -> Chunk:
    return Chunk(id=f"{section}-{ordinal}", doc_id="policy", doc_status=DocStatus.DRAFT, section=section,
                 section_title="", heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=ordinal,
                 text=text)


# Each sentence's cosine with the question, as the fake sentence model reads it.
CLOSENESS = {
    "The aim is to train 1 million graduates in AI skills.": 0.70,
    "Train at least 70% of existing public sector employees.": 0.60,
    "The fund will support 1,000 research initiatives in AI.": 0.50,
    "The council will have 11 members from the industry.": 0.20,
    "The policy explains the drivers behind the targets here.": 0.65,
}
TARGETS = [_chunk("3.4.2", 21, "The policy explains the drivers behind the targets here."),
           _chunk("3.4.2", 22, "Train at least 70% of existing public sector employees."),
           _chunk("3.4.2", 23, "The aim is to train 1 million graduates in AI skills."),
           _chunk("3.4.2", 24, "The fund will support 1,000 research initiatives in AI.")]
COUNCIL = [_chunk("5.1", 1, "The council will have 11 members from the industry.")]
THIRD = [_chunk("6.2", 1, "The aim is to train 1 million graduates in AI skills.")]


class _Closeness:
    """Vectors whose dot product with the question's is the sentence's CLOSENESS (0 for unknown text)."""

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return [[CLOSENESS.get(t, 0.0), math.sqrt(1 - CLOSENESS.get(t, 0.0) ** 2)] for t in texts]


RESOURCES = SimpleNamespace(chunks=[*TARGETS, *COUNCIL, *THIRD], sentences=_Closeness())


def _query(expected: Expected = Expected.QUANTITY, follow_up: bool = False) -> SimpleNamespace:
    return SimpleNamespace(text=QUESTION, search_text=QUESTION, expected=expected, is_follow_up=follow_up)


def _hits(*ids: str) -> list[Hit]:
    by_id = {c.id: c for c in RESOURCES.chunks}
    return [Hit(by_id[i], 0.5, {"rrf": 0.5}) for i in ids]


@pytest.mark.parametrize("ids, query, expected", [
    # the figure closest to the question stands in a chunk not retrieved: read after its section's passage
    (("3.4.2-22", "5.1-1"), _query(), ["3.4.2-22", "3.4.2-23", "5.1-1"]),
    # a year question reads the same way
    (("3.4.2-22", "5.1-1"), _query(Expected.DATE), ["3.4.2-22", "5.1-1"]),
    # already read: nothing added
    (("3.4.2-23", "5.1-1"), _query(), ["3.4.2-23", "5.1-1"]),
    # not a figure question: unchanged
    (("3.4.2-22", "5.1-1"), _query(Expected.OTHER), ["3.4.2-22", "5.1-1"]),
    (("3.4.2-22", "5.1-1"), _query(Expected.PENALTY), ["3.4.2-22", "5.1-1"]),
    # only the first sections of the best passages are searched: the third one's chunk stays unread
    (("5.1-1",), _query(), ["5.1-1"]),
])
def test_the_closest_figure_of_the_best_sections_is_read(ids, query, expected):
    read = with_figure_passage(_hits(*ids), query, RESOURCES)
    assert [h.chunk.id for h in read] == expected
    assert all("continuation" in h.scores for h in read if h.chunk.id not in ids)


def test_a_follow_up_reads_its_figure_with_the_turn_it_leans_on():
    asked = []

    class Recording(_Closeness):
        def embed_query(self, text: str) -> list[float]:
            asked.append(text)
            return super().embed_query(text)

    # "And how many by then?" says nothing of training; the turn it leans on does.
    query = SimpleNamespace(text="And how many by then?", search_text=f"And how many by then? {QUESTION}",
                            expected=Expected.QUANTITY, is_follow_up=True)
    read = with_figure_passage(_hits("3.4.2-22", "5.1-1"), query,
                               SimpleNamespace(chunks=RESOURCES.chunks, sentences=Recording()))
    assert [h.chunk.id for h in read] == ["3.4.2-22", "3.4.2-23", "5.1-1"]
    assert asked == [query.search_text]


def test_at_most_figure_chunks_are_added_and_only_close_ones():
    read = with_figure_passage(_hits("3.4.2-21"), _query(), RESOURCES)
    added = [h.chunk.id for h in read[1:]]
    # 23 (0.70) and 22 (0.60) are close enough; 24 (0.50) would be too, but FIGURE_CHUNKS stops it
    assert FIGURE_CHUNKS == 2 and MIN_FIGURE_PASSAGE_SIMILARITY < 0.50
    assert added == ["3.4.2-22", "3.4.2-23"]


def test_a_figure_far_from_the_question_is_not_read():
    # the council's 11 members (0.20) are a figure, but not about what was asked
    read = with_figure_passage(_hits("3.4.2-21", "5.1-1")[1:], _query(), RESOURCES)
    assert [h.chunk.id for h in read] == ["5.1-1"]


@pytest.mark.integration
def test_the_training_target_is_quoted_from_its_own_chunk(resources):
    result = answer("How many people does the draft national AI policy want trained in AI, and by which year?",
                    resources)
    assert "1M trained in AI" in result.text or "1 million" in result.text, result.text
    assert "2027" in result.text
    assert any(c.section == "3.4.2" and c.page == 10 and "2027" in c.quote for c in result.citations)
