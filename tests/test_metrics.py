"""Evaluation metrics on hand-made cases with known answers."""
from __future__ import annotations

import pytest

from evals.metrics import (false_refusal_rate, key_fact_accuracy, key_facts_found, mrr, percentile, recall_at_k,
                           reciprocal_rank, refusal_accuracy, wilson_interval)

RANKS = [
    [True, False, False],   # rank 1
    [False, False, True],   # rank 3
    [False, False, False],  # missed
    [False, True, True],    # rank 2
]


def test_recall_at_k():
    assert recall_at_k(RANKS, 1) == 0.25
    assert recall_at_k(RANKS, 2) == 0.5
    assert recall_at_k(RANKS, 3) == 0.75
    assert recall_at_k(RANKS, 10) == 0.75
    assert recall_at_k([], 5) == 0.0


def test_mrr():
    assert reciprocal_rank([False, False, True]) == pytest.approx(1 / 3)
    assert reciprocal_rank([]) == 0.0
    assert mrr(RANKS) == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert mrr([]) == 0.0


@pytest.mark.parametrize("successes,n,low,high", [
    (9, 10, 0.5958, 0.9821),
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (50, 100, 0.4038, 0.5962),
])
def test_wilson_interval_matches_published_values(successes, n, low, high):
    lo, hi = wilson_interval(successes, n)
    assert lo == pytest.approx(low, abs=1e-4) and hi == pytest.approx(high, abs=1e-4)


def test_wilson_interval_edges():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    narrow, wide = wilson_interval(45, 50, z=1.0), wilson_interval(45, 50, z=2.58)
    assert wide[0] < narrow[0] < 0.9 < narrow[1] < wide[1]
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


def test_key_facts_need_every_pattern_case_insensitively_across_line_breaks():
    text = "Imprisonment up to Three\n  years, or a fine up to 500,000 rupees."
    assert key_facts_found(text, [r"(three|3) years", r"500,?000"])
    assert not key_facts_found(text, [r"(three|3) years", r"seven"])
    assert key_facts_found(text, [])
    assert key_fact_accuracy([(text, [r"three years"]), (text, [r"ten years"])]) == 0.5
    assert key_fact_accuracy([]) == 0.0


def test_refusal_rates():
    assert refusal_accuracy([True, True, False, True]) == 0.75
    assert false_refusal_rate([False, False, False, True]) == 0.25
    assert refusal_accuracy([]) == 0.0 and false_refusal_rate([]) == 0.0


def test_percentile_interpolates():
    values = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 0) == 1.0 and percentile(values, 100) == 5.0
    assert percentile(values, 95) == pytest.approx(4.8)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) == 0.0
    with pytest.raises(ValueError):
        percentile(values, 101)
