"""Ingestion benchmark: cold build and no-op re-run over the real corpus; writes JSON.

Usage example:
    python -m evals.bench_ingest --out evals/report/bench_ingest.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.embed import E5Embedder, MiniLMEmbedder
from ingest.index import Embedders, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench_ingest", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("evals/report/bench_ingest.json"))
    args = parser.parse_args(argv)
    embedders = Embedders(MiniLMEmbedder(), E5Embedder())
    embedders.dense.embed_query("warm up")  # model loading is not ingestion work
    embedders.multilingual.embed_query("warm up")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as data_dir:
        settings = Settings.from_env(data_dir=Path(data_dir), progress=False)
        started = time.perf_counter()
        cold = run(settings, embedders)
        cold_wall = time.perf_counter() - started
        started = time.perf_counter()
        noop = run(settings, embedders)
        noop_wall = time.perf_counter() - started
    totals = cold.totals
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "documents": len(cold.documents),
        "pages": totals["pages"],
        "chunks": totals["chunks"],
        "sections": totals["sections"],
        "cold_build_seconds": round(cold_wall, 2),
        "load_and_parse_seconds": round(cold.load_seconds, 2),
        "embedding_seconds": round(cold.embed_seconds, 2),
        "embedding_time_share": round(cold.embed_seconds / cold_wall, 3),
        "pages_per_second": round(totals["pages"] / cold_wall, 2),
        "chunks_per_second": round(totals["chunks"] / cold_wall, 2),
        "embedded_chunks_per_second_both_models": round(totals["chunks"] / cold.embed_seconds, 2),
        "noop_rerun_seconds": round(noop_wall, 3),
        "noop_was_noop": noop.noop,
        "per_document_seconds": {d.doc_id: d.seconds for d in cold.documents},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
