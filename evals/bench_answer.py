"""Answering latency benchmark: cold start, then every golden question through answer(); writes JSON.

Per question it times answer() as a whole, then retrieve() and the generator's invoke() again on their
own, so the report splits latency into retrieve / generate / total without timers inside assistant/.
Start-up is measured in a fresh Python process (imports, Resources.load, first answer), the way a user
or a new app replica meets it.

Usage example:
    python -m evals.bench_answer                       # builds a temporary index from the corpus first
    python -m evals.bench_answer --data-dir data       # reuses the index in ./data (read only)
    python -m evals.bench_answer --generator llamacpp --limit 5 --out /tmp/bench_llamacpp.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

import psutil

from assistant.answer import answer, stream_answer
from assistant.config import GENERATORS, PROJECT_ROOT, Settings
from assistant.generate import build_generator
from assistant.retrieve import Resources, retrieve
from assistant.types import Answer, AnswerStatus
from evals.metrics import key_facts_found, percentile

GOLDEN = PROJECT_ROOT / "evals" / "golden.jsonl"
OUT = PROJECT_ROOT / "evals" / "report" / "bench_answer.json"
WARM_UP_QUESTION = "What is the punishment for spoofing?"
# Run in a child process so that imports and model loading are really cold.
_COLD_START = """
import json, sys, time
started = time.perf_counter()
from assistant.answer import answer, stream_answer
from assistant.config import Settings
from assistant.retrieve import Resources
imported = time.perf_counter()
settings = Settings.from_env(progress=False, generator=sys.argv[2])
resources = Resources.load(settings)
loaded = time.perf_counter()
answer(sys.argv[1], resources, settings)
done = time.perf_counter()
print(json.dumps({"import_seconds": imported - started, "resources_load_seconds": loaded - imported,
                  "first_answer_seconds": done - loaded}))
