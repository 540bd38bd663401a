"""Pure evaluation metrics: retrieval ranks, rates with Wilson intervals, answer checks, percentiles.

Usage example:
    recall_at_k([[False, True], [False, False]], 1)   # 0.0
    wilson_interval(9, 10)                            # (0.596, 0.982)
"""
from __future__ import annotations

import math
import re
from typing import Callable, Iterable, Sequence


def recall_at_k(relevance: Sequence[Sequence[bool]], k: int) -> float:
    """Share of questions with at least one relevant passage in the first k (each row: ranked flags)."""
    if not relevance:
        return 0.0
    return sum(1 for row in relevance if any(row[:k])) / len(relevance)


def reciprocal_rank(row: Sequence[bool]) -> float:
    """1/rank of the first relevant passage, 0 if none."""
    return next((1.0 / rank for rank, relevant in enumerate(row, 1) if relevant), 0.0)


def mrr(relevance: Sequence[Sequence[bool]]) -> float:
    """Mean reciprocal rank of the first relevant passage over questions."""
    if not relevance:
        return 0.0
    return sum(reciprocal_rank(row) for row in relevance) / len(relevance)


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion; (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be between 0 and n={n}, got {successes}")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def key_facts_found(answer_text: str, patterns: Iterable[str]) -> bool:
    """True when every key-fact regex matches the answer (case-insensitive, whitespace collapsed)."""
    text = normalise_space(answer_text)
    return all(re.search(pattern, text, re.I) for pattern in patterns)


def key_fact_accuracy(results: Sequence[tuple[str, Sequence[str]]]) -> float:
    """Share of (answer text, key-fact regexes) pairs where every fact is stated."""
    if not results:
        return 0.0
    return sum(1 for text, patterns in results if key_facts_found(text, patterns)) / len(results)


def refusal_accuracy(refused: Sequence[bool]) -> float:
    """On unanswerable questions: share correctly refused."""
    return sum(refused) / len(refused) if refused else 0.0


def false_refusal_rate(refused: Sequence[bool]) -> float:
    """On answerable questions: share wrongly refused."""
    return sum(refused) / len(refused) if refused else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between order statistics."""
    if not values:
        return 0.0
    if not 0 <= q <= 100:
        raise ValueError(f"q must be between 0 and 100, got {q}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# --- Citation quality in the ALCE sense (Gao et al. 2023, "Enabling Large Language Models to Generate
# Text with Citations", section 2.3 and its reference code): a sentence is supported when the
# concatenation of its cited passages entails it; a citation is irrelevant when its passage alone
# does not entail the sentence and the sentence's other citations still do. The entailment judge is
# passed in (`entails(claim, passage) -> bool`), so these stay pure and testable without a model.

Judge = Callable[[str, str], bool]


def sentence_supported(claim: str, cited: Sequence[str], entails: Judge) -> bool:
    """ALCE citation recall for one sentence: its cited passages, joined, entail it (no citation: False)."""
    return bool(cited) and entails(claim, "\n".join(cited))


def precise_citations(claim: str, cited: Sequence[str], entails: Judge) -> list[bool]:
    """ALCE citation precision for one sentence: per citation, is it needed (not irrelevant)?

    All citations of an unsupported sentence count as imprecise; a lone citation of a supported one is
    precise; with several, citation i is irrelevant when passage i alone does not entail the sentence
    and the remaining citations still do.
    """
    if not sentence_supported(claim, cited, entails):
        return [False] * len(cited)
    if len(cited) == 1:
        return [True]
    flags = []
    for i, passage in enumerate(cited):
        rest = [p for j, p in enumerate(cited) if j != i]
        flags.append(entails(claim, passage) or not entails(claim, "\n".join(rest)))
    return flags


def citation_recall_precision(sentences: Sequence[tuple[str, Sequence[str]]], entails: Judge) -> dict[str, int]:
    """Counts over (sentence, cited passages) pairs: supported/sentences and precise/citations."""
    supported = sum(sentence_supported(claim, cited, entails) for claim, cited in sentences)
    precise = [flag for claim, cited in sentences for flag in precise_citations(claim, cited, entails)]
    return {"supported": supported, "sentences": len(sentences), "precise": sum(precise), "citations": len(precise)}


# --- Agreement of a binary judge with hand labels.

def agreement(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float | int]:
    """Accuracy, Cohen's kappa, and precision/recall of predicting 'supported' against hand labels."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} labels but {len(predicted)} predictions")
    n = len(gold)
    tp = sum(g and p for g, p in zip(gold, predicted))
    tn = sum(not g and not p for g, p in zip(gold, predicted))
    fp = sum(p and not g for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    accuracy = (tp + tn) / n if n else 0.0
    return {"n": n, "tp": tp, "tn": tn, "fp": fp, "fn": fn, "accuracy": accuracy,
            "kappa": cohens_kappa(gold, predicted),
            "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0}


def cohens_kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Cohen's kappa for two binary raters: (observed - chance agreement) / (1 - chance); 1.0 if both constant and equal."""
    n = len(a)
    if n == 0 or len(b) != n:
        raise ValueError("kappa needs two equally long, non-empty label lists")
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    if chance == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - chance) / (1 - chance)


def ratio(project: float, baseline: float) -> float | None:
    """project / baseline, None when the baseline is 0 (no finite ratio)."""
    return None if baseline == 0 else project / baseline
