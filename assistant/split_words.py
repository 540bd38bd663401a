"""Words a statute's PDF text layer cuts in two ("wi thout being accredited"), joined again where an answer shows them.

The ETO's text layer puts a space inside some words: "Accr editation Council", "Cou ncil", "wi thout". The index keeps the text as extracted, because joining the pieces at ingest moved
BM25's statistics for every document and lost more answers than it won. What a reader sees, the answer and the quotes
its citations carry, is mended instead, so that an official reads the law's own words.

A pair is a split word when both pieces are rare in the corpus (at most RARE_PIECE occurrences) and the joined word
stands whole elsewhere in it. The words of a real phrase are not rare: "direct or", "sect or" and "a broad" stay
apart. Only statutes are read for pairs: the draft policy writes "boot camps" and "white papers" as two words.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from assistant.types import STATUTES, Chunk

# On the four documents the statutes hold 33 such pairs, all in the ETO, whose pieces occur at most twice in the
# corpus; allowing three adds one ("contrar y"). (Read over every document, the same count found
# the policy's "boot camps" and "white papers" too.)
RARE_PIECE = 2
_WORD = re.compile(r"[A-Za-z]+")
# Two words with one space between them; the second is looked ahead at, so that every adjacent pair is read.
_PAIR = re.compile(r"(?<![A-Za-z])([A-Za-z]+) (?=([A-Za-z]+)(?![A-Za-z]))")


class SplitWords:
    """The split pairs found in a build's statute passages, and mend() to join them in any text."""

    def __init__(self, joins: dict[str, str]):
        self.joins = joins
        keys = sorted(joins, key=len, reverse=True)
        self._pattern = (re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![A-Za-z])")
                         if keys else None)

    def mend(self, text: str) -> str:
        """text with every known split pair joined ("wi thout" -> "without")."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(lambda m: self.joins[m.group()], text)


def find_split_words(chunks: Iterable[Chunk]) -> SplitWords:
    """The split pairs of the statutes' passages among `chunks` (see the module's note on how they are told)."""
    chunks = list(chunks)
    counts = Counter(w.lower() for chunk in chunks for w in _WORD.findall(chunk.text))
    joins: dict[str, str] = {}
    for chunk in chunks:
        if chunk.doc_status not in STATUTES:
            continue
        for match in _PAIR.finditer(chunk.text):
            first, second = match.group(1), match.group(2)
            rare = counts[first.lower()] <= RARE_PIECE and counts[second.lower()] <= RARE_PIECE
            if rare and counts[(first + second).lower()] > 0:
                joins[f"{first} {second}"] = first + second
    return SplitWords(joins)
