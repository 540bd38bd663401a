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
# A part of a section: "sub-section (3) of section 32", "clause (l) of section 2B", and "section 32(3)(a)".
# A part's marker: a number ("(3)", "(2A)"), a letter or two ("(l)", "(aa)") or a roman numeral ("(iv)"); a word in
# brackets after a section ("section 26A (new)") is no part.
_PART = r"\(\s*(\d{1,2}[A-Z]?|[a-z]{1,2}|[ivx]{1,4})\s*\)"
_PART_OF = re.compile(
    rf"\b(?:sub-?\s?sections?|sub-?\s?clauses?|clauses?|paragraphs?|paras?\.?|items?)\s*{_PART}(?:\s*{_PART})?\s+of\s+"
    r"(?:the\s+)?(?:sections?|secs?\.?|s\.|§)\s*(\d{1,3}[A-Za-z]{0,2}(?![\d.]*\d))\b", re.I)
_TRAILING_PARTS = re.compile(rf"\s*{_PART}(?:\s*{_PART})?(?:\s*{_PART})?")
# An item of a policy clause, printed "VI." or "a." at the start of a line: "clause VI under section 4.1.1",
# "item (b) of 4.2.3", "4.1.1(VI)".
_ITEM = r"\(?\s*([IVXL]{1,5}|[ivxl]{1,5}|[a-z]|\d{1,2})\s*\)?"
_ITEM_OF = re.compile(
    rf"\b(?:sub-?\s?clauses?|clauses?|items?|points?|paragraphs?|paras?\.?|sub-?\s?sections?)\b\s*{_ITEM}\s+"
    r"(?:of|under|in)\s+(?:the\s+)?(?:(?:policy\s+)?(?:sections?|clauses?|paragraphs?|paras?\.?)\s*)?"
    r"(\d{1,2}(?:\.\d{1,2}){1,4})(?![\d.]*\d)", re.I)
_TRAILING_ITEM = re.compile(r"\s?\(\s*([IVXL]{1,5}|[ivxl]{1,5}|[a-z]|\d{1,2})\s*\)")


@dataclass(frozen=True)
class ClauseReference:
    """A section/clause label as the documents print it ("26A", "4.1.2", "Chapter IC")."""

    label: str
    text: str
    start: int = 0  # where the reference starts in the question
    # The sub-section and clause within it, outermost first: ("1", "l") for "section 2B(1)(l)".
    part: tuple[str, ...] = ()

    @property
    def is_policy_clause(self) -> bool:
        return "." in self.label


def find_references(question: str) -> list[ClauseReference]:
    """Clause references in the order they appear; labels normalised to the printed form."""
    found: list[tuple[int, ClauseReference]] = []
    taken: list[range] = []

    def add(match: re.Match, label: str, part: tuple[str, ...] = ()) -> None:
        span = range(match.start(), match.end())
        if any(span.start in t or t.start in span for t in taken):
            return
        taken.append(span)
        found.append((match.start(), ClauseReference(label, match.group(0), match.start(), part)))

    for match in _ITEM_OF.finditer(question):
        add(match, match.group(2), (match.group(1),))
    for match in _PART_OF.finditer(question):
        add(match, match.group(3).upper(), tuple(p for p in match.group(1, 2) if p))
    for match in _CHAPTER.finditer(question):
        add(match, f"Chapter {match.group(1).upper()}")
    for match in _PREFIXED.finditer(question):
        label = match.group(1)
        # A statute section's parts ("section 32(3)(a)"); a policy clause's item ("clause 4.1.2(VI)"), as after
        # a bare dotted label.
        trailing = (_TRAILING_PARTS if "." not in label else _TRAILING_ITEM).match(question, match.end())
        part = tuple(p for p in trailing.groups() if p) if trailing else ()
        add(match, label if "." in label else label.upper(), part)
    for match in _DOTTED.finditer(question):
        item = _TRAILING_ITEM.match(question, match.end())
        add(match, match.group(1), (item.group(1),) if item else ())
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