"""


def stats(values: Sequence[float]) -> dict[str, Any]:
    """n, p50, p95, mean and max of a list of seconds, rounded to the millisecond."""
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": round(percentile(values, 50), 3), "p95": round(percentile(values, 95), 3),
            "mean": round(statistics.fmean(values), 3), "max": round(max(values), 3)}


def machine() -> dict[str, Any]:
    """Cores, memory and load: other work on a shared machine skews every figure."""
    return {"cpus": os.cpu_count(), "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "load_average_1m": round(os.getloadavg()[0], 2)}


def build_index(settings: Settings) -> float:
    """Build the index into settings.data_dir from the corpus; the seconds it took."""
    from assistant.embed import E5Embedder, MiniLMEmbedder
    from ingest.index import Embedders, run

    started = time.perf_counter()
    report = run(settings, Embedders(MiniLMEmbedder(settings.embed_batch_size),
                                     E5Embedder() if settings.multilingual else None))
    if not report.documents:
        raise SystemExit(f"Error: no documents were indexed from {settings.corpus_dir}")
    return time.perf_counter() - started


def cold_start(settings: Settings) -> dict[str, float]:
    """Imports, Resources.load and the first answer in a fresh interpreter, plus its whole wall time."""
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir), "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
           "ASSISTANT_PROGRESS": "0"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _COLD_START, WARM_UP_QUESTION, settings.generator], env=env,
                          cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"Error: the cold-start run failed:\n{done.stderr[-2000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {**{k: round(v, 3) for k, v in figures.items()}, "process_wall_seconds": round(wall, 3)}


def time_item(item: dict[str, Any], resources: Resources, settings: Settings, generator: Any) -> dict[str, Any]:
    """stream_answer() once for the total and the first streamed piece, then retrieve() on its own.

    The extractive generator is also timed on its own; an LLM's generation time is total minus retrieve,
    since running it twice would double a benchmark of ~10 s an answer.
    """
    started = time.perf_counter()
    first_piece = None
    result: Answer | None = None
    for event in stream_answer(item["question"], resources, settings, history=item.get("history") or ()):
        if isinstance(event, Answer):
            result = event
        elif first_piece is None:
            first_piece = time.perf_counter() - started
    total = time.perf_counter() - started
    assert result is not None
    question = result.rewritten_question or item["question"]
    started = time.perf_counter()
    hits = retrieve(question, resources, settings)
    retrieve_s = time.perf_counter() - started
    generate_s = None
    if result.status is AnswerStatus.ANSWERED and hits and settings.generator == "extractive":
        started = time.perf_counter()
        generator.invoke({"question": question, "hits": hits[: settings.top_k]})
        generate_s = time.perf_counter() - started
    facts = None
    if item.get("answerable") and item.get("key_facts"):
        facts = result.status is AnswerStatus.ANSWERED and key_facts_found(result.text, item["key_facts"])
    return {"id": item.get("id"), "status": result.status.value, "total": total, "retrieve": retrieve_s,
            "generate": generate_s, "first_piece": first_piece, "key_facts": facts}


def bench(settings: Settings, items: Sequence[dict[str, Any]], built_seconds: float | None) -> dict[str, Any]:
    """Cold start, then every item timed; the figures as a dict."""
    at_start = machine()
    cold = cold_start(settings)
    started = time.perf_counter()
    resources = Resources.load(settings)
    load_s = time.perf_counter() - started
    generator = build_generator(settings, resources.sentences)
    answer(WARM_UP_QUESTION, resources, settings)  # lazy model weights load here, not in question 1
    rows = []
    for n, item in enumerate(items, 1):
        rows.append(time_item(item, resources, settings, generator))
        if n % 20 == 0 or n == len(items):
            print(f"{n}/{len(items)} questions", file=sys.stderr, flush=True)
    by_status: dict[str, int] = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + 1
    slowest = sorted(rows, key=lambda r: -r["total"])[:5]
    return {
        "generator": settings.generator,
        "n": len(rows),
        "by_status": by_status,
        "machine": {**at_start, "load_average_1m_at_end": round(os.getloadavg()[0], 2)},
        "index": {"data_dir": str(settings.data_dir) if built_seconds is None else "temporary, built by this run",
                  "build_seconds": None if built_seconds is None else round(built_seconds, 1)},
        "cold_start": cold,
        "resources_load_seconds_in_process": round(load_s, 3),
        "seconds": {
            "total": stats([r["total"] for r in rows]),
            "retrieve": stats([r["retrieve"] for r in rows]),
            "generate": stats([r["generate"] for r in rows if r["generate"] is not None]),
            "total_answered": stats([r["total"] for r in rows if r["status"] == AnswerStatus.ANSWERED.value]),
            "total_declined": stats([r["total"] for r in rows if r["status"] != AnswerStatus.ANSWERED.value]),
            "first_piece": stats([r["first_piece"] for r in rows if r["first_piece"] is not None]),
        },
        "answered_share": round(by_status.get(AnswerStatus.ANSWERED.value, 0) / max(1, len(rows)), 3),
        "key_facts": _key_fact_share(rows),
        "slowest": [{"id": r["id"], "status": r["status"], "total": round(r["total"], 3)} for r in slowest],
        "notes": ("total is one stream_answer() call (rewrite, retrieve, refuse-or-generate, citation check); "
                  "first_piece is the time from the call to the first streamed text piece (time to first token for "
                  "an LLM, retrieval included); retrieve is timed again on its own, and generate too for the "
                  "extractive generator, only for answered questions. cold_start runs in a fresh process: imports, Resources.load (embedding models, "
                  "index, keyword index) and one first answer."),
    }


def _key_fact_share(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Among answerable questions with key facts: how many answers state all of them."""
    scored = [r["key_facts"] for r in rows if r["key_facts"] is not None]
    return {"n": len(scored), "all_found": sum(scored), "share": round(sum(scored) / len(scored), 3) if scored else None}


def load_items(path: Path, limit: int | None) -> list[dict[str, Any]]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items[:limit] if limit else items


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m evals.bench_answer", description=__doc__.splitlines()[0],
        epilog="Results go to --out as JSON (p50/p95/mean/max seconds per stage, machine, n, cold start) and to "
               "stdout. Run it on an otherwise idle machine: the load average is recorded because it skews "
               "every figure. Example: python -m evals.bench_answer --data-dir data --limit 40")
    parser.add_argument("--data-dir", type=Path,
                        help="reuse the index in this data dir (default: build one in a temporary dir, ~1-8 min)")
    parser.add_argument("--corpus-dir", type=Path, help="PDFs to index when building (default: ASSISTANT_CORPUS_DIR "
                                                         "or ../shared/corpus)")
    parser.add_argument("--golden", type=Path, default=GOLDEN, help="questions, one JSON object a line "
                                                                    "(default: evals/golden.jsonl)")
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--generator", choices=GENERATORS, default="extractive",
                        help="answer generator to time (default: extractive; LLM kinds need their server/extra)")
    parser.add_argument("--out", type=Path, default=OUT, help="JSON report path (default: evals/report/bench_answer.json)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the JSON and write it to --out."""
    args = parse_args(argv)
    items = load_items(args.golden, args.limit)
    with tempfile.TemporaryDirectory(prefix="bench-answer-") as scratch:
        data_dir = args.data_dir or Path(scratch)
        settings = Settings.from_env(data_dir=data_dir, corpus_dir=args.corpus_dir, generator=args.generator,
                                     progress=False)
        built = None
        if args.data_dir is None:
            print(f"Building a temporary index from {settings.corpus_dir} ...", file=sys.stderr, flush=True)
            built = build_index(settings)
        result = bench(settings, items, built)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
