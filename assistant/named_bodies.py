"""Bodies and offices a question names ("the Cyber Ombudsman", "Chief AI Officer"), and whether the texts name them.

A question about a body the indexed documents never name ("Who chairs the National AI Ethics Council?") has
no answer in them, however close its other words come to a passage about some other council. Names are
read from the question's wording (capitalised words ending in an institution's kind), and a name counts as
named in the texts when one passage uses all of its words: "Social Media Protection Authority" is PECA's
"Social Media Protection and Regulatory Authority", "FIA's Cyber Crime Wing" is PECA s. 29's "Cyber Crime
Wing of the Federal Investigation Agency".

Usage example:
    index = NameIndex(chunks)
    unnamed_bodies(body_names("How do I complain to the Cyber Ombudsman?"), index)   # ("Cyber Ombudsman",)
"""
from __future__ import annotations

import re
from typing import Sequence

from assistant.language import ROMAN_URDU_MARKERS, stemmed_tokens
from assistant.question_type import asking_sentences
from assistant.types import Chunk

# The kinds of institution or office a name ends with. Generic nouns ("the Authority") are checked like any
# other name; being in the texts, they never decline anything.
INSTITUTION_KINDS = (
    "Agency", "Authority", "Board", "Bureau", "Cell", "Centre", "Center", "Commission", "Committee", "Council",
    "Court", "Department", "Directorate", "Division", "Forum", "Fund", "Institute", "Ministry", "Office", "Officer",
    "Ombudsman", "Regulator", "Registrar", "Registry", "Secretariat", "Team", "Tribunal", "Unit", "Wing",
)
_KIND = "|".join(INSTITUTION_KINDS)
_CAPITALISED = r"(?:[A-Z][\w&-]*(?:'s|’s)?)"
_CONNECTOR = r"(?:of|for|and|on|the|&)"
# A run of capitalised words ending in a kind ("National AI Ethics Council"), or a kind with its capitalised
# complement ("Registrar of Electronic Signatures"). A kind followed by another capitalised word is part of a
# longer name ("Electronic Fund Transfers Act" is a law, not a fund), so the run must end there.
_NAME = re.compile(
    rf"(?<![\w-])((?:{_CAPITALISED}\s+(?:{_CONNECTOR}\s+)?){{0,6}}(?:{_KIND})s?"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_CAPITALISED}(?:\s+(?:{_CONNECTOR}\s+)?{_CAPITALISED})*)?)(?![\w-]|\s+[A-Z])")
# How far apart a name's words may stand in a passage, per word of the name, stop words not counted: "Social
# Media Protection and Regulatory Authority" carries the 4 words of "Social Media Protection Authority" within 5
# (the limit for 4 words is 8). Set on the 80 names in dev questions: at 3 a policy passage's "Chief Executive
# Officer ... AI" named a "Chief AI Officer"; at 2 all 56 names in answerable questions are found, and 7 of the
# 24 in unanswerable ones are not (the other 17 are real bodies asked about what the texts lack).
NAME_SPREAD = 2
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_POSSESSIVE = re.compile(r"['’]s\b")
# A capitalised question word at the start of a sentence is not part of a name ("Does the Registrar ...", and in
# Roman Urdu "Agar Social Media Protection Tribunal ka faisla ...", "if the Tribunal's decision ...").
_NOT_NAME_WORDS = frozenset({"what", "which", "who", "whom", "whose", "how", "when", "where", "why", "does", "do",
                             "did", "is", "are", "can", "could", "will", "would", "should", "must", "may", "under",
                             "if", "before", "after", "our", "we", "my", "i", "as", "in", "to", "by", "a", "an",
                             "the"}) | ROMAN_URDU_MARKERS
_OWNER = re.compile(r"\b(?:our|my|your|their|his|her|its)\s+$", re.I)
# The country's name is in the documents' titles and preambles, rarely beside the body it qualifies.
_QUALIFIERS = frozenset({"pakistan", "pakistani"})


def body_names(question: str) -> tuple[str, ...]:
    """Names of bodies or offices in the sentences that ask, each once, in order. The asker's own ("our
    Compliance Team", "my Company") are described, not named: they are not bodies the law sets up."""
    return _names(asking_sentences(question), skip_owned=True, with_acronyms=False)


def names_in(text: str) -> tuple[str, ...]:
    """Names of bodies or offices anywhere in a text (an answer, not a question), each once, in order, with the
    acronym a name is given in brackets after it ("National Cyber Crime Investigation Agency (NCCIA)")."""
    return _names(text, skip_owned=False, with_acronyms=True)


_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z-]{1,9})\)")


def _names(text: str, skip_owned: bool, with_acronyms: bool) -> tuple[str, ...]:
    names: list[str] = []
    for match in _NAME.finditer(text):
        if skip_owned and _OWNER.search(text, 0, match.start()):
            continue
        words = match.group(1).split()
        while words and words[0].lower().strip("'’") in _NOT_NAME_WORDS:
            words.pop(0)
        acronym = _BRACKETED_ACRONYM.match(text, match.end()) if with_acronyms else None
        for name in (" ".join(words), acronym.group(1) if acronym else ""):
            if name and name not in names:
                names.append(name)
    return tuple(names)


# “Authority” means the Social Media Protection and Regulatory Authority ...: a statute names a body in full once,
# in its definitions, and by the short term everywhere else.
_SHORT_NAME_DEFINITION = re.compile(
    r"[“\"]([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)[”\"]\s+means\s+(?:the\s+)?"
    r"((?:[A-Z][\w-]*\s+(?:(?:of|for|and|&)\s+)?){1,8}[A-Z][\w-]*)")


