"""Golden-set evaluation: retrieval, citations, key facts, refusals and latency; writes JSON and a table.

Usage example:
    python -m ingest                        # the index must exist
    python -m evals.run --out evals/report/results.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from assistant.answer import answer
from assistant.config import PROJECT_ROOT, Settings
from assistant.errors import AssistantError
from assistant.retrieve import Resources, retrieve
from assistant.types import Answer, AnswerStatus, Hit
from evals.metrics import (false_refusal_rate, key_facts_found, mrr, percentile, recall_at_k, reciprocal_rank,
                           refusal_accuracy, wilson_interval)

GOLDEN = PROJECT_ROOT / "evals" / "golden.jsonl"
DEFAULT_OUT = PROJECT_ROOT / "evals" / "report" / "results.json"
RANK_DEPTH = 10


def load_golden(path: Path = GOLDEN) -> list[dict[str, Any]]:
    """The golden items, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_relevant(hit: Hit, gold: Sequence[dict[str, Any]]) -> bool:
    """Same document and any page of the passage among the gold pages."""
    pages = range(hit.chunk.page_start, hit.chunk.page_end + 1)
    return any(hit.chunk.doc_id == g["doc_id"] and any(p in g["pages"] for p in pages) for g in gold)


def evaluate_item(item: dict[str, Any], resources: Resources, settings: Settings) -> dict[str, Any]:
    """Answer one golden item and record every check's outcome."""
    started = time.perf_counter()
    result: Answer = answer(item["question"], resources, settings, history=item.get("history") or [])
    seconds = time.perf_counter() - started
    retrieved_ids = {h.chunk.id for h in result.hits}
    refused = result.status != AnswerStatus.ANSWERED
    record: dict[str, Any] = {
        "id": item["id"], "kind": item["kind"], "question": item["question"], "answerable": item["answerable"],
        "status": result.status.value, "answer": result.text, "rewritten_question": result.rewritten_question,
        "notes": list(result.notes), "seconds": round(seconds, 3),
        "citations": [{"n": c.number, "chunk_id": c.chunk_id, "doc_id": c.doc_id, "section": c.section,
                       "page": c.page, "valid": c.chunk_id in retrieved_ids} for c in result.citations],
        "refused": refused, "expected_refusal": item.get("refusal_reason"), "failed": [],
    }
    if any(not c["valid"] for c in record["citations"]):
        record["failed"].append("citation not among retrieved passages")
    if not item["answerable"]:
        if not refused:
            record["failed"].append("answered an unanswerable question")
        return record
    # Ranking at depth 10 on the same standalone question answer() searched with.
    query = result.rewritten_question or item["question"]
    ranked = retrieve(query, resources, settings.with_(top_k=RANK_DEPTH)) if query.strip() else []
    flags = [is_relevant(h, item["gold"]) for h in ranked[:RANK_DEPTH]]
    rank = next((i for i, flag in enumerate(flags, 1) if flag), None)
    record.update({
        "relevance": flags, "first_relevant_rank": rank,
        "retrieved": [{"doc_id": h.chunk.doc_id, "section": h.chunk.section,
                       "pages": [h.chunk.page_start, h.chunk.page_end]} for h in ranked[:RANK_DEPTH]],
        "key_facts": item.get("key_facts") or [],
        "key_facts_ok": key_facts_found(result.text, item.get("key_facts") or []) if not refused else False,
    })
    if rank is None or rank > 5:
        record["failed"].append(f"no gold passage in top 5 (first at {rank})")
    if refused:
        record["failed"].append(f"refused an answerable question ({result.status.value})")
    elif record["key_facts"] and not record["key_facts_ok"]:
        record["failed"].append("key facts missing from the answer")
    return record


def rate(successes: int, n: int) -> dict[str, Any]:
    """A proportion with its n and Wilson 95% interval."""
    low, high = wilson_interval(successes, n)
    return {"value": round(successes / n, 4) if n else 0.0, "successes": successes, "n": n,
            "ci95": [round(low, 4), round(high, 4)]}


