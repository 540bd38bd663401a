"""`pytest evals/`: run the golden set once, write evals/report/, and hold the numbers to evals/thresholds.toml."""
from __future__ import annotations

import tomllib

import pytest

from evals.run import DEFAULT_OUT, evaluate, failures_report, load_golden, summary_table, write_report

pytestmark = pytest.mark.integration

THRESHOLDS = tomllib.loads((DEFAULT_OUT.parents[1] / "thresholds.toml").read_text(encoding="utf-8"))

# metric -> the item check whose failures explain it
EXPLAINS = {
    "recall_at_1": "no gold passage", "recall_at_5": "no gold passage", "recall_at_10": "no gold passage",
    "mrr": "no gold passage", "citation_validity": "citation not among", "key_fact_accuracy": "key facts missing",
    "refusal_accuracy": "answered an unanswerable", "false_refusal_rate": "refused an answerable",
}


@pytest.fixture(scope="session")
def results(eval_resources):
    outcome = evaluate(load_golden(), eval_resources, eval_resources.settings)
    write_report(outcome, DEFAULT_OUT)
    print("\n" + summary_table(outcome["summary"]))
    return outcome


def explain(results, metric: str) -> str:
    check = EXPLAINS.get(metric, "")
    failed = [r for r in results["items"] if any(check in f for f in r["failed"])]
    return f"\n{summary_table(results['summary'])}\n\nFailed items:\n{failures_report(failed)}"


@pytest.mark.parametrize("metric", sorted(THRESHOLDS["min"]))
def test_metric_at_least_its_threshold(results, metric):
    value = results["summary"][metric]["value"]
    assert value >= THRESHOLDS["min"][metric], f"{metric} = {value} < {THRESHOLDS['min'][metric]}" + explain(results, metric)


@pytest.mark.parametrize("metric", sorted(THRESHOLDS["max"]))
def test_metric_at_most_its_threshold(results, metric):
    value = results["summary"][metric]["value"]
    assert value <= THRESHOLDS["max"][metric], f"{metric} = {value} > {THRESHOLDS['max'][metric]}" + explain(results, metric)


def test_every_citation_resolves_to_a_retrieved_passage(results):
    assert results["summary"]["citation_validity"]["value"] == 1.0, explain(results, "citation_validity")


def test_latency_p95_within_budget(results):
    p95 = results["summary"]["latency_s"]["p95"]
    assert p95 <= THRESHOLDS["latency"]["p95_max_s"], f"p95 latency {p95}s" + explain(results, "")


def test_report_files_are_written(results):
    assert DEFAULT_OUT.is_file() and (DEFAULT_OUT.parent / "summary.md").is_file()
