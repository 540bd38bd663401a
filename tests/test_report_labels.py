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
