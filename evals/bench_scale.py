"""Scale benchmark: synthetic corpora of 1k, 10k and 100k chunks, embedded and Chroma-server mode.

Synthetic chunks are recombined sentences of the real chunks (see docs/deployment.md, "Scale"):
- every distinct sentence of the real corpus is embedded once with all-MiniLM-L6-v2;
- the 1k tier's synthetic chunks are embedded for real (their recombined text, the model's output);
- the 10k and 100k tiers' vectors are the renormalised mean of their sentences' real vectors plus
  small Gaussian noise (embedding 100k chunks would take ~40 min idle, hours under load). The JSON reports how close the
  mean-of-sentences vector is to the real embedding, measured on the 1k tier.
The real chunks (with their real vectors) are part of every tier, so real questions still have answers.
Each (tier, mode) runs in a fresh subprocess so its memory figures are its own. Vectors are cached
under --cache (default data/bench_scale, not committed).

Usage example:
    python -m evals.bench_scale                       # 1k, 10k, 100k; embedded and server
    python -m evals.bench_scale --tiers 1000 --modes embedded
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import psutil

from assistant.config import PROJECT_ROOT, Settings
from assistant.store import CHUNKER_VERSION, DENSE_SPACE, IndexStore, Stamp, make_client
from assistant.types import Chunk, Section

OUT = PROJECT_ROOT / "evals" / "report" / "bench_scale.json"
PLOT = PROJECT_ROOT / "evals" / "report" / "bench_scale.png"
CACHE = PROJECT_ROOT / "data" / "bench_scale"
TIERS = (1000, 10000, 100000)
CHUNKS_PER_DOC, CHUNKS_PER_SECTION = 100, 4
NOISE_SIGMA = 0.005  # per dimension; keeps synthetic chunks that share sentences from being exact duplicates
# Retrieval is timed on 40 questions; answer() (~1 s each when the machine is idle) on 20, profiled on 5.
N_QUERIES, N_ANSWERS, N_PROFILED, N_CONCURRENT = 40, 20, 5, 20
_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z(])")


# ---- the real base and the synthetic corpus ----------------------------------------------
def real_base(cache: Path, dense) -> tuple[list[Chunk], np.ndarray, list[Section]]:
    """The real corpus's chunks, their stored vectors and sections (indexed once into the cache)."""
    from ingest.index import Embedders, run

    settings = Settings.from_env(data_dir=cache / "real", multilingual=False, progress=False)
    run(settings, Embedders(dense))
    store = IndexStore(make_client(settings), settings)
    chunks = store.all_chunks()
    stored = store.stored_vectors(DENSE_SPACE)
    return chunks, np.array([stored[c.id][1] for c in chunks], dtype=np.float32), store.sections()


def _embed_cached(path: Path, texts: list[str], dense) -> np.ndarray:
    if path.is_file():
        return np.load(path)
    vectors = np.array(dense.embed_passages(texts), dtype=np.float32)
    np.save(path, vectors)
    return vectors


