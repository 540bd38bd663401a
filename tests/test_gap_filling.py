"""A chunk lying between two of the best passages of one section is read in its place between them."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.answer import with_gaps_filled
from assistant.types import Chunk, DocStatus, Hit


def _chunk(section: str, ordinal: int) -> Chunk:
    return Chunk(id=f"{section}-{ordinal}", doc_id="policy", doc_status=DocStatus.DRAFT, section=section,
                 section_title="", heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=ordinal,
                 text=f"text {section} {ordinal}")


SECTION = [_chunk("4.1.1", n) for n in range(36, 42)]
OTHER = [_chunk("3.4.2", n) for n in range(26, 29)]
RESOURCES = SimpleNamespace(chunks=[*OTHER, *SECTION])


def _hits(*ids: str, continuation: tuple[str, ...] = ()) -> list[Hit]:
    by_id = {c.id: c for c in RESOURCES.chunks}
    return [Hit(by_id[i], 0.5, {"continuation": 1.0} if i in continuation else {"rrf": 0.5}) for i in ids]


@pytest.mark.parametrize("ids, continuation, expected", [
    # one chunk missing between two best passages of a section: read after the first
    (("4.1.1-36", "4.1.1-38", "3.4.2-27"), (), ["4.1.1-36", "4.1.1-37", "4.1.1-38", "3.4.2-27"]),
    # retrieved lower down, past the best four: moved to its place in the section
    (("4.1.1-36", "4.1.1-38", "4.1.1-39", "3.4.2-27", "4.1.1-37"), (),
     ["4.1.1-36", "4.1.1-37", "4.1.1-38", "4.1.1-39", "3.4.2-27"]),
    # a wider gap is another part of the section, not a missing link
    (("4.1.1-36", "4.1.1-39"), (), ["4.1.1-36", "4.1.1-39"]),
    # neighbours, or one passage of each section: nothing to fill
    (("4.1.1-36", "4.1.1-37", "3.4.2-26"), (), ["4.1.1-36", "4.1.1-37", "3.4.2-26"]),
    # a governing section's continuation counts as quoted: the gap before it is filled too
    (("4.1.1-36", "4.1.1-38"), ("4.1.1-38",), ["4.1.1-36", "4.1.1-37", "4.1.1-38"]),
    # only the best four passages are read for gaps
    (("3.4.2-26", "3.4.2-27", "3.4.2-28", "4.1.1-40", "4.1.1-36", "4.1.1-38"), (),
     ["3.4.2-26", "3.4.2-27", "3.4.2-28", "4.1.1-40", "4.1.1-36", "4.1.1-38"]),
])
def test_a_chunk_between_two_best_passages_of_a_section_is_read_between_them(ids, continuation, expected):
    filled = with_gaps_filled(_hits(*ids, continuation=continuation), RESOURCES)
    assert [h.chunk.id for h in filled] == expected
    added = [h for h in filled if h.chunk.id not in ids]
    assert all("continuation" in h.scores for h in added)
