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


# A toy entailment judge: the passage entails the claim when it contains every word of it.
def contains_all(claim: str, passage: str) -> bool:
    return set(claim.split()) <= set(passage.split())


A, B, C = "spoofing three years", "stalking one million", "fund thirty percent"


def test_a_sentence_is_supported_only_by_what_it_cites():
    from evals.metrics import sentence_supported

    assert sentence_supported("spoofing three", [A], contains_all)
    assert not sentence_supported("spoofing three", [B], contains_all)
    assert not sentence_supported("spoofing three", [], contains_all)  # no citation, no support (ALCE)
    # Supported only by the two passages together.
    assert sentence_supported("spoofing million", [A, B], contains_all)


def test_citation_precision_flags_the_irrelevant_citation():
    from evals.metrics import precise_citations

    # C adds nothing: A alone supports the claim, so C is irrelevant; A is needed.
    assert precise_citations("spoofing years", [A, C], contains_all) == [True, False]
    # Both needed: neither alone supports, dropping either breaks support.
    assert precise_citations("spoofing million", [A, B], contains_all) == [True, True]
    # Both alone sufficient: each entails on its own, so each is precise.
    assert precise_citations("years", [A, "years later"], contains_all) == [True, True]
    # An unsupported sentence makes every citation imprecise.
    assert precise_citations("flogging", [A, B], contains_all) == [False, False]
    assert precise_citations("spoofing", [A], contains_all) == [True]


def test_citation_recall_and_precision_counts():
    from evals.metrics import citation_recall_precision

    counts = citation_recall_precision(
        [("spoofing years", [A, C]), ("stalking million", [B]), ("flogging", [C]), ("uncited claim", [])],
        contains_all)
    assert counts == {"supported": 2, "sentences": 4, "precise": 2, "citations": 4}
    assert citation_recall_precision([], contains_all) == {"supported": 0, "sentences": 0, "precise": 0, "citations": 0}


def test_agreement_with_hand_labels():
    from evals.metrics import agreement, cohens_kappa

    gold = [True, True, True, False, False, False]
    pred = [True, True, False, False, False, True]
    result = agreement(gold, pred)
    assert (result["tp"], result["tn"], result["fp"], result["fn"]) == (2, 2, 1, 1)
    assert result["accuracy"] == pytest.approx(4 / 6)
    assert result["precision"] == pytest.approx(2 / 3) and result["recall"] == pytest.approx(2 / 3)
    # observed 4/6, chance 0.5*0.5 + 0.5*0.5 = 0.5 -> kappa (0.6667 - 0.5) / 0.5 = 1/3
    assert result["kappa"] == pytest.approx(1 / 3)
    assert cohens_kappa(gold, gold) == 1.0
    assert cohens_kappa(gold, [not g for g in gold]) == pytest.approx(-1.0)
    assert cohens_kappa([True, True], [True, True]) == 1.0
    with pytest.raises(ValueError):
        agreement([True], [True, False])


def test_ratio_of_project_to_baseline():
    from evals.metrics import ratio

    assert ratio(0.9, 0.6) == pytest.approx(1.5)
    assert ratio(0.5, 0.0) is None


def test_reports_never_list_fresh_items_even_from_a_sample(tmp_path):
    from evals.run import may_list_failures

    fresh = tmp_path / "fresh.jsonl"
    fresh.write_text('{"id": "f001"}\n{"id": "f002"}\n', encoding="utf-8")
    assert may_list_failures([{"id": "g001"}, {"id": "g002"}], fresh)
    assert not may_list_failures([{"id": "f002"}], fresh)
    assert may_list_failures([{"id": "f002"}], tmp_path / "absent.jsonl")
