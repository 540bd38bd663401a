"""`pytest evals/`: run the dev (golden), held-out and fresh sets, every other dev set (reported and pooled) and the
baseline once, write evals/report/, and hold the dev numbers to evals/thresholds.toml (held-out: citation validity
only, since thresholds were tuned on dev; the fresh set to its own floors)."""
from __future__ import annotations

import json
import tomllib
from collections import Counter

import pytest

from evals.baseline import evaluate_baseline
from evals.report import FRESH_LABEL, LABELS, failures_report, judge_agreement, summary_table, write_report
from evals.run import DEFAULT_OUT, FRESH, GOLDEN, HELDOUT, TUNED_SETS, evaluate, load_golden, summarise

pytestmark = pytest.mark.integration

THRESHOLDS = tomllib.loads((DEFAULT_OUT.parents[1] / "thresholds.toml").read_text(encoding="utf-8"))

# metric -> the item check whose failures explain it
EXPLAINS = {
    "recall_at_1": "no gold passage", "recall_at_5": "no gold passage", "recall_at_10": "no gold passage",
    "mrr": "no gold passage", "citation_validity": "citation not among", "key_fact_accuracy": "key facts missing",
    "citation_recall": "sentence not supported", "citation_precision": "sentence not supported",
    "refusal_accuracy": "answered an unanswerable", "false_refusal_rate": "refused an answerable",
}


def thresholds_for(generator: str) -> dict:
    """The base tables, with any [generators.<name>.*] table overriding them for that generator."""
    merged = {section: dict(THRESHOLDS.get(section, {})) for section in ("min", "max", "latency", "judge")}
    for section, values in THRESHOLDS.get("generators", {}).get(generator, {}).items():
        merged.setdefault(section, {}).update(values)
    return merged


@pytest.fixture(scope="session")
def limits(generator_name):
    return thresholds_for(generator_name)


@pytest.fixture(scope="session")
def results(eval_resources, baseline):
    settings = eval_resources.settings
    golden = load_golden(GOLDEN)
    outcome = evaluate(golden, eval_resources, settings)  # the dev set, at the top level
    outcome.update(heldout=evaluate(load_golden(HELDOUT), eval_resources, settings),
                   fresh=evaluate(load_golden(FRESH), eval_resources, settings),
                   baseline=evaluate_baseline(golden, baseline), judge=judge_agreement())
    outcome["tuned_sets"] = tuned_sets(outcome, eval_resources, settings)
    write_report(outcome, DEFAULT_OUT)
    print("\n" + summary_table(outcome["summary"], outcome["heldout"]["summary"]))
    print("\nFresh set (evals/fresh.jsonl):\n" + summary_table(outcome["fresh"]["summary"], label=FRESH_LABEL))
    return outcome


def tuned_sets(outcome: dict, resources, settings) -> dict:
    """Summaries of every set the system was tuned on (golden and held-out reused from `outcome`), and pooled."""
    scored = {GOLDEN.name: outcome["items"], HELDOUT.name: outcome["heldout"]["items"]}
    for path in TUNED_SETS:
        if path.name not in scored:
            scored[path.name] = evaluate(load_golden(path), resources, settings)["items"]
    per_set = {name: {key: value for key, value in summarise(records).items() if key != "by_kind"}
               for name, records in scored.items()}
    pooled = summarise([record for records in scored.values() for record in records])
    pooled.pop("by_kind")
    return {"per_set": per_set, "pooled": pooled}


def explain(records: list, summary: dict, metric: str) -> str:
    check = EXPLAINS.get(metric, "")
    failed = [r for r in records if any(check in f for f in r["failed"])]
    return f"\n{summary_table(summary)}\n\nFailed items (question, answer, citations, failed check):\n{failures_report(failed)}"


def test_every_threshold_names_a_reported_metric(results, limits):
    summary = results["summary"]
    unknown = [m for m in (*limits["min"], *limits["max"]) if m not in summary]
    assert not unknown, f"thresholds.toml names metrics the report does not have: {unknown}"


@pytest.mark.parametrize("metric", sorted(THRESHOLDS["min"]))
def test_dev_metric_at_least_its_threshold(results, limits, metric):
    summary = results["summary"]
    value, floor = summary[metric]["value"], limits["min"][metric]
    assert value >= floor, f"{metric} = {value} < {floor}" + explain(results["items"], summary, metric)


