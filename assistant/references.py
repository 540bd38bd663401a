"""Parse clause references in a question: "section 26A", "s. 20 of PECA", "clause 4.1.2", "Chapter IC"."""
from __future__ import annotations

import re
from dataclasses import dataclass

_PREFIXED = re.compile(
    r"\b(?:sections?|secs?\.?|s\.|ss\.|§|clauses?|articles?|art\.|paras?\.?|paragraphs?|dafa|daf'a|shiq)\s*"
    r"\(?\s*(\d{1,3}[A-Za-z]{0,2}(?:\.\d{1,2}){0,4})\s*\)?",
    re.I,
)
# The labels listed after a plural prefix: "sections 5 and 6", "ss. 36, 37 and 38", "sections 21 to 24".
_PLURAL_PREFIX = re.compile(r"(?i:sections|ss\.|clauses|articles|paras\.?|paragraphs)\s*$")
_LISTED = re.compile(r"\s*(,\s*(?:and\s+|or\s+)?|(?:and|or|&)\s+|(?:to|-|–)\s*)"
                     r"(\d{1,3}[A-Za-z]{0,2}(?:\.\d{1,2}){0,4})(?![\w.]*\d)"
                     # a number of days or of members is no section
                     r"(?!\s*(?:%|per\s*cent|percent|rupees|times|members|hours?|days?|weeks?|months?|years?)\b)", re.I)
# A range of statute sections is spelt out up to this many labels; a longer one names only its ends.
MAX_SPELT_RANGE = 10
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
# The space inside a bracket is optional only with the bracket, so no run of spaces can be matched two ways.
_ITEM = r"(?:\(\s*)?([IVXL]{1,5}|[ivxl]{1,5}|[a-z]|\d{1,2})(?:\s*\))?"
_ITEM_OF = re.compile(
    rf"\b(?:sub-?\s?clauses?|clauses?|items?|points?|paragraphs?|paras?\.?|sub-?\s?sections?)\b\s*{_ITEM}\s+"
    r"(?:of|under|in)\s+(?:the\s+)?(?:(?:policy\s+)?(?:sections?|clauses?|paragraphs?|paras?\.?)\s*)?"
    r"(\d{1,2}(?:\.\d{1,2}){1,4})(?![\d.]*\d)", re.I)
_TRAILING_ITEM = re.compile(r"\s?\(\s*([IVXL]{1,5}|[ivxl]{1,5}|[a-z]|\d{1,2})\s*\)")
# Items named apart from their clause: "On clause 4.1.1 ... Per sub-clauses VI and VII, how is the Fund governed?".
# A bare item is a capital roman numeral not followed by a lower-case word other than a connector, since a lone
# lower-case letter or "I" after "items" may be a word ("the items I listed"); any marker may stand in brackets.
_ITEM_MARK = r"(?:[IVXL]{1,5}(?![\w.])(?!\s+(?!(?:and|to|of|in|under|from)\b)[a-z])|\(\s*(?:[IVXL]{1,5}|[ivxl]{1,5}|[a-z]|\d{1,2})\s*\))"
_DETACHED_ITEMS = re.compile(rf"(?i:\b(?:sub-?\s?clauses?|items?|points?)\b)\s*({_ITEM_MARK}"
                             rf"(?:\s*(?:,|&|-|–|(?i:and)|(?i:to))\s*{_ITEM_MARK}){{0,9}})")


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
        if _PLURAL_PREFIX.search(question[match.start():match.start(1)]):
            found += _listed_after(question, match, taken)
    for match in _DOTTED.finditer(question):
        item = _TRAILING_ITEM.match(question, match.end())
        add(match, match.group(1), (item.group(1),) if item else ())
    for match in _BARE_ACT_LABEL.finditer(question):
        add(match, match.group(1).upper())
    found += _detached_items(question, [ref for _, ref in found], taken)
    return [ref for _, ref in sorted(found, key=lambda pair: pair[0])]


def _listed_after(question: str, first: re.Match, taken: list[range]) -> list[tuple[int, ClauseReference]]:
    """The further labels a plural prefix lists ("sections 5 and 6", "ss. 36, 37 and 38"), each a reference of its
    own; a range of plain section numbers ("sections 21 to 24") names those between too."""
    listed: list[tuple[int, ClauseReference]] = []
    previous, at = first.group(1), first.end()
    while (match := _LISTED.match(question, at)) is not None:
        label = match.group(2) if "." in match.group(2) else match.group(2).upper()
        start = match.start(2)
        if match.group(1).strip() in ("to", "-", "–") and previous.isdigit() and label.isdigit():
            between = range(int(previous) + 1, int(label))
            if len(between) < MAX_SPELT_RANGE:
                listed += [(start, ClauseReference(str(n), match.group(2), start)) for n in between]
        listed.append((start, ClauseReference(label, match.group(2), start)))
        taken.append(range(start, match.end()))
        previous, at = label, match.end()
    return listed


def _detached_items(question: str, references: list[ClauseReference], taken: list[range]
                    ) -> list[tuple[int, ClauseReference]]:
    """Items named apart from the one policy clause the question names, each as a reference to that clause's item;
    none when the question names no policy clause, several, or already names an item of it."""
    clauses = {ref.label for ref in references if ref.is_policy_clause}
    if len(clauses) != 1 or any(ref.part for ref in references):
        return []
    label = clauses.pop()
    items: list[tuple[int, ClauseReference]] = []
    for match in _DETACHED_ITEMS.finditer(question):
        if any(match.start() in t or t.start in range(match.start(), match.end()) for t in taken):
            continue
        marks = list(re.finditer(_ITEM_MARK, match.group(1)))
        for n, item in enumerate(marks):
            marker = item.group().strip("() \t")
            start = match.start(1) + item.start()
            items.append((start, ClauseReference(label, item.group(), start, (marker,))))
            if n + 1 < len(marks) and re.fullmatch(r"\s*(?i:to|-|–)\s*",
                                                  match.group(1)[item.end():marks[n + 1].start()]):
                # "items VI to IX": the items between are named too.
                between = _roman_between(marker, marks[n + 1].group().strip("() \t"))
                items += [(start, ClauseReference(label, item.group(), start, (m,))) for m in between]
    return items


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman_value(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _roman_numeral(value: int) -> str:
    out = ""
    for number, numeral in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out, value = out + numeral, value - number
    return out


def _roman_between(first: str, last: str) -> list[str]:
    """The roman numerals strictly between two capital ones ("VI", "IX" -> VII, VIII); [] for anything else."""
    if not (re.fullmatch(r"[IVXL]+", first) and re.fullmatch(r"[IVXL]+", last)):
        return []
    low, high = _roman_value(first), _roman_value(last)
    return [_roman_numeral(v) for v in range(low + 1, high)] if 0 < high - low <= 20 else []


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
