"""The evaluation report names the set each column scores: a fresh-set table is never headed "dev"."""
from __future__ import annotations

import pytest

from evals.report import DEV_LABEL, FRESH_LABEL, HEADLINE, summary_table

SUMMARY = {**{key: {"value": 0.5, "n": 10} for key in HEADLINE}, "latency_s": {"p50": 0.1, "p95": 0.2, "n": 10}}


@pytest.mark.parametrize("label, heading, latency_row", [
    (DEV_LABEL, "| metric | dev (golden.jsonl) |", "| latency p50 / p95 s (dev) |"),
    (FRESH_LABEL, "| metric | fresh (fresh.jsonl) |", "| latency p50 / p95 s (fresh) |"),
    ("dev_extra.jsonl", "| metric | dev_extra.jsonl |", "| latency p50 / p95 s (dev_extra.jsonl) |"),
])
def test_the_table_is_headed_by_the_set_it_scores(label, heading, latency_row):
    lines = summary_table(SUMMARY, label=label).splitlines()
    assert lines[0] == heading
    assert any(line.startswith(latency_row) for line in lines)
    assert not any("golden" in line for line in lines) or label == DEV_LABEL


def _scored(items: int, key_facts: float) -> dict:
    rate = {"value": 0.5, "n": 4, "ci95": [0.1, 0.9]}
    return {"items": items, "key_fact_accuracy": {**rate, "value": key_facts}, "refusal_accuracy": rate,
            "false_refusal_rate": rate}


def test_the_tuned_sets_table_lists_each_set_the_pool_and_both_gaps_to_the_fresh_set():
    from evals.report import tuned_sets_table

    table = tuned_sets_table({"golden.jsonl": _scored(10, 0.9), "dev_plain.jsonl": _scored(6, 0.7)},
                             _scored(16, 0.825), {"key_fact_accuracy": {"value": 0.8}})
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    names = [row.split(" | ")[0].lstrip("| ") for row in rows[1:]]
    assert names == ["golden.jsonl", "dev_plain.jsonl", "all tuned sets, pooled"]
    assert "golden minus fresh: 0.900 - 0.800 = 0.100." in table
    assert "pooled minus fresh: 0.825 - 0.800 = 0.025." in table


def test_declines_are_counted_per_expected_reason_with_no_item_named():
    from evals.report import reason_table
    from evals.run import declines_by_reason

    def item(expected, status):
        return {"id": "secret-id", "question": "secret question", "expected_refusal": expected, "status": status,
                "refused": status != "answered"}

    counts = declines_by_reason([item("not_in_corpus", "not_in_corpus"), item("not_in_corpus", "answered"),
                                 item("out_of_domain", "not_in_corpus"), item("out_of_domain", "out_of_domain"),
                                 item("missing_document", "missing_document")])
    assert counts == {
        "missing_document": {"questions": 1, "right_reason": 1, "other_reason": 0, "answered": 0},
        "not_in_corpus": {"questions": 2, "right_reason": 1, "other_reason": 0, "answered": 1},
        "out_of_domain": {"questions": 2, "right_reason": 1, "other_reason": 1, "answered": 0}}
    table = reason_table({"declines_by_reason": counts})
    assert "| out_of_domain | 2 | 1 | 1 | 0 |" in table
    assert "secret" not in table
