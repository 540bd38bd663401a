"""Spans -> Chunks that fit the embedding model, with deterministic ids and full provenance."""
from __future__ import annotations

import hashlib
import re
from typing import Callable

from assistant.types import Chunk, DocStatus, Source
from ingest.structure import Paragraph, Span, paragraphs

_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z(“\"0-9])")


def chunk_spans(
    source: Source, source_sha256: str, spans: list[Span], labels: dict[int, str],
    count_tokens: Callable[[str], int], max_tokens: int,
) -> list[Chunk]:
    """Chunks never cross a section boundary and never leave a heading without its body."""
    chunks: list[Chunk] = []
    for span in spans:
        if span.heading is not None and span.heading.label == "Contents":
            continue  # a table of contents matches every query and answers none
        pieces = paragraphs(span.lines)
        # A bare heading ("CHAPTER 4" + blank line + "CERTIFICATION SERVICE PROVIDERS" is two pieces):
        # its children carry it in their heading path.
        if not pieces or (span.heading is not None and sum(len(p.text.split()) for p in pieces) < 12):
            continue
        heading_tokens = count_tokens(" > ".join(span.path)) if span.path else 0
        budget = max_tokens - heading_tokens
        for group in _pack(pieces, count_tokens, budget):
            ordinal = len(chunks)
            text = "\n".join(p.text for p in group)
            # A paragraph joined across a page break ends on a later page than the footnotes after it.
            page_start, page_end = group[0].page_start, max(p.page_end for p in group)
            chunks.append(
                Chunk(
                    id=chunk_id(source.id, source_sha256, page_start, ordinal), doc_id=source.id,
                    doc_status=source.status, section=span.heading.label if span.heading else "",
                    section_title=span.heading.title if span.heading else span.path[-1],
                    heading_path=span.path, page_start=page_start, page_end=page_end,
                    page_label=labels.get(page_start, ""), ordinal=ordinal, text=text,
                )
            )
    return chunks


def chunk_id(doc_id: str, source_sha256: str, page: int, ordinal: int) -> str:
    """Stable id: the same file always yields the same ids, so re-ingest is an upsert."""
    digest = hashlib.sha256(f"{source_sha256}:{page}:{ordinal}".encode()).hexdigest()[:10]
    return f"{doc_id}:p{page}:{ordinal}:{digest}"


def _pack(pieces: list[Paragraph], count_tokens: Callable[[str], int], budget: int) -> list[list[Paragraph]]:
    """Greedy packing of paragraphs (split into sentences, then words, when one is too big)."""
    units: list[Paragraph] = []
    for piece in pieces:
        units.extend(_fit(piece, count_tokens, budget))
    groups: list[list[Paragraph]] = []
    current: list[Paragraph] = []
    for unit in units:
        candidate = current + [unit]
        if current and count_tokens("\n".join(p.text for p in candidate)) > budget:
            groups.append(current)
            current = [unit]
        else:
            current = candidate
    if current:
        groups.append(current)
    return groups


def _fit(piece: Paragraph, count_tokens: Callable[[str], int], budget: int) -> list[Paragraph]:
    if count_tokens(piece.text) <= budget:
        return [piece]
    sentences = _SENTENCE_END.split(piece.text)
    if len(sentences) > 1:
        out: list[Paragraph] = []
        for sentence in sentences:
            out.extend(_fit(Paragraph(piece.page_start, piece.page_end, sentence), count_tokens, budget))
        return out
    words = piece.text.split()
    half = max(1, len(words) // 2)
    if len(words) < 2:
        return [piece]
    left = Paragraph(piece.page_start, piece.page_end, " ".join(words[:half]))
    right = Paragraph(piece.page_start, piece.page_end, " ".join(words[half:]))
    return _fit(left, count_tokens, budget) + _fit(right, count_tokens, budget)