@pytest.mark.parametrize("metric", sorted(THRESHOLDS["max"]))
def test_dev_metric_at_most_its_threshold(results, limits, metric):
    summary = results["summary"]
    value, ceiling = summary[metric]["value"], limits["max"][metric]
    assert value <= ceiling, f"{metric} = {value} > {ceiling}" + explain(results["items"], summary, metric)


@pytest.mark.parametrize("metric", sorted(THRESHOLDS["fresh"]["min"]))
def test_fresh_metric_at_least_its_floor(results, metric):
    """The fresh set is held to its own floors; its failures are not listed item by item (it is not for tuning)."""
    value, floor = results["fresh"]["summary"][metric]["value"], THRESHOLDS["fresh"]["min"][metric]
    assert value >= floor, f"fresh {metric} = {value} < {floor}\n{summary_table(results['fresh']['summary'], label=FRESH_LABEL)}"


@pytest.mark.parametrize("metric", sorted(THRESHOLDS["fresh"]["max"]))
def test_fresh_metric_at_most_its_ceiling(results, metric):
    value, ceiling = results["fresh"]["summary"][metric]["value"], THRESHOLDS["fresh"]["max"][metric]
    assert value <= ceiling, f"fresh {metric} = {value} > {ceiling}\n{summary_table(results['fresh']['summary'], label=FRESH_LABEL)}"


def test_every_tuned_set_is_scored_and_pooled(results):
    tuned = results["tuned_sets"]
    assert set(tuned["per_set"]) == {path.name for path in TUNED_SETS}
    assert tuned["pooled"]["items"] == sum(summary["items"] for summary in tuned["per_set"].values())
    for name, summary in tuned["per_set"].items():
        assert summary["citation_validity"]["value"] == 1.0, f"{name}: a citation does not resolve to a passage"


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_every_citation_resolves_to_a_retrieved_passage(results, split):
    scored = results if split == "dev" else results["heldout"]
    summary = scored["summary"]
    assert summary["citation_validity"]["n"] > 0, f"{split}: no citations at all"
    assert summary["citation_validity"]["value"] == 1.0, explain(scored["items"], summary, "citation_validity")


def test_latency_p95_within_budget(results, limits):
    p95 = results["summary"]["latency_s"]["p95"]
    assert p95 <= limits["latency"]["p95_max_s"], f"p95 latency {p95}s" + explain([], results["summary"], "")


def test_citation_judge_agrees_with_the_hand_labels(results, limits):
    overall = results["judge"]["overall"]
    disagreements = "\n".join(f"- {d['id']} ({d['kind']}, label {d['label']}, score {d['score']}): {d['sentence']}"
                              for d in results["judge"]["disagreements"])
    assert overall["accuracy"] >= limits["judge"]["min_accuracy"], f"judge accuracy {overall['accuracy']}\n{disagreements}"
    assert overall["kappa"] >= limits["judge"]["min_kappa"], f"judge kappa {overall['kappa']}\n{disagreements}"


def test_hand_labels_are_enough_and_include_hard_negatives():
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    kinds = Counter(r["kind"] for r in rows)
    assert len(rows) >= 60 and kinds["hard-negative-wrong-number"] >= 10, kinds
    assert {"exact", "paraphrase", "wrong-passage", "partial"} <= set(kinds), kinds
    assert all(not r["supported"] for r in rows if r["kind"] in ("hard-negative-wrong-number", "wrong-passage", "partial"))


def test_baseline_is_scored_on_the_same_items(results):
    dev, base = results["summary"], results["baseline"]["summary"]
    assert base["items"] == dev["items"] and base["answerable"] == dev["answerable"]
    assert set(results["comparison"]) >= {"recall_at_5", "citation_precision", "key_fact_accuracy"}
    assert all(len(r["relevance"]) <= 4 for r in results["baseline"]["items"] if r["answerable"])


def test_report_files_are_written(results):
    folder = DEFAULT_OUT.parent
    written = json.loads(DEFAULT_OUT.read_text(encoding="utf-8"))
    assert set(written) >= {"summary", "items", "heldout", "baseline", "comparison", "judge"}
    summary = (folder / "summary.md").read_text(encoding="utf-8")
    assert "held-out" in summary and "baseline" in summary and "Cohen's kappa" in summary
    assert (folder / "per_kind.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