def defined_short_names(chunks: Sequence[Chunk]) -> dict[str, str]:
    """Full names of bodies the texts define a short term for, mapped to that term: {"Social Media Protection and
    Regulatory Authority": "Authority"}. Only a full name that ends in its short term's kind counts ("Code" for the Code
    of Criminal Procedure is a nickname, not a body's kind), and only a term one full name is given for: PECA defines
    "Tribunal" as the Telecommunication Appellate Tribunal and as the Social Media Protection Tribunal."""
    full_names: dict[str, set[str]] = {}
    for chunk in chunks:
        for match in _SHORT_NAME_DEFINITION.finditer(chunk.text):
            short, full = match.group(1), " ".join(match.group(2).split())
            if full.split()[-1].lower() == short.split()[-1].lower() and len(full.split()) > len(short.split()):
                full_names.setdefault(short, set()).add(full)
    return {next(iter(fulls)): short for short, fulls in full_names.items() if len(fulls) == 1}


# Dev, with the texts' one such term ("Authority"): +2 (the Authority's size asked in Roman Urdu, a wrong decline
# before; who audits its accounts), -1 (a topic change on who acts "until the new Authority and the NCCIA are set
# up", which the Amendment Act's transitory section answers, fell to the Authority's powers).
def in_short_names(text: str, short_names: dict[str, str]) -> str:
    """The text with each body's full name written as the short term its statute uses for it: "How many members
    does the Social Media Protection and Regulatory Authority have?" searches as the texts speak ("the Authority
    shall consist of ..."), not by the words it shares with the "Social Media Complaint Council"."""
    for full in sorted(short_names, key=len, reverse=True):
        words = [r"(?:and|&)" if w.lower() == "and" else re.escape(w) for w in full.split()]
        pattern = r"(?<![\w-])" + r"\s+".join(words) + r"(s?)(?![\w-])"
        text = re.sub(pattern, lambda m, short=short_names[full]: short + m.group(1), text, flags=re.I)
    return text


class NameIndex:
    """Which passages use each word stem, and the initials of the texts' capitalised names ("FIA")."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        # stem -> passage -> the stem's word positions in that passage
        self._positions: dict[str, dict[int, list[int]]] = {}
        self._initials: set[str] = set()
        for passage, chunk in enumerate(chunks):
            for at, stem in enumerate(stemmed_tokens(chunk.embed_text)):
                self._positions.setdefault(stem, {}).setdefault(passage, []).append(at)
            self._initials |= _name_initials(chunk.text)

    def names(self, name: str) -> bool:
        """Whether one passage uses every word of the name close together. An acronym in front qualifies the name
        rather than standing in it ("NAIF Board of Directors"): it need only be in the same passage, or be one the
        texts only spell out ("FIA's Cyber Crime Wing")."""
        words: list[set[str]] = []
        qualifiers: list[str] = []
        for word in _POSSESSIVE.sub("", name).split():
            if _ACRONYM.fullmatch(word) and not words:
                if word.lower() in self._positions:
                    qualifiers.append(word.lower())
                elif word not in self._initials:
                    return False
                continue
            spellings = [stemmed_tokens(spelling) for spelling in _spellings(word)]
            for at, stem in enumerate(spellings[0]):
                if stem not in _QUALIFIERS:
                    words.append({stems[at] for stems in spellings if at < len(stems)})
        if not words:
            return all(q in self._positions for q in qualifiers)
        where = [set().union(*(self._positions.get(s, {}) for s in alternatives)) for alternatives in words]
        where += [set(self._positions[q]) for q in qualifiers]
        reach = NAME_SPREAD * len(words)
        for passage in set.intersection(*where):
            spots = [[at for s in alternatives for at in self._positions.get(s, {}).get(passage, ())]
                     for alternatives in words]
            if _within(reach, spots):
                return True
        return False


def _within(reach: int, positions: list[list[int]]) -> bool:
    """Whether one occurrence of each word falls inside a stretch of `reach` words."""
    for start in positions[0]:
        if all(any(abs(at - start) < reach for at in word) for word in positions[1:]):
            return True
    return False


def unnamed_bodies(names: Sequence[str], index: NameIndex) -> tuple[str, ...]:
    """The names no indexed passage uses."""
    return tuple(name for name in names if not index.names(name))


def _spellings(word: str) -> tuple[str, ...]:
    """The word and its other English spelling: "Centre" and "Center", "Organisation" and "Organization"."""
    low = word.lower()
    other = re.sub(r"tre(s?)$", r"ter\1", low)
    other = re.sub(r"our(s?)$", r"or\1", other)
    other = re.sub(r"is(e|es|ed|ing|ation|ations)$", r"iz\1", other)
    return (low, other) if other != low else (low,)


_TEXT_NAME = re.compile(r"(?:[A-Z][\w-]*)(?:\s+(?:(?:of|for|and|the)\s+)*[A-Z][\w-]*)+")


def _name_initials(text: str) -> set[str]:
    """Initials of every stretch of a capitalised name ("Federal Investigation Agency" -> "FIA", "IA", ...)."""
    found = set()
    for match in _TEXT_NAME.finditer(text):
        capitals = [w[0] for w in match.group(0).split() if w[0].isupper()]
        for start in range(len(capitals)):
            for end in range(start + 2, min(len(capitals), start + 7) + 1):
                found.add("".join(capitals[start:end]))
    return found
