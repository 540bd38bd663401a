"""evals/report/: results.json, summary.md (dev, held-out, baseline ratios, judge agreement) and per_kind.png.

Usage example:
    results = evaluate(golden, resources, settings)      # dev set: "generator", "summary", "items"
    results.update(heldout=evaluate(heldout, ...), baseline=evaluate_baseline(golden, ...), judge=judge_agreement())
    write_report(results, DEFAULT_OUT)
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from assistant.cite import MIN_OVERLAP, support_score
from assistant.config import PROJECT_ROOT
from evals.metrics import agreement, ratio, wilson_interval

LABELS = PROJECT_ROOT / "evals" / "support_labels.jsonl"
HEADLINE = ("recall_at_1", "recall_at_5", "recall_at_10", "mrr", "citation_validity", "answers_with_all_citations_valid",
            "citation_recall", "citation_precision", "key_fact_accuracy", "refusal_accuracy", "refusal_reason_accuracy",
            "false_refusal_rate")
COMPARED = ("recall_at_1", "recall_at_5", "mrr", "citation_validity", "citation_recall", "citation_precision",
            "key_fact_accuracy", "refusal_accuracy", "false_refusal_rate")
SWEEP = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def judge_agreement(path: Path = LABELS, threshold: float = MIN_OVERLAP) -> dict[str, Any]:
    """The citation judge (support_score >= threshold) against the hand labels: overall, per kind, and a sweep."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = [support_score(r["sentence"], r["passage"]) for r in rows]
    gold = [bool(r["supported"]) for r in rows]
    overall = agreement(gold, [s >= threshold for s in scores])
    low, high = wilson_interval(overall["tp"] + overall["tn"], overall["n"])
    overall["accuracy_ci95"] = [round(low, 4), round(high, 4)]
    per_kind = {}
    for kind in sorted({r["kind"] for r in rows}):
        picked = [i for i, r in enumerate(rows) if r["kind"] == kind]
        right = sum((scores[i] >= threshold) == gold[i] for i in picked)
        per_kind[kind] = {"n": len(picked), "agree": right, "accuracy": round(right / len(picked), 4)}
    sweep = {str(t): {k: round(v, 4) for k, v in agreement(gold, [s >= t for s in scores]).items()} for t in SWEEP}
    disagreements = [{"id": r["id"], "kind": r["kind"], "label": r["supported"], "score": round(s, 3),
                      "sentence": r["sentence"]} for r, s in zip(rows, scores) if (s >= threshold) != r["supported"]]
    return {"threshold": threshold, "overall": {k: round(v, 4) if isinstance(v, float) else v for k, v in overall.items()},
            "by_kind": per_kind, "sweep": sweep, "disagreements": disagreements}


def _fmt(entry: dict[str, Any]) -> str:
    if "ci95" in entry:
        low, high = entry["ci95"]
        return f"{entry['value']:.3f} [{low:.3f}, {high:.3f}] n={entry['n']}"
    return f"{entry['value']:.3f} n={entry['n']}"


DEV_LABEL = "dev (golden.jsonl)"
FRESH_LABEL = "fresh (fresh.jsonl)"


def summary_table(summary: dict[str, Any], heldout: dict[str, Any] | None = None,
                  label: str = DEV_LABEL) -> str:
    """Headline numbers (value [95% Wilson CI] n) for one set (`label` names it), and the held-out set beside it
    if given."""
    head = f"| metric | {label} |" + (" held-out (heldout.jsonl) |" if heldout else "")
    rows = [head, "|---|---|" + ("---|" if heldout else "")]
    for key in HEADLINE:
        rows.append(f"| {key} | {_fmt(summary[key])} |" + (f" {_fmt(heldout[key])} |" if heldout else ""))
    for name, s in ((label.split(" (")[0], summary), ("held-out", heldout)):
        if s:
            lat = s["latency_s"]
            rows.append(f"| latency p50 / p95 s ({name}) | {lat['p50']:.3f} / {lat['p95']:.3f} n={lat['n']} |"
                        + (" |" if heldout else ""))
    return "\n".join(rows)


def tuned_sets_table(per_set: dict[str, dict[str, Any]], pooled: dict[str, Any], fresh: dict[str, Any] | None) -> str:
    """Key facts and declines on each set the system was tuned on and on all of them pooled, and how far the fresh
    set's key facts fall below the original dev set's (golden) and the pooled figure."""
    rows = ["| set | questions | key facts | correct declines | wrong declines |", "|---|---|---|---|---|"]
    for name, summary in [*per_set.items(), ("all tuned sets, pooled", pooled)]:
        rows.append(f"| {name} | {summary['items']} | " + " | ".join(
            _fmt(summary[m]) for m in ("key_fact_accuracy", "refusal_accuracy", "false_refusal_rate")) + " |")
    if fresh:
        fresh_kf = fresh["key_fact_accuracy"]["value"]
        for name, summary in (("golden", per_set.get("golden.jsonl")), ("all tuned sets, pooled", pooled)):
            if summary:
                dev_kf = summary["key_fact_accuracy"]["value"]
                gap = dev_kf - fresh_kf
                rows.append(f"\nKey facts, {name} minus fresh: {dev_kf:.3f} - {fresh_kf:.3f} = {gap:.3f}.")
    return "\n".join(rows)


