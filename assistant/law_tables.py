"""The law as data: offences and penalties, duties, and the amendment map, read from indexed sections.

Statutes say these things in a very regular form ("shall be punished with imprisonment for a term
which may extend to ...", "A service provider shall ...", "1Ins. by Act No. II of 2025, s.5.",
"Insertion of new section 26A"). The tables are read from the index's own sections when the index is
opened, so they always belong to its build; every row carries its section and PDF page.

Usage example:
    tables = build_tables(resources.sections, resources.sources)
    [row.plain for row in tables.offences if row.section == "26A"]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from assistant.penalty import read_penalty
from assistant.types import Chunk, DocStatus, Section, Source

# ---- numbers in words ------------------------------------------------------------------------
_UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if n >= 2}
_SCALES = {"hundred": 100, "thousand": 1_000, "lakh": 100_000, "lac": 100_000, "million": 1_000_000,
           "crore": 10_000_000, "billion": 1_000_000_000}


def words_to_number(text: str) -> int:
    """'fifty thousand' -> 50000, 'rupees five million' -> 5000000, '1,000,000' -> 1000000; 0 if none."""
    digits = re.search(r"\d[\d,]*", text)
    words = re.findall(r"[a-z]+", text.lower())
    if digits and not any(w in _UNITS or w in _TENS for w in words):
        value = int(digits.group().replace(",", ""))
        scale = next((_SCALES[w] for w in words if w in _SCALES and w != "hundred"), 1)
        return value * scale
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current


def months(term: str) -> int:
    """'three years' -> 36, 'six months' -> 6, '' -> 0."""
    if not term:
        return 0
    count = words_to_number(term)
    return count * 12 if re.search(r"\byears?\b", term, re.I) else count


# ---- footnotes and markers of the consolidated text ----------------------------------------------
# A footnote names one action or several ("Subs., Omitted, added and ins. by"), then the Act by number
# ("Act No. II of 2025", "XXXVII of 2023") or by name with its number in brackets, then its section(s).
_ACTION = r"(?i:Subs|Ins|Omitted|Omitd|Added|Numbered|Renumbered|Amended|Inserted|Substituted)\b\.?"
_FOOTNOTE = re.compile(
    rf"(\d{{1,2}})\s?({_ACTION}(?:,?\s*(?:(?i:and)\s+)?{_ACTION})*)"
    r"\s*by\s+(?:the\s+[A-Z][^()]{0,100}?\(\s*)?(?:Act\s+)?(?:No\.?\s*)?([IVXLC]+)\s+of\s+(\d{4})\)?,?\s*"
    r"(?:ss?\.\s?([\d]+(?:\s?[-–]\s?\d+)?))?\.?")
_MARKER = re.compile(r"(?<![\w.])(\d{1,2})\[")
_ANY_MARKER = re.compile(r"(?<![\w.])(\d{1,2})?\[")


def strip_editorial(text: str) -> str:
    """Section text without footnotes and their markers ('1[', ']'), which break sentences apart."""
    text = _FOOTNOTE.sub(" ", text)
    text = _MARKER.sub("", text).replace("]", "")
    return re.sub(r"\s+", " ", text).strip()


def _footnote_action(words: str, opens_label: str = "") -> str:
    """The action a footnote records for one marker. A footnote that lists several actions ("Ins. and subs.")
    is read through the marker: one opening a section with a lettered label (26A) inserted it, one opening a
    plain-numbered section (29) substituted it; a marker inside a section's text amended it."""
    lowered = words.lower()
    kinds = [k for k, stem in (("substituted", "subs"), ("inserted", "ins"), ("omitted", "omit"), ("added", "add"),
                               ("amended", "number")) if stem in lowered]
    if len(kinds) == 1:
        return kinds[0]
    if opens_label and "inserted" in kinds and not opens_label.isdigit():
        return "inserted"
    if opens_label and "substituted" in kinds and opens_label.isdigit():
        return "substituted"
    return "amended"


