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
from assistant.cite import MIN_OVERLAP, markers_of, split_sentences, strip_markers, support_score
from assistant.config import PROJECT_ROOT, Settings
from assistant.errors import AssistantError
from assistant.retrieve import Resources, retrieve
from assistant.types import Answer, AnswerStatus, Hit
from evals.metrics import (false_refusal_rate, key_facts_found, mrr, percentile, precise_citations, recall_at_k,
                           refusal_accuracy, sentence_supported, wilson_interval)

GOLDEN = PROJECT_ROOT / "evals" / "golden.jsonl"
HELDOUT = PROJECT_ROOT / "evals" / "heldout.jsonl"
# More dev questions (business compliance, follow-ups, in-domain unanswerable), written from the PDFs.
DEV_EXTRA = PROJECT_ROOT / "evals" / "dev_extra.jsonl"
# Written from the PDFs before the answer layer was rebuilt and never used for tuning: the fresh measure.
FRESH = PROJECT_ROOT / "evals" / "fresh.jsonl"
# Every set the system has been tuned on: golden, the held-out set (read and tuned on since), and each dev_*.jsonl.
# Pooled, they are the dev figure the fresh set is compared with.
TUNED_SETS = (GOLDEN, HELDOUT, *sorted((PROJECT_ROOT / "evals").glob("dev_*.jsonl")))
DEFAULT_OUT = PROJECT_ROOT / "evals" / "report" / "results.json"
RANK_DEPTH = 10


def load_golden(path: Path = GOLDEN) -> list[dict[str, Any]]:
    """The golden items, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_relevant(hit: Hit, gold: Sequence[dict[str, Any]]) -> bool:
    """Same document and any page of the passage among the gold pages."""
    pages = range(hit.chunk.page_start, hit.chunk.page_end + 1)
    return any(hit.chunk.doc_id == g["doc_id"] and any(p in g["pages"] for p in pages) for g in gold)


def judge(claim: str, passage: str) -> bool:
    """The offline entailment judge: assistant.cite.support_score at its calibrated threshold."""
    return support_score(claim, passage) >= MIN_OVERLAP


def citation_checks(text: str, quotes: dict[int, str], catalog: str = "") -> list[dict[str, Any]]:
    """Per answer sentence: its markers, whether its cited passages support it, which citations are needed (ALCE).

    Sentences of `catalog` (answer()'s statement of a document's status, taken from corpus/catalog.toml
    rather than a passage) are left out: they cite no passage by design.
    """
    checks = []
    for sentence in split_sentences(text[len(catalog):] if catalog and text.startswith(catalog) else text):
        claim, markers = strip_markers(sentence), list(dict.fromkeys(markers_of(sentence)))
        cited = [quotes[n] for n in markers if n in quotes]
        checks.append({"sentence": claim, "markers": markers, "supported": sentence_supported(claim, cited, judge),
                       "precise": precise_citations(claim, cited, judge)})
    return checks


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
    record["sentences"] = (citation_checks(result.text, {c.number: c.quote for c in result.citations}, result.preamble)
                           if result.status == AnswerStatus.ANSWERED else [])
    if any(not c["valid"] for c in record["citations"]):
        record["failed"].append("citation not among retrieved passages")
    unsupported = [c["sentence"][:80] for c in record["sentences"] if not c["supported"]]
    if unsupported:
        record["failed"].append(f"sentence not supported by its citations: {unsupported[0]!r}")
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
    sentences = [c for r in records for c in r["sentences"]]
    with_facts = [r for r in answerable if r["key_facts"]]
    summary: dict[str, Any] = {"items": len(records), "answerable": len(answerable), "unanswerable": len(unanswerable)}
    for k in (1, 5, 10):
        summary[f"recall_at_{k}"] = rate(round(recall_at_k(relevance, k) * len(relevance)), len(relevance))
    summary["mrr"] = {"value": round(mrr(relevance), 4), "n": len(relevance)}
    summary["citation_validity"] = rate(sum(c["valid"] for c in citations), len(citations))
    summary["answers_with_all_citations_valid"] = rate(
        sum(all(c["valid"] for c in r["citations"]) for r in records), len(records))
    summary["citation_recall"] = rate(sum(c["supported"] for c in sentences), len(sentences))
    precise = [flag for c in sentences for flag in c["precise"]]
    summary["citation_precision"] = rate(sum(precise), len(precise))
    summary["key_fact_accuracy"] = rate(sum(r["key_facts_ok"] for r in with_facts), len(with_facts))
    refused_right = [r["refused"] for r in unanswerable]
    summary["refusal_accuracy"] = rate(sum(refused_right), len(refused_right))
    assert abs(summary["refusal_accuracy"]["value"] - round(refusal_accuracy(refused_right), 4)) < 1e-9
    refused_wrong = [r["refused"] for r in answerable]
    summary["false_refusal_rate"] = rate(sum(refused_wrong), len(refused_wrong))
    assert abs(summary["false_refusal_rate"]["value"] - round(false_refusal_rate(refused_wrong), 4)) < 1e-9
    summary["refusal_reason_accuracy"] = rate(
        sum(r["status"] == r["expected_refusal"] for r in unanswerable), len(unanswerable))
    summary["by_kind"] = by_kind(records)
    summary["declines_by_reason"] = declines_by_reason(unanswerable)
    seconds = [r["seconds"] for r in records]
    summary["latency_s"] = {"p50": round(percentile(seconds, 50), 3), "p95": round(percentile(seconds, 95), 3),
                            "n": len(seconds)}
    return summary


def declines_by_reason(unanswerable: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per expected decline reason: how many questions, how many were declined with that reason, declined with
    another, or answered. Counts only, so a set that is never read item by item can still say where it fails."""
    out: dict[str, dict[str, int]] = {}
    for reason in sorted({str(r["expected_refusal"]) for r in unanswerable}):
        group = [r for r in unanswerable if str(r["expected_refusal"]) == reason]
        right = sum(r["status"] == r["expected_refusal"] for r in group)
        declined = sum(bool(r["refused"]) for r in group)
        out[reason] = {"questions": len(group), "right_reason": right, "other_reason": declined - right,
                       "answered": len(group) - declined}
    return out


