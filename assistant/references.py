"""Parse clause references in a question: "section 26A", "s. 20 of PECA", "clause 4.1.2", "Chapter IC"."""
from __future__ import annotations

import re
from dataclasses import dataclass

_PREFIXED = re.compile(
    r"\b(?:sections?|secs?\.?|s\.|ss\.|§|clauses?|articles?|art\.|paras?\.?|paragraphs?|dafa|daf'a|shiq)\s*"
    r"\(?\s*(\d{1,3}[A-Za-z]{0,2}(?:\.\d{1,2}){0,4})\s*\)?",
    re.I,
)
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,2}){1,4})(?![\d.]*\d)")
_CHAPTER = re.compile(r"\bchapter[\s-]*([IVXL]{1,4}[A-C]?|\d{1,2}[A-C]?)\b", re.I)
_BARE_ACT_LABEL = re.compile(r"(?<![\w.])(\d{1,2}[A-Z]{1,2})(?![\w.])")


@dataclass(frozen=True)
class ClauseReference:
    """A section/clause label as the documents print it ("26A", "4.1.2", "Chapter IC")."""

    label: str
    text: str
    start: int = 0  # where the reference starts in the question

    @property
    def is_policy_clause(self) -> bool:
        return "." in self.label


def find_references(question: str) -> list[ClauseReference]:
    """Clause references in the order they appear; labels normalised to the printed form."""
    found: list[tuple[int, ClauseReference]] = []
    taken: list[range] = []

    def add(match: re.Match, label: str) -> None:
        span = range(match.start(), match.end())
        if any(span.start in t or t.start in span for t in taken):
            return
        taken.append(span)
        found.append((match.start(), ClauseReference(label, match.group(0), match.start())))

    for match in _CHAPTER.finditer(question):
        add(match, f"Chapter {match.group(1).upper()}")
    for match in _PREFIXED.finditer(question):
        label = match.group(1)
        add(match, label if "." in label else label.upper())
    for match in _DOTTED.finditer(question):
        add(match, match.group(1))
    for match in _BARE_ACT_LABEL.finditer(question):
        add(match, match.group(1).upper())
    return [ref for _, ref in sorted(found, key=lambda pair: pair[0])]


def chapter_variants(label: str) -> list[str]:
    """'Chapter 1A' and 'Chapter IA' name the same chapter in these texts; try both spellings."""
    if not label.startswith("Chapter "):
        return [label]
    code = label.split(" ", 1)[1]
    variants = {label}
    if code.startswith("1") and len(code) > 1:
        variants.add(f"Chapter I{code[1:]}")
    if code.startswith("I") and len(code) > 1 and code[1:] in ("A", "B", "C"):
        variants.add(f"Chapter 1{code[1:]}")
    return sorted(variants)
