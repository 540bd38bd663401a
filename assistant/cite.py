"""Citation checking in code: parse [n], drop markers to nothing, keep only supported sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from assistant.language import STOPWORDS
from assistant.types import Citation, Hit, Source

_MARKER = re.compile(r"\s*\[(\d{1,2})\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])|(?<=\])\s+(?=[A-Z“\"(])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[a-z][a-z\-]{2,}")
# A sentence counts as supported when at least this share of its content words occur in the cited
# passage and every number in it does; calibrated on hand-labelled pairs in evals/.
MIN_OVERLAP = 0.6


@dataclass(frozen=True)
class CheckedSentence:
    text: str
    markers: tuple[int, ...]
    supported: bool


def split_sentences(text: str) -> list[str]:
    """Sentences of an answer, each keeping its trailing [n] markers."""
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def markers_of(sentence: str) -> list[int]:
    return [int(m) for m in _MARKER.findall(sentence)]


def strip_markers(sentence: str) -> str:
    return _MARKER.sub("", sentence).strip()


def support_score(sentence: str, passage: str) -> float:
    """Share of the sentence's content words found in the passage; 0 if any number is missing."""
    claim = strip_markers(sentence).lower()
    source = passage.lower()
    if any(number not in source for number in _NUMBER.findall(claim)):
        return 0.0
    words = [w for w in _WORD.findall(claim) if w not in STOPWORDS]
    if not words:
        return 0.0
    source_words = set(_WORD.findall(source))
    return sum(1 for w in words if w in source_words or w.rstrip("s") in source_words) / len(words)


def check_sentences(text: str, hits: Sequence[Hit]) -> list[CheckedSentence]:
    """Each sentence with its valid markers and whether a cited passage supports it."""
    checked = []
    for sentence in split_sentences(text):
        valid = tuple(dict.fromkeys(n for n in markers_of(sentence) if 1 <= n <= len(hits)))
        supported = any(support_score(sentence, hits[n - 1].chunk.text) >= MIN_OVERLAP for n in valid)
        checked.append(CheckedSentence(strip_markers(sentence), valid, supported))
    return checked


def finalize(text: str, hits: Sequence[Hit], sources: Sequence[Source]) -> tuple[str, tuple[Citation, ...]]:
    """Keep supported sentences, renumber their markers 1..m, and build the citations they point to."""
    by_id = {s.id: s for s in sources}
    renumber: dict[int, int] = {}
    kept = []
    for sentence in check_sentences(text, hits):
        if not sentence.supported or not sentence.markers:
            continue
        supporting = [n for n in sentence.markers if support_score(sentence.text, hits[n - 1].chunk.text) >= MIN_OVERLAP]
        numbers = [renumber.setdefault(n, len(renumber) + 1) for n in supporting]
        kept.append(sentence.text + "".join(f" [{n}]" for n in numbers))
    citations = []
    for old, new in sorted(renumber.items(), key=lambda pair: pair[1]):
        chunk = hits[old - 1].chunk
        source = by_id.get(chunk.doc_id)
        citations.append(Citation(
            number=new, chunk_id=chunk.id, doc_id=chunk.doc_id, title=source.title if source else chunk.doc_id,
            short_name=source.short_name if source else chunk.doc_id, doc_status=chunk.doc_status,
            section=chunk.section, heading_path=chunk.heading_path, page=chunk.page_start,
            page_label=chunk.page_label, quote=chunk.text,
        ))
    return " ".join(kept), tuple(citations)