def summarise(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Every headline number, each rate with n and a Wilson 95% CI."""
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]
    relevance = [r["relevance"] for r in answerable]
    citations = [c for r in records for c in r["citations"]]
    with_facts = [r for r in answerable if r["key_facts"]]
    summary: dict[str, Any] = {"items": len(records), "answerable": len(answerable), "unanswerable": len(unanswerable)}
    for k in (1, 5, 10):
        summary[f"recall_at_{k}"] = rate(round(recall_at_k(relevance, k) * len(relevance)), len(relevance))
    summary["mrr"] = {"value": round(mrr(relevance), 4), "n": len(relevance)}
    summary["citation_validity"] = rate(sum(c["valid"] for c in citations), len(citations))
    summary["answers_with_all_citations_valid"] = rate(
        sum(all(c["valid"] for c in r["citations"]) for r in records), len(records))
    summary["key_fact_accuracy"] = rate(sum(r["key_facts_ok"] for r in with_facts), len(with_facts))
    refused_right = [r["refused"] for r in unanswerable]
    summary["refusal_accuracy"] = rate(sum(refused_right), len(refused_right))
    assert abs(summary["refusal_accuracy"]["value"] - round(refusal_accuracy(refused_right), 4)) < 1e-9
    refused_wrong = [r["refused"] for r in answerable]
    summary["false_refusal_rate"] = rate(sum(refused_wrong), len(refused_wrong))
    assert abs(summary["false_refusal_rate"]["value"] - round(false_refusal_rate(refused_wrong), 4)) < 1e-9
    summary["refusal_reason_accuracy"] = rate(
        sum(r["status"] == r["expected_refusal"] for r in unanswerable), len(unanswerable))
    kinds = sorted({r["kind"] for r in answerable})
    summary["recall_at_5_by_kind"] = {
        kind: rate(sum(any(r["relevance"][:5]) for r in answerable if r["kind"] == kind),
                   sum(1 for r in answerable if r["kind"] == kind)) for kind in kinds}
    seconds = [r["seconds"] for r in records]
    summary["latency_s"] = {"p50": round(percentile(seconds, 50), 3), "p95": round(percentile(seconds, 95), 3),
                            "n": len(seconds)}
    return summary


def evaluate(items: Sequence[dict[str, Any]], resources: Resources, settings: Settings) -> dict[str, Any]:
    """Run every golden item; {"summary", "items"}."""
    records = [evaluate_item(item, resources, settings) for item in items]
    return {"generator": settings.generator, "summary": summarise(records), "items": records}


def _fmt(entry: dict[str, Any]) -> str:
    if "ci95" in entry:
        low, high = entry["ci95"]
        return f"{entry['value']:.3f}  [{low:.3f}, {high:.3f}]  n={entry['n']}"
    return f"{entry['value']:.3f}  n={entry['n']}"


def summary_table(summary: dict[str, Any]) -> str:
    """A Markdown table of the headline numbers (also what the CLI prints)."""
    rows = ["| metric | value [95% CI] n |", "|---|---|"]
    for key in ("recall_at_1", "recall_at_5", "recall_at_10", "mrr", "citation_validity",
                "answers_with_all_citations_valid", "key_fact_accuracy", "refusal_accuracy",
                "refusal_reason_accuracy", "false_refusal_rate"):
        rows.append(f"| {key} | {_fmt(summary[key])} |")
    for kind, entry in summary["recall_at_5_by_kind"].items():
        rows.append(f"| recall_at_5 ({kind}) | {_fmt(entry)} |")
    latency = summary["latency_s"]
    rows.append(f"| latency p50 / p95 (s) | {latency['p50']:.3f} / {latency['p95']:.3f}  n={latency['n']} |")
    return "\n".join(rows)


def failures_report(records: Sequence[dict[str, Any]]) -> str:
    """Each failed item: question, answer, citations and which check failed."""
    blocks = []
    for r in records:
        if not r["failed"]:
            continue
        cites = "; ".join(f"[{c['n']}] {c['doc_id']} s.{c['section']} p.{c['page']}{'' if c['valid'] else ' INVALID'}"
                          for c in r["citations"]) or "none"
        blocks.append(f"- {r['id']} ({r['kind']}): {r['question']}\n  status: {r['status']}\n"
                      f"  answer: {r['answer'][:400]}\n  citations: {cites}\n  failed: {'; '.join(r['failed'])}")
    return "\n".join(blocks)


def write_report(results: dict[str, Any], out: Path) -> None:
    """results.json and summary.md beside it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    failed = failures_report(results["items"])
    (out.parent / "summary.md").write_text(
        f"# Golden-set evaluation ({results['generator']} generator)\n\n{summary_table(results['summary'])}\n\n"
        f"## Failed checks\n\n{failed or 'none'}\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.run", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--golden", type=Path, default=GOLDEN)
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        resources = Resources.load(settings)
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    results = evaluate(load_golden(args.golden), resources, settings)
    write_report(results, args.out)
    print(summary_table(results["summary"]))
    print(f"\nwrote {args.out} and {args.out.parent / 'summary.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
