"""A figure question puts first the retrieved passage that states the figure when the second model prefers one
that does not."""
from __future__ import annotations

import pytest

from assistant.answer import figure_holder_kept_first
from assistant.query import analyse
from assistant.types import Chunk, DocStatus, Hit

FUNDS = "(c) fee, not exceeding ten Rupees, for every certificate deposited in the repository."
REPOSITORY = "The Certification Council shall establish and manage a repository for all accreditation certificates."
OTHER_FEE = "A fee of one hundred rupees shall be paid for each appeal."


def hit(section: str, text: str) -> Hit:
    chunk = Chunk(id=section, doc_id="eto", doc_status=DocStatus.IN_FORCE, section=section, section_title="",
                  heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)
    return Hit(chunk, 0.1, {})


DIRECTIVES = ("Any owner of the information system who violates the directives shall be guilty of an offence "
              "punishable with fine which may extend to ten million rupees.")
AUTHORITY = "The Authority may prescribe fines for contravention of the provisions of this Chapter."
FUNCTIONS = ("The Certification Council shall grant and renew accreditation certificates to certification service "
             "providers.")
DEFINITIONS = ("“certification service provider” means a person who issues certificates for the purposes of this "
               "Ordinance.")
COUNCIL = "The Certification Council shall comprise of five members, with four members from the private sector."


@pytest.mark.parametrize("question, retrieved, reranked, first", [
    # Retrieval's best states the fee in the sentence closest to the question; the second model's first states
    # none: retrieval's best stays first.
    ("What fee is charged for each certificate deposited in the repository?",
     [("20", FUNDS), ("23", REPOSITORY)], [("23", REPOSITORY), ("20", FUNDS)], "20"),
    # The second model's first states a fee too: its order stands.
    ("What fee is charged for each certificate deposited in the repository?",
     [("20", FUNDS), ("30", OTHER_FEE)], [("30", OTHER_FEE), ("20", FUNDS)], "30"),
    # Retrieval's best states no fee: the second model's order stands.
    ("What fee is charged for each certificate deposited in the repository?",
     [("23", REPOSITORY), ("20", FUNDS)], [("20", FUNDS), ("23", REPOSITORY)], "20"),
    # Retrieval's best states a fine, but for something else, far from the question: the second model's order stands.
    ("What's the maximum fine in rupees the social media Authority can impose on a platform that ignores its "
     "takedown directions?", [("48", DIRECTIVES), ("2B", AUTHORITY)], [("2B", AUTHORITY), ("48", DIRECTIVES)], "2B"),
    # The holder is not retrieval's best: the best one that states the figure in its closest sentence leads.
    ("How many people sit on the council that accredits certification providers?",
     [("21", FUNCTIONS), ("2", DEFINITIONS), ("18", COUNCIL)], [("2", DEFINITIONS), ("21", FUNCTIONS), ("18", COUNCIL)],
     "18"),
    # Not a figure question.
    ("Who manages the repository of certificates?",
     [("20", FUNDS), ("23", REPOSITORY)], [("23", REPOSITORY), ("20", FUNDS)], "23"),
])
def test_the_passage_stating_the_asked_figure_keeps_the_lead(embedders, question, retrieved, reranked, first):
    ordered = figure_holder_kept_first(analyse(question), [hit(*pair) for pair in retrieved],
                                       [hit(*pair) for pair in reranked], embedders.dense)
    assert ordered[0].chunk.section == first
    assert sorted(h.chunk.section for h in ordered) == sorted(section for section, _ in reranked)
