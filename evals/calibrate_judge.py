"""Fit the paraphrase-aware citation judge's two thresholds on hand labels; report kappa, cross-validated.

The labels are (sentence, passage, supported) pairs written from the PDFs: evals/support_labels.jsonl (quotes,
paraphrases, wrong figures, wrong passages) and evals/support_labels_paraphrase.jsonl (model-style paraphrases,
wrong party or scope, claims the passage never states). The thresholds that give the highest Cohen's kappa
are written to assistant/judge.toml; leave-one-out cross-validation (fit on all pairs but one, judge that one)
gives the figure to trust. The lexical check that extractive answers use is scored beside it on the same pairs.

Usage example:
    python -m evals.calibrate_judge          # writes assistant/judge.toml and evals/report/judge_calibration.json
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from assistant.cite import MIN_OVERLAP, support_score
from assistant.config import PROJECT_ROOT
from assistant.embed import MiniLMEmbedder
from assistant.judge import THRESHOLDS_PATH, Evidence, JudgeThresholds, ParaphraseJudge
from evals.metrics import cohens_kappa as cohen_kappa

LABEL_FILES = (PROJECT_ROOT / "evals" / "support_labels.jsonl", PROJECT_ROOT / "evals" / "support_labels_paraphrase.jsonl")
REPORT = PROJECT_ROOT / "evals" / "report" / "judge_calibration.json"
SIMILARITIES = [round(0.40 + 0.01 * n, 2) for n in range(56)]
OVERLAPS = [round(0.05 * n, 2) for n in range(14)]


@dataclass(frozen=True)
class Pair:
    id: str
    kind: str
    supported: bool
    evidence: Evidence


def load_labels(paths: Sequence[Path] = LABEL_FILES) -> list[dict[str, Any]]:
    return [json.loads(line) for path in paths if path.exists()
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(labels: Sequence[dict[str, Any]], judge: ParaphraseJudge) -> list[Pair]:
    return [Pair(label["id"], label["kind"], bool(label["supported"]),
                 judge.evidence(label["sentence"], label["passage"], str(label.get("section", ""))))
            for label in labels]


def verdict(pair: Pair, thresholds: JudgeThresholds) -> bool:
    return pair.evidence.passes(thresholds)


def best_thresholds(pairs: Sequence[Pair]) -> JudgeThresholds:
    """The grid point with the highest kappa; ties go to the stricter thresholds."""
    scored = []
    for similarity in SIMILARITIES:
        for overlap in OVERLAPS:
            thresholds = JudgeThresholds(similarity, overlap)
            kappa = cohen_kappa([p.supported for p in pairs], [verdict(p, thresholds) for p in pairs])
            scored.append((kappa, similarity, overlap, thresholds))
    return max(scored, key=lambda row: row[:3])[3]


def leave_one_out(pairs: Sequence[Pair]) -> list[bool]:
    return [verdict(pair, best_thresholds([p for p in pairs if p is not pair])) for pair in pairs]


def summary(truth: Sequence[bool], said: Sequence[bool]) -> dict[str, float]:
    hits = sum(t == s for t, s in zip(truth, said))
    true_pos = sum(t and s for t, s in zip(truth, said))
    return {"n": len(truth), "accuracy": round(hits / len(truth), 3), "kappa": round(cohen_kappa(truth, said), 3),
            "precision_supported": round(true_pos / max(1, sum(said)), 3),
            "recall_supported": round(true_pos / max(1, sum(truth)), 3)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPORT)
    parser.add_argument("--write", type=Path, default=THRESHOLDS_PATH, help="where the fitted thresholds go")
    args = parser.parse_args(argv)
    labels = load_labels()
    pairs = measure(labels, ParaphraseJudge(MiniLMEmbedder(), JudgeThresholds(1.0, 1.0)))
    thresholds = best_thresholds(pairs)
    truth = [p.supported for p in pairs]
    cross_validated = leave_one_out(pairs)
    by_kind: dict[str, list[bool]] = {}
    for pair, said in zip(pairs, cross_validated):
        by_kind.setdefault(pair.kind, []).append(said == pair.supported)
    report = {
        "labels": len(pairs), "thresholds": thresholds.__dict__,
        "paraphrase_judge_fitted_on_all": summary(truth, [verdict(p, thresholds) for p in pairs]),
        "paraphrase_judge_leave_one_out": summary(truth, cross_validated),
        # The check answer() applies to extractive quotes, on the same pairs.
        "lexical_judge_alone": summary(truth, [support_score(label["sentence"], label["passage"]) >= MIN_OVERLAP for label in labels]),
        "leave_one_out_accuracy_by_kind": {k: round(sum(v) / len(v), 3) for k, v in sorted(by_kind.items())},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    loo = report["paraphrase_judge_leave_one_out"]
    args.write.write_text(
        "# The paraphrase-aware citation judge (assistant/judge.py), fitted by `python -m evals.calibrate_judge` on\n"
        f"# {len(pairs)} hand-labelled pairs ({date.today().isoformat()}): leave-one-out kappa {loo['kappa']}, "
        f"accuracy {loo['accuracy']}.\n"
        f"min_similarity = {thresholds.min_similarity}\nmin_overlap = {thresholds.min_overlap}\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