# ---- offences -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class OffenceRow:
    """One punishable provision; months and rupees are 0 where the text states none."""

    doc_id: str
    section: str
    subsection: str
    heading: str
    max_imprisonment_months: int
    min_imprisonment_months: int
    max_fine_rupees: int
    min_fine_rupees: int
    combination: str  # "or both", "and", "or", "only imprisonment", "only fine"
    repeat_or_aggravated: str
    page: int
    quote: str
    plain: str
    omitted_by: str = ""

    @property
    def omitted(self) -> bool:
        return bool(self.omitted_by)


_SUBSECTION = re.compile(r"(?:^|(?<=\s)|(?<=—))\((\d{1,2})\)\s*(?=[A-Z“\"'])")
_PUNISHMENT = re.compile(r"\bpunish(?:ed|able)\b", re.I)
_TERM = r"[\w\s-]{1,30}?\s(?:years?|months?)"
_LATER = re.compile(r"\b(?:subsequent|second\s+or\s+subsequent|repeat(?:ed)?|again)\b|\bProvided\s+that\b", re.I)


def subsections(text: str) -> list[tuple[str, str]]:
    """[(number or '', text)] for a section's sub-sections; a section without '(1)' is one part."""
    marks = list(_SUBSECTION.finditer(text))
    if not marks:
        return [("", text)]
    parts = [("", text[:marks[0].start()])] if text[:marks[0].start()].strip(" .—-") else []
    for mark, following in zip(marks, marks[1:] + [None]):
        parts.append((mark.group(1), text[mark.end():following.start() if following else len(text)]))
    return parts


def offence_rows(section: Section) -> list[OffenceRow]:
    """The punishments one section states, one row per sub-section that states one."""
    rows = []
    clean = strip_editorial(section.text)
    for number, part in subsections(clean):
        found = _PUNISHMENT.search(part)
        if not found:
            continue
        start = max(part.rfind(". ", 0, found.start()), part.rfind("; ", 0, found.start()), part.rfind("—", 0, found.start()))
        sentence = part[start + 1:].strip(" —")
        first, later = _split_first_offence(sentence)
        penalty = read_penalty(_normalise_punishable(first))
        if penalty is None:
            continue
        prison_text = _prison_part(first)
        max_terms = [months(t) for t in re.findall(rf"(?:may\s+extend\s+(?:up\s*to|upto|to)|not\s+exceeding)\s+({_TERM})",
                                                     prison_text, re.I)]
        rows.append(OffenceRow(
            doc_id=section.doc_id, section=section.label, subsection=number, heading=section.title,
            max_imprisonment_months=max(max_terms + [months(penalty.max_prison), months(penalty.fixed_prison)]),
            min_imprisonment_months=months(penalty.min_prison),
            max_fine_rupees=words_to_number(penalty.max_fine), min_fine_rupees=_min_fine(first, penalty.min_fine),
            combination=_combination(penalty), repeat_or_aggravated=later[:200], page=section.page_start,
            quote=first[:400].strip(),
            plain=penalty.plain(),
        ))
    return rows


def _normalise_punishable(sentence: str) -> str:
    # "punishable, if committed for the first time, with fine" -> "punishable with fine"
    return re.sub(r"\b(punish(?:ed|able)),[^,]{0,60},\s*with\b", r"\1 with", sentence)


def _split_first_offence(sentence: str) -> tuple[str, str]:
    """The first offence's punishment, and the harsher one for a later or aggravated offence ('' if none)."""
    at = _PUNISHMENT.search(sentence)
    later = _LATER.search(sentence, at.end() if at else 0)
    if not later:
        return sentence, ""
    return sentence[:later.start()], sentence[later.start():].strip()


def _prison_part(sentence: str) -> str:
    at = _PUNISHMENT.search(sentence)
    rest = sentence[at.end():] if at else sentence
    return re.split(r"\bfine\b", rest, maxsplit=1)[0]


def _min_fine(sentence: str, stated: str) -> int:
    if stated:
        return words_to_number(stated)
    # "fine of rupees fifty thousand which may extend upto rupees five million": the stated sum is the floor.
    floor = re.search(r"\bfine\s+of\s+((?:rupees\s+)?[\w\s,]{1,30}?)\s+which\s+may\s+extend", sentence, re.I)
    return words_to_number(floor.group(1)) if floor else 0


