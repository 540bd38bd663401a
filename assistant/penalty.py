"""Read a statute's punishment sentence into its parts, and restate it in one plain sentence of its own words.

Pakistani statutes state punishments in one regular form: "shall be punished with imprisonment for a
term which may extend to three years or with fine which may extend to one million rupees or with
both". A business asking "what is our risk?" wants that as "Imprisonment up to three years, a fine up
to one million rupees, or both", which uses only the statute's words, so citation checking holds.

Usage example:
    penalty = read_penalty("... shall be punished with imprisonment for a term which may extend to two "
                           "years or with fine which may extend to ten million rupees or with both.")
    penalty.plain()   # "Imprisonment up to two years, a fine up to ten million rupees, or both."
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sum: "fifty thousand rupees", "rupees five million", "one million rupees", "ten million".
_AMOUNT = r"((?:rupees\s+)?[\w,.\s-]{1,40}?\srupees|rupees\s+[\w,.\s-]{1,30}?\s(?:million|thousand|lakh)|[\w,.\s-]{1,30}?\smillion)"
_TERM = r"([\w\s-]{1,30}?\s(?:years?|months?|days?))"
_UP_TO = r"(?:may\s+extend\s+(?:up\s*to|to)|of\s+up\s+to|not\s+exceeding)"
_AT_LEAST = r"(?:not\s+(?:be\s+)?less\s+than)"
_PUNISHED = re.compile(r"\bpunish(?:ed|able)\s+with\b", re.I)
# "imprisonment of either description", or (ETO s. 36) just "either description of a term".
_PRISON = r"(?:imprisonment|either\s+description)"
_MAX_PRISON = re.compile(rf"{_PRISON}\b[^.;]{{0,120}}?\b{_UP_TO}\s+{_TERM}", re.I)
_FIXED_PRISON = re.compile(rf"imprisonment\s+for\s+a\s+term\s+of\s+{_TERM}", re.I)
_MIN_PRISON = re.compile(rf"{_PRISON}\b[^.;]{{0,120}}?\b{_AT_LEAST}\s+{_TERM}", re.I)
_MAX_FINE = re.compile(rf"\bfine\b[^.;]{{0,40}}?\b{_UP_TO}\s+{_AMOUNT}", re.I)
_MIN_FINE = re.compile(rf"\bfine\b[^.;]{{0,60}}?\b{_AT_LEAST}\s+{_AMOUNT}", re.I)
_BOTH = re.compile(r"\bor\s+with\s+both\b", re.I)
_AND_FINE = re.compile(r"\b(?:and\s+|and\s+with\s+|\bwith\s+(?:a\s+)?)fine\b", re.I)
_OR_FINE = re.compile(r"\bor\s+(?:with\s+)?fine\b", re.I)


@dataclass(frozen=True)
class Penalty:
    """A punishment as the statute words it; every part is the statute's own phrase or ''."""

    max_prison: str = ""
    min_prison: str = ""
    fixed_prison: str = ""  # "imprisonment for a term of ten years"
    max_fine: str = ""
    min_fine: str = ""
    combination: str = ""  # "or both", "and", "or", or "" when only one punishment is named
    fine_named: bool = False  # "or with fine or with both": a fine without a stated amount

    def plain(self) -> str:
        """One sentence, in the statute's words: 'Imprisonment up to X, a fine up to Y, or both.'"""
        parts = []
        if self.fixed_prison:
            parts.append(f"Imprisonment for a term of {self.fixed_prison}")
        elif self.max_prison or self.min_prison:
            prison = "Imprisonment"
            if self.min_prison:
                prison += f" of not less than {self.min_prison}"
            if self.max_prison:
                prison += f"{' and' if self.min_prison else ''} up to {self.max_prison}"
            parts.append(prison)
        if self.max_fine or self.min_fine or (self.fine_named and parts):
            fine = "fine" if parts else "Fine"
            if self.min_fine:
                fine += f" of not less than {self.min_fine}"
            if self.max_fine:
                fine += f"{' and' if self.min_fine else ''} up to {self.max_fine}"
            parts.append(fine)
        if len(parts) == 2:
            if self.combination == "or both":
                return f"{parts[0]}, {parts[1]}, or both."
            return f"{parts[0]}, {'and' if self.combination == 'and' else 'or'} {parts[1]}."
        return f"{parts[0]}." if parts else ""


def read_penalty(sentence: str) -> Penalty | None:
    """The punishment a statute sentence states, or None when it states none."""
    text = re.sub(r"\s+", " ", sentence)
    at = _PUNISHED.search(text)
    if not at:
        return None
    rest = text[at.end():]
    # Only the first punishment: "and for every subsequent violation ..." is a second, harsher one.
    rest = re.split(r"\band\s+for\s+every\s+subsequent\b", rest, maxsplit=1)[0]
    found = {name: (m.group(1).strip(" ,") if m else "") for name, m in (
        ("max_prison", _MAX_PRISON.search(rest)), ("fixed_prison", _FIXED_PRISON.search(rest)),
        ("min_prison", _MIN_PRISON.search(rest)), ("max_fine", _MAX_FINE.search(rest)),
        ("min_fine", _MIN_FINE.search(rest)))}
    if not any(found.values()):
        return None
    if not (found["max_prison"] or found["min_prison"] or found["fixed_prison"]) and re.search(
            r"\b(years?|months?)\b", rest, re.I):
        return None  # a term of imprisonment this reading missed: saying "fine only" would be wrong
    combination = ("or both" if _BOTH.search(rest) else "or" if _OR_FINE.search(rest)
                   else "and" if _AND_FINE.search(rest) else "")
    fine_named = bool(_OR_FINE.search(rest) or _AND_FINE.search(rest))
    return Penalty(**found, combination=combination, fine_named=fine_named)