def synthetic(real: list[Chunk], n: int, cache: Path, dense) -> tuple[list[Chunk], np.ndarray, np.ndarray | None, dict]:
    """n synthetic chunks: (chunks, mean-of-sentence vectors, real vectors for the first 1k, validation)."""
    sentences = sorted({s.strip() for c in real for s in _SENTENCE.split(c.text) if len(s.split()) >= 5})
    sentence_vectors = _embed_cached(cache / f"sentences-{len(sentences)}.npy", sentences, dense)
    rng = np.random.default_rng(7)
    chunks, vectors = [], np.empty((n, sentence_vectors.shape[1]), dtype=np.float32)
    for i in range(n):
        start, size = int(rng.integers(0, len(sentences) - 6)), int(rng.integers(3, 7))
        picks = list(range(start, start + size))
        picks[int(rng.integers(0, size))] = int(rng.integers(0, len(sentences)))  # one sentence from elsewhere
        doc, label = f"synthetic-{i // CHUNKS_PER_DOC:04d}", str((i % CHUNKS_PER_DOC) // CHUNKS_PER_SECTION + 1)
        chunks.append(Chunk(f"syn-{i:06d}", doc, real[i % len(real)].doc_status, label, f"Synthetic section {label}",
                            (f"Synthetic document {doc[-4:]}", f"{label}. Synthetic section {label}"),
                            1 + i % CHUNKS_PER_DOC // 2, 1 + i % CHUNKS_PER_DOC // 2, "", i % CHUNKS_PER_DOC,
                            " ".join(sentences[p] for p in picks)))
        mean = sentence_vectors[picks].mean(axis=0) + rng.normal(0, NOISE_SIGMA, sentence_vectors.shape[1])
        vectors[i] = mean / np.linalg.norm(mean)
    m = min(n, 1000)
    embedded = _embed_cached(cache / f"synthetic-embedded-{m}.npy", [c.embed_text for c in chunks[:m]], dense)
    cosines = np.sum(embedded * vectors[:m], axis=1)
    validation = {"sentences": len(sentences), "noise_sigma": NOISE_SIGMA, "checked_on": m,
                  "cosine_mean_vs_real_embedding": {"mean": round(float(cosines.mean()), 3),
                                                    "p5": round(float(np.percentile(cosines, 5)), 3)}}
    return chunks, vectors, embedded, validation


def corpus(tier: int, cache: Path, dense) -> tuple[list[Chunk], np.ndarray, list[Section], dict]:
    """The tier's chunks and vectors (real corpus + synthetic) and sections."""
    real, real_vectors, real_sections = real_base(cache, dense)
    extra = tier - len(real)
    chunks, vectors, embedded, validation = synthetic(real, extra, cache, dense)
    if extra <= 1000:
        vectors = embedded[:extra]  # the 1k tier uses the model's own vectors
    groups: dict[tuple[str, str], list[Chunk]] = {}
    for c in chunks:
        groups.setdefault((c.doc_id, c.section), []).append(c)
    sections = real_sections + [Section(d, label, f"Synthetic section {label}", members[0].heading_path,
                                        members[0].page_start, members[-1].page_end, "\n".join(m.text for m in members))
                                for (d, label), members in groups.items()]
    validation["vectors"] = "model" if extra <= 1000 else "mean of sentence vectors + noise"
    return real + chunks, np.vstack([real_vectors, vectors]), sections, validation


# ---- one (tier, mode) run, in its own process ------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path: Path) -> tuple[subprocess.Popen, int]:
    """`chroma run` on 127.0.0.1 and a free port; returns once it accepts connections."""
    port = _free_port()
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("chroma run did not start within 60 s")


def _rss_mb(pid: int | None = None) -> float:
    proc = psutil.Process(pid)
    return round(sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20, 1)


def _disk_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def _pcts(seconds: list[float]) -> dict:
    ms = np.array(seconds) * 1000
    return {"p50_ms": round(float(np.percentile(ms, 50)), 2), "p95_ms": round(float(np.percentile(ms, 95)), 2), "n": len(ms)}


def _timed(fn, items) -> dict:
    for item in items[:3]:
        fn(item)  # warm-up
    times = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        times.append(time.perf_counter() - started)
    return _pcts(times)


def _cpu_per_call(fn, items) -> dict:
    """This process's CPU time per call (all threads): less skewed than wall time by other load."""
    times = []
    for item in items:
        started = time.process_time()
        fn(item)
        times.append(time.process_time() - started)
    return _pcts(times)


def profile(fn, items, top: int = 15) -> list[dict]:
    """Where answer() spends its time: the project's functions by cumulative seconds per call."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for item in items:
        fn(item)
    profiler.disable()
    rows = []
    for (file, line, name), (_, calls, _, cumulative, _) in pstats.Stats(profiler).stats.items():
        if "/assistant/" in file or "chromadb/api" in file or "sentence_transformers" in file or "bm25s" in file:
            short = file.split("site-packages/")[-1].split("/work/main/")[-1]
            rows.append({"function": f"{short}:{line}({name})", "calls_per_answer": round(calls / len(items), 1),
                         "cumulative_ms_per_answer": round(cumulative * 1000 / len(items), 1)})
    return sorted(rows, key=lambda r: -r["cumulative_ms_per_answer"])[:top]


def ingest(settings: Settings, chunks: list[Chunk], vectors: np.ndarray, sections: list[Section]) -> dict:
    """Write the tier as one index generation with precomputed vectors (embedding is measured apart)."""
    store = IndexStore(make_client(settings), settings)
    started = time.perf_counter()
    writer = store.new_generation()
    writer.add_chunks(DENSE_SPACE, chunks, vectors.tolist(), [""] * len(chunks))
    chunk_s = time.perf_counter() - started
    section_vectors = np.zeros((len(sections), vectors.shape[1]), dtype=np.float32)
    section_vectors[:, 0] = 1.0  # section vectors are never searched; the heading-embedding cost is ingest's, not scale's
    writer.add_sections(sections, section_vectors.tolist())
    store.activate(writer, Stamp({DENSE_SPACE: "all-MiniLM-L6-v2"}, CHUNKER_VERSION, "bench", {}, writer.generation))
    total = time.perf_counter() - started
    return {"chunks": len(chunks), "sections": len(sections), "chunk_write_seconds": round(chunk_s, 2),
            "chunks_per_second": round(len(chunks) / chunk_s, 1), "total_seconds": round(total, 2)}


def questions() -> list[dict]:
    """English answerable golden questions (the tiers' vectors are English-model vectors only)."""
    from assistant.language import is_urdu_script
    from evals.run import load_golden

    items = [g for g in load_golden() if g["answerable"] and not g.get("history") and not is_urdu_script(g["question"])]
    return items[:N_QUERIES]


def measure(resources, settings: Settings, items: list[dict]) -> dict:
    """Retrieval and answer() latency percentiles, then 20 simultaneous questions."""
    from assistant.answer import answer
    from assistant.retrieve import hybrid_search

    qs = [g["question"] for g in items]
    vec = {q: resources.dense.embed_query(q) for q in qs}
    docs = {g["question"]: [g["gold"][0]["doc_id"]] for g in items}
    k = settings.candidate_k
    out = {
        "embed_query": _timed(resources.dense.embed_query, qs),
        "dense": _timed(lambda q: resources.store.query_dense(DENSE_SPACE, vec[q], k), qs),
        "dense_doc_filter": _timed(lambda q: resources.store.query_dense(DENSE_SPACE, vec[q], k, docs[q]), qs),
        "keyword": _timed(lambda q: resources.keyword.search(q, k), qs),
        "keyword_doc_filter": _timed(lambda q: resources.keyword.search(q, k, docs[q]), qs),
        "hybrid": _timed(lambda q: hybrid_search(q, resources, settings, None), qs),
        "hybrid_doc_filter": _timed(lambda q: hybrid_search(q, resources, settings, docs[q]), qs),
        "answer": _timed(lambda q: answer(q, resources, settings), qs[:N_ANSWERS]),
    }
    out["answer_cpu"] = _cpu_per_call(lambda q: answer(q, resources, settings), qs[:N_PROFILED])
    out["answer_profile"] = profile(lambda q: answer(q, resources, settings), qs[:N_PROFILED])
    batch = qs[:N_CONCURRENT]
    expected = {q: answer(q, resources, settings) for q in batch}
    started = time.perf_counter()
    with ThreadPoolExecutor(N_CONCURRENT) as pool:
        got = list(pool.map(lambda q: answer(q, resources, settings), batch))
    wall = time.perf_counter() - started
    same = sum((a.status, a.text, a.citations) == (expected[q].status, expected[q].text, expected[q].citations)
               for q, a in zip(batch, got))
    out["concurrent"] = {"threads": N_CONCURRENT, "questions": len(batch), "wall_seconds": round(wall, 2),
                         "questions_per_second": round(len(batch) / wall, 2), "same_as_sequential": same}
    return out


def run_one(tier: int, mode: str, cache: Path) -> dict:
    """Build, load and measure one tier in one mode (called in a fresh process)."""
    from assistant.embed import MiniLMEmbedder
    from assistant.retrieve import Resources

    dense = MiniLMEmbedder()
    dense.embed_query("warm up")
    rss_models = _rss_mb()
    chunks, vectors, sections, validation = corpus(tier, cache, dense)
    work = Path(tempfile.mkdtemp(prefix=f"bench-scale-{tier}-{mode}-"))
    server = None
    try:
        settings = Settings.from_env(data_dir=work / "data", multilingual=False, progress=False)
        index_path = settings.index_dir
        if mode == "server":
            index_path = work / "server"
            server, port = start_server(index_path)
            settings = settings.with_(chroma_host="127.0.0.1", chroma_port=port)
        load_start = round(os.getloadavg()[0], 2)  # other work on this 2-core machine skews every figure
        result = {"tier": tier, "mode": mode, "synthetic": validation, "ingest": ingest(settings, chunks, vectors, sections)}
        del chunks, vectors
        result["disk_mb"] = _disk_mb(index_path)
        rss_before = _rss_mb()
        started = time.perf_counter()
        resources = Resources.load(settings, dense=dense)
        cold = time.perf_counter() - started
        rss_after = _rss_mb()
        keyword_cold = resources.keyword.build_seconds
        started = time.perf_counter()
        resources.store.all_chunks()
        read_chunks = time.perf_counter() - started
        started = time.perf_counter()
        warm = Resources.load(settings, dense=dense)
        bm = warm.keyword._bm25.scores
        result["startup"] = {
            "cold_seconds": round(cold, 2), "warm_seconds": round(time.perf_counter() - started, 2),
            "read_all_chunks_seconds": round(read_chunks, 2), "keyword_build_seconds": round(keyword_cold, 2),
            "keyword_cached_load_seconds": round(warm.keyword.build_seconds, 3), "keyword_from_cache": warm.keyword.from_cache,
            "keyword_matrix_mb": round(sum(bm[p].nbytes for p in ("data", "indices", "indptr")) / 2**20, 1),
            "keyword_vocabulary": len(warm.keyword.vocabulary)}
        del warm
        result["ram_mb"] = {"models_loaded": rss_models, "after_ingest": rss_before, "after_load": rss_after,
                            "load_delta": round(rss_after - rss_before, 1)}
        if server:
            result["ram_mb"]["server"] = _rss_mb(server.pid)
        result["latency"] = measure(resources, settings, questions())
        result["load_average_1m"] = {"start": load_start, "end": round(os.getloadavg()[0], 2)}
        return result
    finally:
        if server:
            server.terminate()
            server.wait(30)
        shutil.rmtree(work, ignore_errors=True)


# ---- all runs, the report and the plot ----------------------------------------------------
def plot(results: list[dict], path: Path) -> None:
    """Latency p50 (solid) and p95 (dashed) against corpus size, one panel per mode."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    modes = sorted({r["mode"] for r in results})
    fig, axes = plt.subplots(1, len(modes), figsize=(6 * len(modes), 4.5), sharey=True, squeeze=False)
    kinds = ("dense", "dense_doc_filter", "keyword", "keyword_doc_filter", "hybrid", "answer")
    for ax, mode in zip(axes[0], modes):
        rows = sorted((r for r in results if r["mode"] == mode), key=lambda r: r["tier"])
        sizes = [r["ingest"]["chunks"] for r in rows]
        for i, kind in enumerate(kinds):
            colour = f"C{i}"
            ax.plot(sizes, [r["latency"][kind]["p50_ms"] for r in rows], "o-", color=colour, label=f"{kind} p50")
            ax.plot(sizes, [r["latency"][kind]["p95_ms"] for r in rows], "--", color=colour, alpha=0.6)
        ax.set(xscale="log", yscale="log", xlabel="chunks in the index", title=f"{mode} Chroma (dashed: p95)")
        ax.grid(True, which="both", alpha=0.3)
    axes[0][0].set_ylabel("latency per question (ms)")
    axes[0][-1].legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> int:
    """Run every (tier, mode) in its own process; write the JSON and the plot."""
    parser = argparse.ArgumentParser(prog="python -m evals.bench_scale", description=__doc__.splitlines()[0])
    parser.add_argument("--tiers", type=int, nargs="+", default=list(TIERS))
    parser.add_argument("--modes", nargs="+", choices=("embedded", "server"), default=["embedded", "server"])
    parser.add_argument("--cache", type=Path, default=CACHE, help="where vectors are cached (not committed)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--plot", type=Path, default=PLOT)
    parser.add_argument("--merge", type=Path, nargs="+", help="combine the results of earlier runs' JSON files")
    parser.add_argument("--one", nargs=2, metavar=("TIER", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.merge:
        merged = [r for path in args.merge for r in json.loads(path.read_text(encoding="utf-8"))["results"]]
        _write(args, sorted(merged, key=lambda r: (r["tier"], r["mode"])))
        return 0
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1], args.cache)))
        return 0
    results = []
    for tier in args.tiers:
        for mode in args.modes:
            print(f"bench_scale: {tier} chunks, {mode}", file=sys.stderr, flush=True)
            done = subprocess.run([sys.executable, "-m", "evals.bench_scale", "--cache", str(args.cache), "--one",
                                   str(tier), mode], capture_output=True, text=True, cwd=PROJECT_ROOT)
            if done.returncode:
                print(done.stderr[-3000:], file=sys.stderr)
                return 1
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            _write(args, results)
    return 0


def _write(args, results: list[dict]) -> None:
    report = {"machine": {"cpus": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
                          "python": platform.python_version(), "load_average_1m": round(os.getloadavg()[0], 2)},
              "note": "ingest figures are store writes with precomputed vectors; embedding is measured by bench_ingest",
              "results": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    plot(results, args.plot)


if __name__ == "__main__":
    raise SystemExit(main())
