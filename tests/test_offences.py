"""Which retrieved offence a penalty question describes: the fit of its defining sentences, less its rank."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.answer import composing_order, search
from assistant.offences import RANK_COST, best_offence_first, fitness
from assistant.query import analyse
from assistant.retrieve import retrieve


@pytest.mark.parametrize("defining, rank, expected", [
    # The closest of the defining sentences counts, not their average.
    ([[1.0, 0.0], [0.0, 1.0]], 0, 1.0),
    ([[0.6, 0.8]], 0, 0.6),
    # Each place down the ranking costs RANK_COST.
    ([[1.0, 0.0]], 2, 1.0 - 2 * RANK_COST),
])
def test_fitness(defining, rank, expected):
    assert fitness(np.array([1.0, 0.0]), np.array(defining), rank) == pytest.approx(expected)


def test_a_clearly_closer_offence_lower_down_outranks_the_first():
    question = np.array([1.0, 0.0])
    first = fitness(question, np.array([[0.30, 0.95]]), 0)
    third = fitness(question, np.array([[0.75, 0.66]]), 2)
    slightly_closer = fitness(question, np.array([[0.35, 0.94]]), 2)
    assert third > first > slightly_closer


@pytest.mark.integration
@pytest.mark.parametrize("question, leading_section", [
    # Retrieval ranks online grooming ("creates a relationship of trust") first; the deception is electronic fraud.
    ("Someone impersonated our supplier by email and tricked our accounts team into paying him. "
     "What is the punishment?", "14"),
    # The question names the offence's own words: the first hit already fits.
    ("What is the punishment for unauthorized access to an information system?", "3"),
])
def test_the_offence_the_conduct_fits_leads(resources, question, leading_section):
    query = analyse(question)
    ordered = best_offence_first(query, retrieve(query.search_text, resources, resources.settings), resources)
    assert ordered[0].chunk.section == leading_section


@pytest.mark.integration
def test_an_act_the_scenario_denies_does_not_choose_the_offence(resources):
    # "They didn't change or copy anything": unauthorized access (s. 3), not copying (s. 4).
    query = analyse("Somebody logged into our shop's billing server without permission and looked through our "
                    "customer records. They didn't change or copy anything. Is that actually a crime, and what "
                    "could they get?")
    ordered = composing_order(query, search(query, resources, resources.settings, [], []), resources,
                              resources.settings)
    assert (ordered[0].chunk.doc_id, ordered[0].chunk.section) == ("peca-2016-consolidated-2025", "3")


@pytest.mark.integration
def test_a_question_that_asks_no_penalty_keeps_the_retrieval_order(resources):
    query = analyse("Someone impersonated our supplier by email and tricked our accounts team into paying him. "
                    "Which agency investigates that?")
    hits = retrieve(query.search_text, resources, resources.settings)
    assert best_offence_first(query, hits, resources) == hits
