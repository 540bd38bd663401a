"""A decline for a fact the documents lack says where they do address the subject."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.answer import closest_provision
from assistant.types import Chunk, DocStatus, Hit

SOURCES = [SimpleNamespace(id="peca", short_name="PECA 2016"), SimpleNamespace(id="policy", short_name="Draft AI Policy 2023")]


def _hit(doc_id: str, status: DocStatus, section: str, title: str, page_label: str) -> Hit:
    chunk = Chunk(id="c", doc_id=doc_id, doc_status=status, section=section, section_title=title, heading_path=(),
                  page_start=7, page_end=7, page_label=page_label, ordinal=0, text="text")
    return Hit(chunk, 0.5, {})


@pytest.mark.parametrize("hit, expected", [
    (_hit("peca", DocStatus.CONSOLIDATED, "2Q", "Enlistment", "16"),
     'The subject is dealt with in PECA 2016 s. 2Q, "Enlistment" (page 16).'),
    # A policy's numbered heading is not a statute's section.
    (_hit("policy", DocStatus.DRAFT, "4.1.2", "", ""), "The subject is dealt with in Draft AI Policy 2023 4.1.2 (page 7)."),
    # A passage outside any section, from a document the catalog does not list.
    (_hit("bill", DocStatus.BILL, "", "", "3"), "The subject is dealt with in bill (page 3)."),
    (None, ""),
    # A document a user added is not pointed to as where the law deals with the subject.
    (_hit("added", DocStatus.USER, "3", "Our rules", "3"), ""),
])
def test_closest_provision(hit, expected):
    assert closest_provision(hit, SimpleNamespace(sources=SOURCES)) == expected


def test_a_nearest_provision_on_another_matter_is_not_called_the_subject():
    hit = _hit("peca", DocStatus.CONSOLIDATED, "35", "Powers of an authorized officer", "30")
    assert (closest_provision(hit, SimpleNamespace(sources=SOURCES), on_subject=False)
            == 'The nearest provision, on another matter, is PECA 2016 s. 35, "Powers of an authorized officer" (page 30).')