def by_kind(records: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per question kind: recall@5, key-fact accuracy and citation recall (answerable), refusal accuracy (unanswerable)."""
    out: dict[str, dict[str, Any]] = {}
    for kind in sorted({r["kind"] for r in records}):
        group = [r for r in records if r["kind"] == kind]
        answerable = [r for r in group if r["answerable"]]
        entry: dict[str, Any] = {"questions": len(group)}
        if answerable:
            entry["recall_at_5"] = rate(sum(any(r["relevance"][:5]) for r in answerable), len(answerable))
            with_facts = [r for r in answerable if r["key_facts"]]
            entry["key_fact_accuracy"] = rate(sum(r["key_facts_ok"] for r in with_facts), len(with_facts))
            sentences = [c for r in answerable for c in r["sentences"]]
            entry["citation_recall"] = rate(sum(c["supported"] for c in sentences), len(sentences))
        unanswerable = [r for r in group if not r["answerable"]]
        if unanswerable:
            entry["refusal_accuracy"] = rate(sum(r["refused"] for r in unanswerable), len(unanswerable))
        out[kind] = entry
    return out


def evaluate(items: Sequence[dict[str, Any]], resources: Resources, settings: Settings) -> dict[str, Any]:
    """Run every item; {"generator", "summary", "items"}."""
    records = [evaluate_item(item, resources, settings) for item in items]
    return {"generator": settings.generator, "summary": summarise(records), "items": records}


def may_list_failures(items: Sequence[dict[str, Any]], fresh: Path = FRESH) -> bool:
    """False when any item is from the fresh set (or a sample of it): the fresh set measures, and its items are
    not listed, so nobody tunes on them by reading the report."""
    fresh_ids = {item["id"] for item in load_golden(fresh)} if fresh.exists() else set()
    return not fresh_ids & {item["id"] for item in items}


def main(argv: Sequence[str] | None = None) -> int:
    from evals.report import DEV_LABEL, summary_table, write_report

    parser = argparse.ArgumentParser(prog="python -m evals.run", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--golden", type=Path, default=GOLDEN)
    parser.add_argument("--heldout", type=Path, default=HELDOUT, help="held-out items to report beside the dev set")
    parser.add_argument("--no-heldout", action="store_true", help="score the dev set only (faster while tuning)")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        resources = Resources.load(settings)
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    # The dev set's "summary" and "items" stay at the top level, where earlier reports had them.
    items = load_golden(args.golden)
    results = evaluate(items, resources, settings)
    results["list_failures"] = may_list_failures(items)
    # The report's column says which set was scored: "python -m evals.run --golden evals/fresh.jsonl" is not dev.
    results["label"] = DEV_LABEL if Path(args.golden).name == "golden.jsonl" else Path(args.golden).name
    if not args.no_heldout:
        results["heldout"] = evaluate(load_golden(args.heldout), resources, settings)
    write_report(results, args.out)
    print(summary_table(results["summary"], results.get("heldout", {}).get("summary"), label=results["label"]))
    print(f"\nwrote {args.out} and {args.out.parent / 'summary.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