def _combination(penalty) -> str:
    has_prison = bool(penalty.max_prison or penalty.min_prison or penalty.fixed_prison)
    has_fine = bool(penalty.max_fine or penalty.min_fine or penalty.fine_named)
    if has_prison and has_fine and penalty.combination:
        return penalty.combination
    return "only imprisonment" if has_prison else "only fine"


@dataclass(frozen=True)
class Omission:
    """The provision that omits a section of another statute: 'PECA s. 54' omits ETO ss. 36 and 37."""

    doc_id: str
    section: str
    label: str


# "sections 5 and 6 of the Electronic Transactions Ordinance, 2002": sections of another statute, by its title.
_OTHER_STATUTE_SECTIONS = (r"[Ss]ections?\s+([\dA-Z]+(?:\s*(?:,|and)\s*[\dA-Z]+)*)\s+of\s+the\s+"
                           r"([A-Z][\w\s,]+?\d{4})")
_OMITTED = re.compile(_OTHER_STATUTE_SECTIONS + r"[^.]{0,40}?\s+(?:are|is|shall\s+stand)\s+omitted")


def _statute_named(title: str, sources: Sequence[Source]) -> Source | None:
    """The catalog document a statute's printed title names ("the Electronic Transactions Ordinance, 2002")."""
    return next((s for s in sources if s.title.lower().startswith(title.lower().split(",")[0].strip())
                 or title.lower().startswith(s.title.lower().split(",")[0])), None)


def omissions(sections: Sequence[Section], sources: Sequence[Source]) -> dict[tuple[str, str], Omission]:
    """{(doc id, section): Omission} for sections another indexed statute says are omitted."""
    found: dict[tuple[str, str], Omission] = {}
    for section in sections:
        for match in _OMITTED.finditer(strip_editorial(section.text)):
            target = _statute_named(match.group(2), sources)
            if target is None:
                continue
            by = Omission(section.doc_id, section.label, f"{short_label(section.doc_id, sources)} s. {section.label}")
            for label in re.findall(r"[\dA-Z]+", match.group(1)):
                found[(target.id, label)] = by
    return found


