"""Sentence scores read the question's everyday words as the statute's (logic only: every vector is the same, so
only the shared words, the rank and the expected kind differ)."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.generate import _sentence_scores
from assistant.question_type import Expected


class SameVector:
    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]


@pytest.mark.parametrize("question, statute_sentence, other_sentence", [
    ("Can we be held responsible for what users post?",
     "No service provider shall be subject to any civil or criminal liability unless it participated.",
     "The Authority shall maintain a register of platforms."),
    ("Is it a crime to sell malware?",
     "Whoever writes, offers or distributes malicious code shall be punished.",
     "The Authority may issue guidelines."),
    ("Someone hacked our server. What can we do?",
     "Whoever gains unauthorized access to any information system shall be punished.",
     "The Council shall meet every quarter."),
])
def test_a_sentence_in_the_statutes_words_for_the_question_scores_higher(question, statute_sentence, other_sentence):
    # The other sentence comes first in its passage and is ranked higher: only the shared words can lift the other.
    candidates = [(1, 0, other_sentence), (1, 1, statute_sentence)]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0]])
    scores = _sentence_scores(question, candidates, vectors, SameVector(), Expected.OTHER, {1: 1})
    assert scores[1] > scores[0]


def test_a_follow_ups_figure_is_about_what_it_leans_on():
    # "its head" names no subject: the term of three years is about the NCCIA, which the earlier turn named.
    turn = "How long does its head serve?"
    candidates = [(1, 0, "The Federal Government shall appoint the Director General of the NCCIA for a term of three "
                         "years."),
                  (1, 1, "The Authority shall decide complaints.")]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0]])
    alone = _sentence_scores(turn, candidates, vectors, SameVector(), Expected.QUANTITY, {1: 1})
    leaning = _sentence_scores(turn, candidates, vectors, SameVector(), Expected.QUANTITY, {1: 1},
                               figure_topic=f"{turn} Who investigates cybercrime? NCCIA")
    assert leaning[0] > alone[0] and leaning[1] == alone[1]
