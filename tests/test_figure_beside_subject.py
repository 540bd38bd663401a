"""Which sentence answers the figure a question asks for: one that closely follows the sentence chosen for its
subject comes before a higher-scoring figure further away."""
from __future__ import annotations

import pytest

from assistant.generate import _kind_sentences
from assistant.question_type import Expected
from assistant.types import Chunk, DocStatus, Hit


def _passage(ordinal: int, section: str = "4.2.2") -> Hit:
    return Hit(Chunk(id=f"p{ordinal}", doc_id="policy", doc_status=DocStatus.DRAFT, section=section,
                     section_title="", heading_path=(), page_start=25, page_end=25, page_label="", ordinal=ordinal,
                     text=""), 1.0, {})


# (passage number, position in it, text): two consecutive passages of one section, and a passage of another.
CANDIDATES = [
    (1, 0, "The CoE-AI shall organize a special grant for R&D projects."),
    (1, 1, "b."),
    (1, 2, "Such projects shall solve socio-economic issues."),
    (2, 0, "c."),
    (2, 1, "At least 400 projects shall be supported with up to PKR 1 million per project."),
    (2, 2, "Research shall be supported."),
    (2, 3, "The CoE-AI shall provide up to PKR 200,000 per research."),
    (3, 0, "The grant shall be PKR 5 million."),
]
HITS = {1: _passage(79), 2: _passage(80), 3: _passage(12, "3.1")}
HAS_FIGURE = [False, False, False, False, True, False, True, True]


@pytest.mark.parametrize("best, chosen, expected, governing, picked", [
    # The sum two sentences after the grant, across the passages' boundary, before the better-scoring stipend.
    ([6, 4, 0], [0], Expected.QUANTITY, set(), [4]),
    ([6, 4, 0], [0], Expected.QUANTITY, {1, 2}, [4]),
    # Too far from the chosen sentence, or in another section: the best figure stays first.
    ([7, 6, 2], [2], Expected.QUANTITY, set(), [7]),
    ([7, 4], [5], Expected.QUANTITY, set(), [7]),
    # A chosen sentence that states a figure itself is no subject for another one.
    ([6, 4], [6], Expected.QUANTITY, set(), [6]),
])
def test_a_figure_beside_its_subject_comes_first(best, chosen, expected, governing, picked):
    assert _kind_sentences(best, HAS_FIGURE, CANDIDATES, governing, expected, chosen, HITS) == picked


def test_a_punishment_is_chosen_by_score_alone():
    assert _kind_sentences([6, 4, 0], HAS_FIGURE, CANDIDATES, set(), Expected.PENALTY, [0], HITS) == [6]
