"""Pure evaluation metrics: retrieval ranks, rates with Wilson intervals, answer checks, percentiles.

Usage example:
    recall_at_k([[False, True], [False, False]], 1)   # 0.0
    wilson_interval(9, 10)                            # (0.596, 0.982)
"""
from __future__ import annotations

import math
import re
from typing import Iterable, Sequence


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
