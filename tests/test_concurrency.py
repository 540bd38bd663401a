"""20 simultaneous questions against one process: no errors, every thread gets its own question's answer.

Once against the embedded session index (threads sharing one Resources, as Streamlit's sessions do
under st.cache_resource) and once against a real Chroma server. The throughput is recorded as a
test property and printed; it is a figure, not a threshold (speed lives in evals/bench_scale.py).
"""
from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.answer import answer
from assistant.config import PROJECT_ROOT
from assistant.retrieve import Resources
from tests.chroma_server import server_index

pytestmark = pytest.mark.integration

THREADS = 20


def _questions() -> list[str]:
    """20 distinct English questions from the golden set: 14 answerable, 6 the corpus should decline."""
    items = [json.loads(line) for line in (PROJECT_ROOT / "evals" / "golden.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    picked: dict[bool, list[str]] = {True: [], False: []}
    for item in items:
        q = item["question"]
        if not item.get("history") and q.isascii() and q not in picked[item["answerable"]]:
            picked[item["answerable"]].append(q)
    return picked[True][:14] + picked[False][:6]


def _key(result) -> tuple:
    return result.question, result.status, result.text, tuple(c.chunk_id for c in result.citations)


def _simultaneously(resources: Resources, questions: list[str]) -> tuple[list, float]:
    """Every thread waits at a barrier, then asks its question; returns (answers in order, seconds)."""
    barrier = threading.Barrier(len(questions))

    def ask(question: str):
        barrier.wait()
        return answer(question, resources)

    started = time.perf_counter()
    with ThreadPoolExecutor(len(questions)) as pool:
        results = list(pool.map(ask, questions))
    return results, time.perf_counter() - started


def _check(resources: Resources, record_property, label: str) -> None:
    questions = _questions()
    assert len(questions) == THREADS
    expected = {q: _key(answer(q, resources)) for q in questions}
    results, seconds = _simultaneously(resources, questions)
    mixed = [q for q, r in zip(questions, results) if _key(r) != expected[q]]
    assert not mixed, f"answers differ from the one-at-a-time answers for: {mixed}"
    assert len({r.status for r in results}) > 1  # the batch holds answered and declined questions
    record_property(f"{label}_questions_per_second", round(THREADS / seconds, 2))
    print(f"\n{label}: {THREADS} simultaneous questions in {seconds:.2f} s ({THREADS / seconds:.2f} questions/s)")


def test_twenty_simultaneous_questions_in_one_process_each_get_their_own_answer(resources, record_property):
    _check(resources, record_property, "embedded")


def test_twenty_simultaneous_questions_against_a_chroma_server_each_get_their_own_answer(
    built_index, embedders, tmp_path_factory, record_property
):
    settings, report, _ = server_index(built_index, embedders, tmp_path_factory.mktemp("concurrency"))
    assert report.ok
    served = Resources.load(settings, dense=embedders.dense, multilingual=embedders.multilingual)
    _check(served, record_property, "server")
