"""A quote that reports what a document not in the index says carries a note naming that document and how to add it."""
from __future__ import annotations

import pytest

from assistant.answer import referred_documents_notes
from assistant.types import Citation, DocStatus

CLOUD = ("Under the Cloud First Policy of the Government of Pakistan, a copy of such data public data must be hosted "
         "on the National Telecom Corporation (NTC) cloud infrastructure nationwide.")
OWN_STATUTE = "The service providers shall retain the traffic data as provided under sections 5 and 6 of the ETO."
FINAL_POLICY = "This National AI Policy will be reviewed periodically."


def cited(quote: str, doc_id: str = "draft-national-ai-policy-2023") -> Citation:
    return Citation(1, "c1", doc_id, "Draft National AI Policy", "Draft AI Policy", DocStatus.DRAFT, "4.1.3", (), 18,
                    "18", quote)


@pytest.mark.parametrize("quote, named", [
    # A document the catalog knows and the index lacks is named, with its address and how to add it.
    (CLOUD, "Pakistan Cloud First Policy 2022"),
    # An indexed statute, and another version of an indexed document, are not.
    (OWN_STATUTE, ""),
    (FINAL_POLICY, ""),
])
def test_a_quote_referring_to_a_document_not_indexed_says_so(resources, quote, named):
    notes = referred_documents_notes([cited(quote)], resources.sources, resources.indexed_ids)
    if named:
        assert len(notes) == 1 and named in notes[0] and "not indexed" in notes[0] and "ingest add" in notes[0]
    else:
        assert notes == ()


def test_the_answer_that_quotes_such_a_passage_carries_the_note(resources):
    from assistant.answer import answer

    result = answer("Which categories of government data may a cloud company host for federal ministries?",
                    resources)
    assert result.status.value == "answered"
    assert any("Cloud First Policy 2022" in note and "not indexed" in note for note in result.notes)
