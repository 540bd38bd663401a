"""Citation checking in code: parse [n], drop markers to nothing, keep only supported sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from assistant.language import BARE_ITEM_MARKER, STOPWORDS, word_stem
from assistant.types import Citation, Hit, Source

_MARKER = re.compile(r"\s*\[(\d{1,2})\]")
# A sentence ends at . ! ? before a capital, or right after its [n] markers whatever follows (extracted
# statute text may start with a clause number, "[26A," or a lower-case continuation).
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])|(?:(?<=\[\d\])|(?<=\[\d\d\]))\s+(?!\[\d{1,2}\])")
_LEADING_MARKER = re.compile(r"\[\d{1,2}\]")
_MARKERS_THEN_SENTENCE = re.compile(r"((?:\[\d{1,2}\]\s*)+)(.+?(?:[.!?](?=\s|$)|$))", re.S)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[a-z][a-z\-]{2,}")
# Tokens of a quantity: digits (with thousands commas, or a k/M suffix as in "10k", "1M") and number words.
_QUANTITY_TOKEN = re.compile(r"\d+(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)*[kKmM]?\b|\d+|[a-z]+")
_CLAUSE_LABEL = re.compile(r"\(\d{1,3}[a-z]{0,2}\)")
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1_000, "lakh": 100_000, "lac": 100_000, "million": 1_000_000,
           "crore": 10_000_000, "billion": 1_000_000_000}
# A sentence counts as supported when every quantity it states occurs in the cited passage (the check that
# catches "right passage, wrong number") and at least this share of its content words occur there too.
# Calibrated on the 68 hand-labelled sentence-passage pairs in evals/support_labels.jsonl (sweep in
# docs/evaluation.md): 0.65 gives the best precision on "supported" (0.96; 0.6 let a same-topic wrong
# passage or a half-true sentence through at 0.60-0.62) while keeping every exact quote; paraphrases
# below it are dropped, which is the safe side for answer().
MIN_OVERLAP = 0.65


@dataclass(frozen=True)
class CheckedSentence:
    text: str
    markers: tuple[int, ...]
    supported: bool


def split_sentences(text: str) -> list[str]:
    """Sentences of an answer, each keeping its [n] markers.

    Models that see passages numbered "[1] ..." sometimes answer in that style, "[1] The punishment is
    ... [2] The fine is ...": when the text starts with a marker, each marker run belongs to the sentence
    after it.
    """
    text = text.strip()
    if _LEADING_MARKER.match(text):
        text = _MARKERS_THEN_SENTENCE.sub(lambda m: f"{m.group(2).strip()} {m.group(1).strip()} ", text)
    sentences: list[str] = []
    for piece in (s.strip() for s in _SENTENCE.split(text) if s.strip()):
        if sentences and BARE_ITEM_MARKER.match(sentences[-1]):
            # A policy item's marker opens its sentence: "VI. The fund shall be administered ..." is one.
            piece = f"{sentences.pop()} {piece}"
        sentences.append(piece)
    return sentences


def markers_of(sentence: str) -> list[int]:
    return [int(m) for m in _MARKER.findall(sentence)]


def strip_markers(sentence: str) -> str:
    return _MARKER.sub("", sentence).strip()


def quantities(text: str) -> set[str]:
    """The numbers a text states, normalised: "five hundred thousand", "500,000" and "500000" all give "500000".

    A run of number words is read as one value ("two hundred and fifty thousand" -> 250000); a digit
    followed by a scale word is multiplied ("1 million" -> 1000000); dotted labels ("4.1.2") stay as
    written; sub-clause labels ("(3)") are ignored. A lone "one" is skipped: in statutes it is mostly a
    pronoun ("any one of them").
    """
    found: set[str] = set()
    # Sub-clause labels such as "(3)" or "(2A)" number the text; they are not quantities it states.
    unlabelled = _CLAUSE_LABEL.sub(" ", text.lower()).replace("-", " ")
    tokens = _QUANTITY_TOKEN.findall(unlabelled)
    total = current = 0
    words: list[str] = []

    def flush() -> None:
        nonlocal total, current, words
        if words and words != ["one"]:
            found.add(str(total + current))
        total = current = 0
        words = []

    for token in tokens:
        if token[0].isdigit():
            flush()
            value = _digits_value(token)
            if value is None:
                found.add(token)
                continue
            current, words = value, [token]
        elif token in _UNITS or token in _TENS:
            if words and words[-1][0].isdigit():
                flush()  # "(2) Five members": a clause label, then a new number
            current += _UNITS.get(token, 0) + _TENS.get(token, 0)
            words.append(token)
        elif token in _SCALES and words:
            scale = _SCALES[token]
            if scale == 100:
                current *= scale
            else:
                total, current = total + current * scale, 0
            words.append(token)
        elif token == "and" and words:
            continue
        else:
            flush()
    flush()
    return found


def _digits_value(token: str) -> int | None:
    """An integer for "50,000", "10k" or "1M"; None for dotted labels like "4.1.2" or "1.5"."""
    multiplier = {"k": 1_000, "m": 1_000_000}.get(token[-1].lower(), 1)
    digits = token.rstrip("kKmM").replace(",", "")
    return int(digits) * multiplier if digits.isdigit() else None


def support_score(sentence: str, passage: str) -> float:
    """How well a passage supports a sentence, 0..1: 0 if it states any quantity the passage lacks, else the
    share of its content words (lightly stemmed) found in the passage.

    Deterministic and model-free, so answer() can drop unsupported sentences and evals/ can use it as the
    offline citation judge; its agreement with hand labels is measured in evals/support_labels.jsonl.
    """
    claim = strip_markers(sentence).lower()
    source = passage.lower()
    if not quantities(claim) <= quantities(source):
        return 0.0
    words = [w for w in _WORD.findall(claim) if w not in STOPWORDS]
    if not words:
        # A bare figure ("By 2026", a table's timeline cell) is supported by the passage that states it.
        return 1.0 if quantities(claim) else 0.0
    source_words = {word_stem(w) for w in _WORD.findall(source)}
    return sum(1 for w in words if word_stem(w) in source_words) / len(words)


# Whether one cited hit supports one sentence. The extractive generator quotes, so the lexical check below
# is its judge; a language model's paraphrases go to assistant.judge.ParaphraseJudge.supports_hit.
SupportCheck = Callable[[str, Hit], bool]


def quote_supported(sentence: str, hit: Hit) -> bool:
    return support_score(sentence, hit.chunk.text) >= MIN_OVERLAP


def check_sentences(text: str, hits: Sequence[Hit], supports: SupportCheck = quote_supported) -> list[CheckedSentence]:
    """Each sentence with its valid markers and whether a cited passage supports it."""
    checked = []
    for sentence in split_sentences(text):
        valid = tuple(dict.fromkeys(n for n in markers_of(sentence) if 1 <= n <= len(hits)))
        supported = any(supports(sentence, hits[n - 1]) for n in valid)
        checked.append(CheckedSentence(strip_markers(sentence), valid, supported))
    return checked


def finalize(text: str, hits: Sequence[Hit], sources: Sequence[Source],
             supports: SupportCheck = quote_supported) -> tuple[str, tuple[Citation, ...]]:
    """Keep supported sentences, renumber their markers 1..m, and build the citations they point to. A sentence
    quoted twice (a table lead and the passages it came from both hold it) is kept where it first stands."""
    by_id = {s.id: s for s in sources}
    renumber: dict[int, int] = {}
    kept = []
    seen: set[str] = set()
    for sentence in check_sentences(text, hits, supports):
        if not sentence.supported or not sentence.markers:
            continue
        wording = " ".join(sentence.text.split()).casefold()
        if wording in seen:
            continue
        seen.add(wording)
        supporting = [n for n in sentence.markers if supports(sentence.text, hits[n - 1])]
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
