"""BM25 keyword index over the stored chunks (bm25s), built once per index build and cached on disk."""
from __future__ import annotations

import json
import logging
import shutil
import time
from functools import cached_property
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from assistant.language import stemmed_tokens, word_stem
from assistant.types import Chunk

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)

# Bump when stemmed_tokens() or the indexed text changes, so cached indexes are rebuilt.
KEYWORD_VERSION = "4"


class KeywordIndex:
    """BM25 over chunk text plus heading path (so "section 26A" matches its heading).

    Building tokenises every chunk in Python (the cost that grows with the corpus); with `cache_dir`
    and `key` (the index build's generation) the scores are saved once and memory-mapped on later
    start-ups, so a replica restart or a second process does not pay it again.

    Usage example:
        index = KeywordIndex(chunks, cache_dir=settings.data_dir / "keyword", key=stamp.generation)
        index.search("spoofing punishment", k=10)
    """

    def __init__(self, chunks: Sequence[Chunk], cache_dir: Path | None = None, key: str = "") -> None:
        import bm25s

        started = time.perf_counter()
        self.chunks = list(chunks)
        self._positions = {c.id: i for i, c in enumerate(self.chunks)}
        by_doc: dict[str, list[int]] = {}
        for i, chunk in enumerate(self.chunks):
            by_doc.setdefault(chunk.doc_id, []).append(i)
        self._doc_positions = {d: np.asarray(p, dtype=np.int64) for d, p in by_doc.items()}
        folder = _cache_folder(cache_dir, key, self.chunks)
        self._bm25 = _load(folder) if folder else None
        self.from_cache = self._bm25 is not None
        if self._bm25 is None:
            corpus = [stemmed_tokens(c.embed_text) or ["empty"] for c in self.chunks]
            self._bm25 = bm25s.BM25()
            self._bm25.index(corpus, show_progress=False)
            if folder:
                _save(self._bm25, folder)
        self.vocabulary = frozenset(self._bm25.vocab_dict)
        self.build_seconds = time.perf_counter() - started
        log.info("Keyword index over %d chunks (%d terms) %s in %.2f s", len(self.chunks), len(self.vocabulary),
                 "loaded" if self.from_cache else "built", self.build_seconds)

    @cached_property
    def vocabulary_stems(self) -> frozenset[str]:
        """Stems of the vocabulary, computed once per index build (answer() checks question words against it)."""
        return frozenset(word_stem(w) for w in self.vocabulary)

    @cached_property
    def chunk_frequency(self) -> dict[str, int]:
        """How many chunks use each stem: how specific a word is to a few passages (once per index build)."""
        counts: dict[str, int] = {}
        for chunk in self.chunks:
            for stem in set(stemmed_tokens(chunk.embed_text)):
                counts[stem] = counts.get(stem, 0) + 1
        return counts

    def search(self, query: str, k: int, doc_ids: Iterable[str] | None = None) -> list[tuple[Chunk, float]]:
        """Top-k chunks by BM25 score (score > 0 only), optionally within some documents."""
        tokens = [t for t in stemmed_tokens(query) if t in self.vocabulary]
        if not tokens or not self.chunks:
            return []
        allowed = set(doc_ids or ())
        mask = None
        if allowed:
            mask = np.zeros(len(self.chunks), dtype=np.float32)
            for doc_id in allowed & self._doc_positions.keys():
                mask[self._doc_positions[doc_id]] = 1.0
            if not mask.any():
                return []
        n = min(len(self.chunks), k)
        ids, scores = self._bm25.retrieve([tokens], k=n, show_progress=False, weight_mask=mask, n_threads=1)
        return [(self.chunks[int(p)], float(s)) for p, s in zip(ids[0], scores[0]) if s > 0]


def _cache_folder(cache_dir: Path | None, key: str, chunks: Sequence[Chunk]) -> Path | None:
    if cache_dir is None or not key:
        return None
    # The chunk count guards against a cache written for another chunk list under the same key.
    return Path(cache_dir) / f"{key}-{len(chunks)}-v{KEYWORD_VERSION}"


def _load(folder: Path):
    import bm25s

    if not (folder / "done.json").is_file():
        return None
    try:
        return bm25s.BM25.load(str(folder), mmap=True)
    except Exception as exc:  # a damaged cache is rebuilt, never fatal
        log.warning("Keyword index cache %s unreadable (%s); rebuilding", folder, exc)
        return None


def _save(bm25, folder: Path) -> None:
    """Write to a temporary folder and rename, so a concurrent reader never sees half a cache."""
    tmp = folder.with_name(f"{folder.name}.tmp-{time.monotonic_ns()}")
    try:
        tmp.mkdir(parents=True)
        bm25.save(str(tmp))
        (tmp / "done.json").write_text(json.dumps({"version": KEYWORD_VERSION}))
        if folder.exists():
            shutil.rmtree(tmp, ignore_errors=True)
            return
        tmp.rename(folder)
        _prune(folder)
    except OSError as exc:  # a read-only data dir only costs the rebuild next time
        log.warning("Could not cache the keyword index in %s: %s", folder, exc)
        shutil.rmtree(tmp, ignore_errors=True)


def _prune(keep: Path) -> None:
    """Drop caches of older builds: one build's cache is kept."""
    for other in keep.parent.iterdir():
        if other != keep and other.is_dir() and ".tmp-" not in other.name:
            shutil.rmtree(other, ignore_errors=True)