def kind_table(summary: dict[str, Any]) -> str:
    """Per question kind: the scores the chart shows."""
    rows = ["| kind | recall@5 | key facts | citation recall | refusal accuracy |", "|---|---|---|---|---|"]
    for kind, entry in summary["by_kind"].items():
        cells = [_fmt(entry[m]) if m in entry and entry[m]["n"] else "-" for m in
                 ("recall_at_5", "key_fact_accuracy", "citation_recall", "refusal_accuracy")]
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def comparison(project: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    """Per metric: project value, baseline value, project/baseline ratio (None when the baseline scored 0)."""
    out = {}
    for key in COMPARED:
        p, b = project[key]["value"], baseline[key]["value"]
        r = ratio(p, b)
        out[key] = {"project": p, "baseline": b, "ratio": None if r is None else round(r, 3)}
    out["latency_p50_s"] = {"project": project["latency_s"]["p50"], "baseline": baseline["latency_s"]["p50"],
                            "ratio": ratio(project["latency_s"]["p50"], baseline["latency_s"]["p50"])}
    return out


def comparison_table(project: dict[str, Any], baseline: dict[str, Any]) -> str:
    """Project vs baseline on the dev set, with CIs and ratios."""
    rows = ["| metric | project | baseline (1000/200 chars, dense top-4) | ratio project/baseline |", "|---|---|---|---|"]
    for key, entry in comparison(project, baseline).items():
        if key == "latency_p50_s":
            r = entry["ratio"]
            rows.append(f"| latency p50 s | {entry['project']:.3f} | {entry['baseline']:.3f} | "
                        f"{'-' if r is None else f'{r:.2f}'} |")
            continue
        r = entry["ratio"]
        rows.append(f"| {key} | {_fmt(project[key])} | {_fmt(baseline[key])} | {'n/a (baseline 0)' if r is None else f'{r:.2f}x'} |")
    return "\n".join(rows)


def judge_table(judge: dict[str, Any]) -> str:
    """The judge's agreement with the hand labels."""
    o = judge["overall"]
    lines = [f"Judge: `support_score(sentence, passage) >= {judge['threshold']}` (assistant/cite.py), against "
             f"{o['n']} hand-labelled pairs in evals/support_labels.jsonl.", "",
             "| accuracy [95% CI] | Cohen's kappa | precision (supported) | recall (supported) | tp / fp / fn / tn |",
             "|---|---|---|---|---|",
             f"| {o['accuracy']:.3f} [{o['accuracy_ci95'][0]:.3f}, {o['accuracy_ci95'][1]:.3f}] | {o['kappa']:.3f} | "
             f"{o['precision']:.3f} | {o['recall']:.3f} | {o['tp']} / {o['fp']} / {o['fn']} / {o['tn']} |", "",
             "| label kind | n | judge agrees |", "|---|---|---|"]
    lines += [f"| {k} | {v['n']} | {v['agree']} ({v['accuracy']:.2f}) |" for k, v in judge["by_kind"].items()]
    lines += ["", "Threshold sweep (accuracy / kappa / precision / recall):", "",
              "| threshold | accuracy | kappa | precision | recall |", "|---|---|---|---|---|"]
    lines += [f"| {t} | {v['accuracy']:.3f} | {v['kappa']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} |"
              for t, v in judge["sweep"].items()]
    lines += ["", "Disagreements:", ""]
    lines += [f"- {d['id']} ({d['kind']}, label {'supported' if d['label'] else 'unsupported'}, score {d['score']}): "
              f"{d['sentence']}" for d in judge["disagreements"]] or ["none"]
    return "\n".join(lines)


def failures_report(records: Sequence[dict[str, Any]]) -> str:
    """Each failed item: question, answer, citations and which check failed."""
    blocks = []
    for r in records:
        if not r["failed"]:
            continue
        cites = "; ".join(f"[{c['n']}] {c['doc_id']} s.{c.get('section', '')} p.{c['page']}{'' if c['valid'] else ' INVALID'}"
                          for c in r["citations"]) or "none"
        blocks.append(f"- {r['id']} ({r['kind']}): {r['question']}\n  status: {r['status']}\n"
                      f"  answer: {r['answer'][:400]}\n  citations: {cites}\n  failed: {'; '.join(r['failed'])}")
    return "\n".join(blocks)


def draw_chart(results: dict[str, Any], path: Path) -> None:
    """per_kind.png: dev scores per question kind, and project vs baseline on the headline metrics."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = results["summary"]["by_kind"]
    metrics = ("recall_at_5", "key_fact_accuracy", "citation_recall", "refusal_accuracy")
    fig, (left, right) = plt.subplots(1, 2, figsize=(15, 5.5), gridspec_kw={"width_ratios": [3, 2]})
    width = 0.2
    names = list(kinds)
    for i, metric in enumerate(metrics):
        values = [kinds[k][metric]["value"] if metric in kinds[k] and kinds[k][metric]["n"] else 0.0 for k in names]
        left.bar([x + (i - 1.5) * width for x in range(len(names))], values, width, label=metric.replace("_", " "))
    left.set_xticks(range(len(names)), [f"{k}\nn={kinds[k]['questions']}" for k in names], fontsize=8)
    left.set_ylim(0, 1.05)
    left.set_title(f"Dev set per question kind ({results['generator']} generator)")
    left.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=4)
    if results.get("baseline"):
        project, baseline = results["summary"], results["baseline"]["summary"]
        compared = [m for m in COMPARED if m != "false_refusal_rate"]
        xs = range(len(compared))
        right.bar([x - 0.2 for x in xs], [project[m]["value"] for m in compared], 0.4, label="project")
        right.bar([x + 0.2 for x in xs], [baseline[m]["value"] for m in compared], 0.4, label="baseline (top-4)")
        right.set_xticks(list(xs), [m.replace("_", " ") for m in compared], rotation=35, ha="right", fontsize=8)
        right.set_ylim(0, 1.05)
        right.set_title("Project vs common baseline (dev set)")
        right.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def reason_table(summary: dict[str, Any]) -> str:
    """Unanswerable questions per expected decline reason: declined with it, with another reason, or answered."""
    rows = ["| expected reason | questions | declined, that reason | declined, another reason | answered |",
            "|---|---|---|---|---|"]
    for reason, entry in summary.get("declines_by_reason", {}).items():
        rows.append(f"| {reason} | {entry['questions']} | {entry['right_reason']} | {entry['other_reason']} | "
                    f"{entry['answered']} |")
    return "\n".join(rows)


def write_report(results: dict[str, Any], out: Path) -> None:
    """results.json, summary.md and per_kind.png in out's folder."""
    out.parent.mkdir(parents=True, exist_ok=True)
    dev, held = results["summary"], results.get("heldout", {}).get("summary")
    if results.get("baseline"):
        results["comparison"] = comparison(dev, results["baseline"]["summary"])
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    draw_chart(results, out.parent / "per_kind.png")
    parts = [f"# Evaluation report ({results['generator']} generator)", "",
             "Thresholds in evals/thresholds.toml apply to the dev set (golden.jsonl), which the system was tuned on; "
             "the held-out set is reported, and held only to citation validity = 1.0. Rates: value [95% Wilson CI] n.",
             "", summary_table(dev, held, label=results.get("label", DEV_LABEL)), "", "![per-kind scores](per_kind.png)", "", "## Dev set by question kind", "",
             kind_table(dev), "", reason_table(dev)]
    if held:
        parts += ["", "## Held-out set by question kind", "", kind_table(held)]
    fresh = results.get("fresh", {}).get("summary")
    if fresh:
        # Item-level failures of the fresh set are not written out: it measures, it is not read to tune.
        parts += ["", "## Fresh set (fresh.jsonl: written from the PDFs, never tuned on)", "",
                  "Floors in the [fresh] tables of evals/thresholds.toml.", "", summary_table(fresh, label=FRESH_LABEL), "",
                  kind_table(fresh), "", reason_table(fresh)]
    tuned = results.get("tuned_sets")
    if tuned:
        parts += ["", "## Every set the system was tuned on", "",
                  "The dev sets and the held-out set, each scored by this run, and pooled; the fresh set's key facts "
                  "against the original dev set and against the pool.", "",
                  tuned_sets_table(tuned["per_set"], tuned["pooled"], fresh), "",
                  "Declines on all tuned sets pooled, by the reason each question expects:", "",
                  reason_table(tuned["pooled"])]
    if results.get("baseline"):
        parts += ["", "## Against the common baseline (dev set)", "",
                  "Baseline: pypdf pages, RecursiveCharacterTextSplitter(1000, 200), the same all-MiniLM-L6-v2, a Chroma "
                  "collection, dense top-4, the best sentence of each of the top 3 passages cited [n]; no refusals, no "
                  "chat history. Its recall@5 is recall@4 (it retrieves 4).", "",
                  comparison_table(dev, results["baseline"]["summary"])]
    if results.get("judge"):
        parts += ["", "## The citation judge against hand labels", "", judge_table(results["judge"])]
    if results.get("list_failures", True):  # never for the fresh set, whichever slot it is scored in
        parts += ["", "## Failed checks (dev)", "", failures_report(results["items"]) or "none"]
    if held:
        parts += ["", "## Failed checks (held-out)", "", failures_report(results["heldout"]["items"]) or "none"]
    (out.parent / "summary.md").write_text("\n".join(parts) + "\n", encoding="utf-8")