def cross_references(sections: Sequence[Section], sources: Sequence[Source]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """{(doc id, section): [(other doc id, its section), ...]} for provisions that apply another indexed statute's
    sections ("... as provided under sections 5 and 6 of the Electronic Transactions Ordinance, 2002")."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    pattern = re.compile(_OTHER_STATUTE_SECTIONS)
    for section in sections:
        for match in pattern.finditer(strip_editorial(section.text)):
            target = _statute_named(match.group(2), sources)
            if target is None or target.id == section.doc_id:
                continue
            targets = found.setdefault((section.doc_id, section.label), [])
            targets += [(target.id, label) for label in re.findall(r"\d+[A-Z]*", match.group(1))
                        if (target.id, label) not in targets]
    return found


def short_label(doc_id: str, sources: Sequence[Source]) -> str:
    """'PECA', 'ETO' from a document's short name, for row labels such as 'PECA s. 32(1)'."""
    source = next((s for s in sources if s.id == doc_id), None)
    return source.short_name.split(" (")[0].split(" 20")[0] if source else doc_id


# ---- obligations ----------------------------------------------------------------------------------
# Parties a duty may bind, most specific first; True marks the state's own bodies and officers.
PARTIES: tuple[tuple[str, str, bool], ...] = (
    (r"certification\s+service\s+providers?", "certification service provider", False),
    (r"social\s+media\s+platforms?", "social media platform", False),
    (r"service\s+providers?", "service provider", False),
    (r"owners?\s+of\s+(?:the\s+|an\s+|any\s+)?(?:designated\s+|critical\s+)?information\s+systems?",
     "owner of information system", False),
    (r"subscribers?", "subscriber", False),
    (r"Certification\s+Council", "Certification Council", True),
    (r"Complaint\s+Council", "Social Media Complaint Council", True),
    (r"Federal\s+Government", "Federal Government", True),
    (r"Provincial\s+Government", "Provincial Government", True),
    (r"investigation\s+agency", "investigation agency", True),
    (r"designated\s+agency", "designated agency", True),
    (r"investigating\s+officer", "investigating officer", True),
    (r"authori[sz]ed\s+officer", "authorised officer", True),
    (r"Chairperson", "Chairperson", True),
    (r"Tribunal", "Tribunal", True),
    (r"(?<![a-z])Court", "court", True),
    (r"(?<![a-z])Authority", "Authority", True),
    (r"(?:every|any|a|no|the)\s+person|\bwhoever", "person", False),
)
_SHALL = re.compile(
    r"\bshall\b(?!\s+(?:be\s+punish|be\s+guilty|be\s+deemed|be\s+liable|be\s+construed|have\s+effect|come\s+into|"
    r"extend\s+to|mean|apply|not\s+apply|be\s+called|include|stand|be\s+inserted|be\s+substituted|be\s+omitted|"
    r"be\s+added|be\s+renumbered|continue|prevail|be\s+entitled|be\s+a\s+body|be\s+the|be\s+an?\b|consist|"
    r"hold\s+office|be\s+appointed|be\s+exempt|not\s+be\s+(?:liable|construed|deemed)|also\s+include))", re.I)
_CLAUSE_START = re.compile(r"[.;:—]\s|\(\w{1,4}\)\s|\bthat\b|\bwhere\b|\bif\b", re.I)
_TIME_LIMIT = re.compile(
    r"\b(?:within\s+[\w\s-]{1,25}?\s(?:hours?|days?|weeks?|months?|years?)|(?:for\s+a\s+)?(?:minimum\s+)?period\s+of\s+"
    r"[\w\s-]{1,20}?\s(?:hours?|days?|months?|years?)|forthwith|without\s+delay|immediately)", re.I)


@dataclass(frozen=True)
class ObligationRow:
    """One duty a party bears, in the statute's words."""

    doc_id: str
    section: str
    subsection: str
    who: str
    state: bool
    duty: str
    time_limit: str
    page: int
    # The duty is the whole sentence ("... directives to be followed by service providers"), not what follows "shall".
    passive: bool = False


_BUSINESS_PARTIES = tuple(p for p in PARTIES if not p[2] and p[1] != "person")
_PARTY_ALTERNATION = "|".join(f"(?:{pattern})" for pattern, _, _ in _BUSINESS_PARTIES)
# Duties put on a party without it being the subject of "shall": "directives to be followed by service
# providers", "may require any social media platform ... to enlist", "shall not be streamed on social media platforms".
# A clause that states the consequence of a party's breach ("In case of any violation or non-implementation of any
# directions of the Authority by a social media platform, ...") puts the duty it speaks of on that party.
_AGENT = re.compile(r"\b(?:to\s+be\s+(?:followed|complied\s+with|implemented|observed)\s+by|may\s+require|"
                    r"(?:violation|non-implementation|non-compliance|contravention)\s+of\s+[^.;:]{0,100}?\s+by)\s+"
                    r"([^.;:]{0,120}?)(?=\s+(?:in|to|within|for)\s|[.;:,]|$)", re.I)


# "shall be subject to liability", "shall be under any obligation", "the burden shall be on ...": a
# protection, an exemption or a burden of proof, not a duty.
_NOT_A_DUTY = re.compile(r"(?:also\s+)?(?:not\s+)?(?:under\s+any\s+circumstances?\s+)?be\s+(?:subject\s+to|liable|held\s+liable|"
                         r"under\s+(?:any|no)\s+obligation|compelled|upon|on)\b", re.I)
# "X shall be eminent ...", "shall cease to have effect", "shall vest in", "shall not prejudice": what X is or
# what becomes of it, not something X must do. (Passive duties with a named party are read separately.)
# "shall have the power", "shall exercise jurisdiction": a power conferred, not a duty imposed.
_NOT_AN_ACTION = re.compile(r"(?:not\s+)?(?:be|cease|vest|prejudice|affect)\b|have\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:powers?|"
                            r"jurisdiction|casting\s+vote|right)\b|exercise\s+(?:such\s+|its\s+|all\s+)?(?:powers?|"
                            r"jurisdiction|functions)\b|constitute\s+a\s+quorum", re.I)
_PASSIVE_AGENT = re.compile(rf"\b(?:on|by)\s+(?:the\s+|any\s+|all\s+|every\s+)?({_PARTY_ALTERNATION})", re.I)


def obligation_rows(section: Section) -> list[ObligationRow]:
    """Duties in one section: "X shall ...", and duties put on a business party in the passive."""
    rows = []
    for number, part in subsections(strip_editorial(section.text)):
        for match in _SHALL.finditer(part):
            subject = part[max(0, match.start() - 160):match.start()]
            starts = list(_CLAUSE_START.finditer(subject))
            subject = subject[starts[-1].end():] if starts else subject
            duty = re.split(r"(?<=[.;])\s|:\s*Provided", part[match.end():], maxsplit=1)[0].strip(" .;,")[:300]
            if _NOT_A_DUTY.match(duty):
                continue
            # No party before "shall": a passive duty may name the business party it falls on
            # ("shall not be streamed ... on social media platforms", "shall be met by any certification service provider").
            party = _nearest_party(subject)
            if party is not None:
                if not _NOT_AN_ACTION.match(duty):
                    rows.append(_row(section, number, party, duty))
                continue
            agent = _PASSIVE_AGENT.search(duty)
            party = _party(agent.group(1), _BUSINESS_PARTIES) if agent else None
            if party is not None:
                rows.append(_row(section, number, party, f"{subject.strip()} shall {duty}"[:300], passive=True))
        for match in _AGENT.finditer(part):
            ends = [part.rfind(mark, 0, match.start()) for mark in (". ", "; ")]
            start = max((at + 2 for at in ends if at >= 0), default=0)
            duty = re.split(r"(?<=[.;])\s", part[start:], maxsplit=1)[0].strip(" .;,")
            duty = _HEADING_DASH.sub("", duty, count=1) if duty.startswith(section.title[:20]) else duty
            duty = duty[:300]
            for party in [p for p in _BUSINESS_PARTIES if re.search(p[0], match.group(1), re.I)]:
                if not any(r.subsection == number and r.who == party[1] for r in rows):
                    rows.append(_row(section, number, (party[1], party[2]), duty, passive=True))
    return rows


# The section's own heading in front of its text: "Violation or non-implementation.__ ".
_HEADING_DASH = re.compile(r"^[^.—_]{1,200}?\.?\s*(?:—|__|_)\s*")


# A party after a preposition is an object ("before the Court", "notice of the Court"), not who "shall" binds.
_OBJECT_OF = re.compile(r"\b(?:before|of|to|by|from|with|in|on|under|against|for|upon)\s+(?:the\s+|any\s+|a\s+|an\s+|"
                        r"such\s+|respective\s+|its\s+)*(?:[A-Z]\w+\s+)?$", re.I)


def _nearest_party(subject: str) -> tuple[str, bool] | None:
    """The party named last before "shall" ("the Federal Government ... the Tribunal shall" binds the Tribunal)."""
    # Of two names ending at the same word, the longer is the party ("certification service provider").
    found = [(m.end(), len(m.group(0)), (name, state)) for pattern, name, state in PARTIES
             for m in re.finditer(pattern, subject, 0 if state else re.I)
             if not _OBJECT_OF.search(subject[:m.start()])]
    return max(found)[2] if found else None


def _party(text: str, parties) -> tuple[str, bool] | None:
    return next(((name, state) for pattern, name, state in parties if re.search(pattern, text, re.I if not state else 0)),
                None)


def _row(section: Section, number: str, party: tuple[str, bool], duty: str, passive: bool = False) -> ObligationRow:
    limit = _TIME_LIMIT.search(duty)
    return ObligationRow(section.doc_id, section.label, number, party[0], party[1], duty,
                         limit.group(0) if limit else "", section.page_start, passive)


# ---- amendment map --------------------------------------------------------------------------------
@dataclass(frozen=True)
class AmendmentRow:
    """One change to one section: what the consolidated text's footnote or the amending Act says."""

    section: str
    action: str  # inserted, substituted, amended, omitted
    act: str  # "II of 2025"
    act_section: str
    doc_id: str  # where this row was read
    page: int


_ACT_HEADING = re.compile(r"^(Amendment|Insertion|Substitution|Omission|Addition)[,]?\s+of\s+(?:new\s+)?"
                          r"(?:(sections?)\s+([\dA-Z]+(?:\s*(?:,|and|to)\s*[\dA-Z]+)*)|Chapters?)", re.I)
_HEADING_ACTION = {"amendment": "amended", "insertion": "inserted", "substitution": "substituted",
                   "omission": "omitted", "addition": "inserted"}


def amendment_rows(sections: Sequence[Section], sources: Sequence[Source]) -> list[AmendmentRow]:
    """The amending Acts' sections (by heading) and the consolidated texts' footnotes, as one list."""
    rows: list[AmendmentRow] = []
    by_doc: dict[str, list[Section]] = {}
    for section in sections:
        by_doc.setdefault(section.doc_id, []).append(section)
    status = {s.id: s.status for s in sources}
    for doc_id, doc_sections in by_doc.items():
        if status.get(doc_id) is DocStatus.AMENDING_ACT:
            rows += _act_rows(doc_id, doc_sections, sources)
        elif status.get(doc_id) in (DocStatus.CONSOLIDATED, DocStatus.IN_FORCE):
            rows += _footnote_rows(doc_id, doc_sections)
    return rows


def _act_rows(doc_id: str, sections: list[Section], sources: Sequence[Source]) -> list[AmendmentRow]:
    act = _act_number(next((s for s in sources if s.id == doc_id), None))
    rows = []
    for n, section in enumerate(sections):
        heading = _ACT_HEADING.match(section.title)
        if not heading:
            continue
        action = _HEADING_ACTION[heading.group(1).lower()]
        body = section.text
        if heading.group(3):
            targets = re.findall(r"\d+[A-Z]*", heading.group(3))
        else:  # "Insertion of Chapters IA, IB and IC": the sections printed after it, up to the next heading
            targets = []
            for following in sections[n + 1:]:
                if _ACT_HEADING.match(following.title):
                    break
                if re.fullmatch(r"\d+[A-Z]*", following.label):
                    targets.append(following.label)
        if action == "amended" and re.search(r"for\s+section\s+\d+[A-Z]*,?\s+the\s+following\s+shall\s+be\s+substituted",
                                             body, re.I):
            action = "substituted"
        rows += [AmendmentRow(t, action, act, section.label, doc_id, section.page_start) for t in targets]
    return rows


def _act_number(source: Source | None) -> str:
    found = re.search(r"Act\s+No\.?\s*([IVXLC]+)\s+of\s+(\d{4})", source.title if source else "")
    return f"{found.group(1)} of {found.group(2)}" if found else ""


def _footnote_rows(doc_id: str, sections: list[Section]) -> list[AmendmentRow]:
    """Each marker 'N[' in a section, joined to the next footnote N in reading order (the page's foot)."""
    rows = []
    pieces = _provision_pieces(sections)
    sections = [section for section, _ in pieces]
    text = "".join(f"\x00{n}\x00{piece}" for n, (_, piece) in enumerate(pieces))
    owners = [(m.start(), int(m.group(1))) for m in re.finditer(r"\x00(\d+)\x00", text)]

    def owner_at(position: int) -> Section:
        index = max((n for start, n in owners if start <= position), default=0)
        return sections[index]

    for marker in _ANY_MARKER.finditer(text):
        # "1[" names its footnote; a bare "[" opening a section lost its number in extraction: the next footnote.
        note = next((f for f in _FOOTNOTE.finditer(text, marker.end())
                     if not marker.group(1) or f.group(1) == marker.group(1)), None)
        # A footnote sits at the foot of the marker's own page; one found further on belongs to another marker
        # (this page's footnotes were lost in extraction).
        if note is None or owner_at(note.start()).page_start > owner_at(marker.start()).page_end:
            continue
        close = text.find("]", marker.end())
        # A bracket may hold a run of inserted sections (2A to 2X): each section starting inside it is covered.
        inside = [sections[n] for start, n in owners if marker.start() < start < (close if close > 0 else marker.start())]
        for section in [owner_at(marker.start()), *inside]:
            # A section that starts inside the bracket was put there whole, as is one the marker opens.
            opens = section in inside or re.match(rf"\s*{re.escape(section.label)}\s*[.,]", text[marker.end():])
            action = _footnote_action(note.group(2), section.label if opens else "")
            rows.append(AmendmentRow(section.label, action, f"{note.group(3)} of {note.group(4)}",
                                     (note.group(5) or "").replace(" ", "").replace("–", "-"), doc_id,
                                     owner_at(note.start()).page_end))
    unique = list(dict.fromkeys(rows))
    return unique


def _provision_pieces(sections: list[Section]) -> list[tuple[Section, str]]:
    """Each provision's text in reading order. A chapter's own heading ("1[CHAPTER-1A AUTHORITY") goes in front
    of its first provision: the bracket that opens a run of inserted sections is often printed there."""
    pieces: list[tuple[Section, str]] = []
    heading = ""
    for n, section in enumerate(sections):
        if _PROVISION.fullmatch(section.label):
            pieces.append((section, heading + section.text))
            heading = ""
            continue
        following = next((s for s in sections[n + 1:] if _PROVISION.fullmatch(s.label)), None)
        heading_end = section.text.find(following.text[:40]) if following is not None else -1
        heading = section.text[:heading_end] if heading_end > 0 else ""
    return pieces


# ---- pages ----------------------------------------------------------------------------------------------
_PROVISION = re.compile(r"\d+[A-Z]*")


class PageFinder:
    """The PDF page a phrase of a section is on: its chunk's first page, plus one for every page-foot
    footnote printed before the phrase in that chunk (a footnote closes a page)."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.by_section: dict[tuple[str, str], list[Chunk]] = {}
        for chunk in chunks:
            self.by_section.setdefault((chunk.doc_id, chunk.section), []).append(chunk)

    def page(self, section: Section, phrase: str) -> int:
        words = re.findall(r"[A-Za-z0-9]+", phrase)[:6]
        if not words:
            return section.page_start
        pattern = re.compile(r"\W+".join(map(re.escape, words)), re.I)
        for chunk in sorted(self.by_section.get((section.doc_id, section.label), []), key=lambda c: c.ordinal):
            found = pattern.search(chunk.text)
            if found:
                feet = sum(1 for _ in _FOOTNOTE.finditer(chunk.text, 0, found.start()))
                return min(chunk.page_start + feet, chunk.page_end)
        return section.page_start


# ---- all three ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LawTables:
    offences: list[OffenceRow] = field(default_factory=list)
    obligations: list[ObligationRow] = field(default_factory=list)
    amendments: list[AmendmentRow] = field(default_factory=list)
    omitted: dict[tuple[str, str], Omission] = field(default_factory=dict)
    references: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)


def build_tables(sections: Sequence[Section], sources: Sequence[Source], chunks: Sequence[Chunk] = ()) -> LawTables:
    """Every table over the indexed sections; chunks, when given, place each row on its exact page.

    An amending Act's inserted text is read where the consolidated text carries it, so its offences
    and duties are not listed twice; a chapter's whole-text record is not a provision.
    """
    status = {s.id: s.status for s in sources}
    own = [s for s in sections if status.get(s.doc_id) not in (DocStatus.AMENDING_ACT, DocStatus.DRAFT, DocStatus.BILL)
           and _PROVISION.fullmatch(s.label)]
    omitted = omissions(sections, sources)
    pages = PageFinder(chunks)
    offences = []
    for section in own:
        for row in offence_rows(section):
            punished = row.quote.lower().find("punish")
            row = OffenceRow(**{**row.__dict__, "page": pages.page(section, row.quote[max(punished, 0):])})
            by = omitted.get((row.doc_id, row.section))
            if by:
                row = OffenceRow(**{**row.__dict__, "max_imprisonment_months": 0, "min_imprisonment_months": 0,
                                    "max_fine_rupees": 0, "min_fine_rupees": 0, "omitted_by": by.label})
            offences.append(row)
    obligations = [ObligationRow(**{**row.__dict__, "page": pages.page(section, row.duty)})
                   for section in own for row in obligation_rows(section)]
    # "Sections 36 and 37 of the ETO are omitted" names sections it removes, not ones it applies.
    references = {rule: [t for t in targets if t not in omitted] for rule, targets in cross_references(own, sources).items()}
    return LawTables(offences, obligations, amendment_rows(sections, sources), omitted,
                     {rule: targets for rule, targets in references.items() if targets})
