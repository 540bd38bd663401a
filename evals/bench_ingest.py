"""Ingestion benchmark: cold build and no-op re-run over the real corpus; writes JSON.

Usage example:
    python -m evals.bench_ingest --out evals/report/bench_ingest.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Sequence

from assistant.config import Settings
from assistant.embed import E5Embedder, Embedder, MiniLMEmbedder
from ingest.index import Embedders, run


class TimedEmbedder:
    """Passes calls to a real embedder and adds up passages embedded and seconds spent."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.max_tokens = inner, inner.name, inner.max_tokens
        self.passages, self.seconds = 0, 0.0

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        started = time.perf_counter()
        vectors = self.inner.embed_passages(texts)
        self.seconds += time.perf_counter() - started
        self.passages += len(texts)
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def summary(self) -> dict:
        rate = self.passages / self.seconds if self.seconds else 0.0
        return {"passages": self.passages, "seconds": round(self.seconds, 2), "passages_per_second": round(rate, 2)}


def _load_models(settings: Settings) -> tuple[list[TimedEmbedder], float]:
    """Real models, loaded before the clock starts: model loading is not ingestion work."""
    started = time.perf_counter()
    models = [TimedEmbedder(MiniLMEmbedder(settings.embed_batch_size))]
    if settings.multilingual:
        models.append(TimedEmbedder(E5Embedder()))
    for model in models:
        model.inner.embed_query("warm up")
        model.count_tokens("warm up")
    return models, time.perf_counter() - started


def bench(corpus_dir: Path | None) -> dict:
    """Cold build then no-op re-run in a fresh temporary data dir; the figures as a dict."""
    load_at_start = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as data_dir:
        settings = Settings.from_env(data_dir=Path(data_dir), corpus_dir=corpus_dir, progress=False)
        models, load_models_s = _load_models(settings)
        embedders = Embedders(*models)
        started = time.perf_counter()
        cold = run(settings, embedders)
        cold_wall = time.perf_counter() - started
        by_model = {m.name: m.summary() for m in models}
        embedded_before = sum(m.passages for m in models)
        started = time.perf_counter()
        noop = run(settings, embedders)
        noop_wall = time.perf_counter() - started
        noop_embedded = sum(m.passages for m in models) - embedded_before
        tables = _time_law_tables(settings)
    totals = cold.totals
    return {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_1m_at_start": load_at_start},
        "corpus_dir": str(settings.corpus_dir),
        "documents": len(cold.documents),
        "all_documents_ok": cold.ok,
        "pages": totals["pages"],
        "chunks": totals["chunks"],
        "sections": totals["sections"],
        "model_load_seconds": round(load_models_s, 2),
        "cold_build_seconds": round(cold_wall, 2),
        "load_and_parse_seconds": round(cold.load_seconds, 2),
        "embedding_seconds": round(cold.embed_seconds, 2),
        "embedding_time_share": round(cold.embed_seconds / cold_wall, 3),
        "pages_per_second": round(totals["pages"] / cold_wall, 2),
        "chunks_per_second": round(totals["chunks"] / cold_wall, 2),
        # Per model: chunk passages plus, for the dense model, one heading passage per section.
        "embedding_by_model": by_model,
        "noop_rerun_seconds": round(noop_wall, 3),
        "noop_was_noop": noop.noop,
        "noop_embedded_passages": noop_embedded,
        "per_document_seconds": {d.doc_id: d.seconds for d in cold.documents},
        "law_tables": tables,
    }


def _time_law_tables(settings: Settings, repeats: int = 5) -> dict:
    """Seconds to read the offences, duties and amendment tables from the built index's sections (median)."""
    from assistant.catalog import load_catalog
    from assistant.law_tables import build_tables
    from assistant.store import IndexStore, make_client

    store = IndexStore(make_client(settings), settings)
    sections, chunks, sources = store.sections(), store.all_chunks(), load_catalog(settings)
    timings, tables = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        tables = build_tables(sections, sources, chunks)
        timings.append(time.perf_counter() - started)
    assert tables is not None
    return {"seconds_median": round(statistics.median(timings), 3), "offences": len(tables.offences),
            "obligations": len(tables.obligations), "amendments": len(tables.amendments)}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the JSON and write it to --out."""
    parser = argparse.ArgumentParser(prog="python -m evals.bench_ingest", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("evals/report/bench_ingest.json"))
    parser.add_argument("--corpus-dir", type=Path, help="folder with the PDFs (default: Settings)")
    args = parser.parse_args(argv)
    result = bench(args.corpus_dir)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
