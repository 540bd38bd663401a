"""BM25 keyword index over the stored chunks (bm25s), built once per process."""
from __future__ import annotations

import logging
from typing import Iterable, Sequence

import numpy as np

from assistant.language import keyword_tokens
from assistant.types import Chunk

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)


class KeywordIndex:
    """In-memory BM25 over chunk text plus heading path (so "section 26A" matches its heading)."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.chunks = list(chunks)
        corpus = [keyword_tokens(c.embed_text) or ["empty"] for c in self.chunks]
        self.vocabulary = {token for tokens in corpus for token in tokens}
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus, show_progress=False)
        self._positions = {c.id: i for i, c in enumerate(self.chunks)}
        log.info("Keyword index built over %d chunks (%d terms)", len(self.chunks), len(self.vocabulary))

    def search(self, query: str, k: int, doc_ids: Iterable[str] | None = None) -> list[tuple[Chunk, float]]:
        """Top-k chunks by BM25 score (score > 0 only), optionally within some documents."""
        tokens = [t for t in keyword_tokens(query) if t in self.vocabulary]
        if not tokens or not self.chunks:
            return []
        allowed = set(doc_ids or ())
        mask = None
        if allowed:
            mask = np.array([1.0 if c.doc_id in allowed else 0.0 for c in self.chunks], dtype=np.float32)
        n = min(len(self.chunks), k)
        ids, scores = self._bm25.retrieve([tokens], k=n, show_progress=False, weight_mask=mask)
        out = []
        for position, score in zip(ids[0], scores[0]):
            if score > 0:
                out.append((self.chunks[int(position)], float(score)))
        return out
