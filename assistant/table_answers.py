"""Answer leads composed from the law tables: the duties that bind a party, and what an Act did to a section.

A business asking "what must we do as a service provider?" wants every duty, not the one passage that
ranked first; an official asking "what did the 2025 Act change in section 30?" wants the amending
provision. Both are rows of the tables (assistant/law_tables.py). Each row becomes one sentence in
the statute's words with a marker for the chunk it was read from, so citation checking applies as
everywhere; only official documents' rows are used.

Usage example:
    lead = table_lead(query, resources)
    if lead: print(lead.intro, lead.text)   # markers [1]..[n] point into lead.hits
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from assistant.catalog import statute_family
from assistant.language import STOPWORDS, expand_query, glossary_terms, keyword_tokens, passage_sentences, word_stem
from assistant.law_tables import PARTIES, short_label
from assistant.query import Query
from assistant.question_type import Expected
from assistant.retrieve import inserted_text, section_chunks
from assistant.types import STATUTES, Chunk, DocStatus, Hit, Source

# Words that ask what a party must do (not what happens if it does not: that is a penalty question).
_DUTY_INTENT = re.compile(r"\b(?:must|obligations?|obliged|duties|duty|required|requirements?|have\s+to|has\s+to|"
                          r"need\s+to|responsibilit(?:y|ies)|comply|compliance|what\s+should)\b", re.I)
_CHANGE_INTENT = re.compile(r"\b(?:amend\w*|chang\w*|insert\w*|substitut\w*|omit\w*|added|repeal\w*|replac\w*|"
                            r"introduc\w*|new\s+section)\b", re.I)
MAX_DUTIES = 8
# The words that ask for a duty say nothing about which duty: they never select one.
_DUTY_WORDS = "must required requirement obliged obligation duty responsibility comply compliance need have should shall"
# A question for every duty of a party: "what are our obligations", "what must a service provider do".
_GENERAL_DUTY = re.compile(r"\b(?:obligations|duties|responsibilities|requirements)\b|\bwhat\b[^?]{0,40}\b(?:must|should|"
                           r"ha(?:ve|s)\s+to|need\s+to|required\s+to)\b[^?]{0,25}\bdo\b", re.I)
_BUSINESS = tuple(p for p in PARTIES if not p[2] and p[1] != "person")


@dataclass(frozen=True)
class TableLead:
    """Checked sentences (markers 1..len(hits)) and an unchecked intro line read from the tables.

    `whole` is True when the rows are the whole answer (every duty of a party, what an Act did to a section);
    a lead for one named duty answers only part of a question, so it never overturns a decline."""

    intro: str
    text: str
    hits: list[Hit] = field(default_factory=list)
    whole: bool = False
    # For an omission: the (document, section) omitted.
    omitted: tuple[str, str] = ("", "")


def table_lead(query: Query, resources, passages: Sequence[Hit] = ()) -> TableLead | None:
    """A lead for this question from the tables, or None when the question is not one they answer. `passages`, the
    best ones, name the section a change question describes instead of numbering."""
    return amendment_lead(query, resources, passages) or duty_lead(query, resources)


def asked_party(text: str) -> str:
    """The business party a question is about ('service provider'), from its words or the glossary's terms."""
    expanded = expand_query(text)
    return next((name for pattern, name, _ in _BUSINESS if re.search(pattern, expanded, re.I)), "")


def duty_lead(query: Query, resources) -> TableLead | None:
    if query.expected is Expected.PENALTY or query.references or not _DUTY_INTENT.search(query.text):
        return None
    party = asked_party(query.text)
    if not party:
        return None
    official = _official_ids(resources.sources)
    # "under PECA": only the named documents' duties.
    named = set(query.documents) & official
    rows = [r for r in resources.law_tables.obligations if r.who == party and r.doc_id in (named or official)]
    every_duty = bool(_GENERAL_DUTY.search(query.text))
    if not every_duty:
        # A question about one duty ("do we have to register?") gets the duties it names, or no list at all.
        wanted = _content_stems(expand_query(query.text)) - _content_stems(party) - _content_stems(_DUTY_WORDS)
        rows = [r for r in rows if wanted & _content_stems(r.duty)]
    rows = rows[:MAX_DUTIES]
    sentences, hits = [], []
    for row in rows:
        chunk = _chunk_with(resources.chunks, row.doc_id, row.section, row.duty)
        if chunk is None:
            continue
        hits.append(Hit(chunk, 1.0, {"table": 1.0}))
        where = f"{short_label(row.doc_id, resources.sources)} s. {row.section}" + (f"({row.subsection})" if row.subsection else "")
        duty = row.duty.rstrip(".") if row.passive else f"a {party} shall {row.duty.rstrip('.')}"
        sentences.append(f"{where}: {duty}. [{len(hits)}]")
    if not hits:
        return None
    plural = "duty" if len(hits) == 1 else f"{len(hits)} duties"
    intro = f"The indexed statutes put {plural} on a {party}:"
    return TableLead(intro, " ".join(sentences), hits, whole=every_duty)


def omission_sentence(hits: Sequence[Hit], resources, asked: Sequence[str] = ()) -> TableLead | None:
    """The omitting provision's sentence ("Sections 36 and 37 of the Electronic Transactions Ordinance, 2002 ...
    are omitted. [1]") when one of these passages is from a section another statute omitted. The sections the
    question numbers (`asked`) that the same sentence omits are named together ("ETO ss. 36 and 37 are no longer
    in force")."""
    for hit in hits:
        omission = resources.law_tables.omitted.get((hit.chunk.doc_id, hit.chunk.section))
        if omission is None:
            continue
        chunk = _chunk_with(resources.chunks, omission.doc_id, omission.section, "omitted")
        if chunk is None:
            return None
        sentence = next((s for s in re.split(r"(?<=[.;:])\s+", " ".join(chunk.text.split()))
                         if re.search(r"\bomitted\b", s) and re.search(rf"\b{re.escape(hit.chunk.section)}\b", s)), "")
        if sentence:
            sections = dict.fromkeys(h.chunk.section for h in hits if h.chunk.doc_id == hit.chunk.doc_id)
            labels = [label for label in sections if label in asked
                      and _omitted_by(resources, hit.chunk.doc_id, label) == (omission.doc_id, omission.section)
                      and re.search(rf"\b{re.escape(label)}\b", sentence)]
            by = f"{short_label(omission.doc_id, resources.sources)} s. {omission.section}"
            named = labels if len(labels) > 1 else [hit.chunk.section]
            intro = f"{no_longer_in_force(short_label(hit.chunk.doc_id, resources.sources), named, by)}."
            return TableLead(intro, f"{sentence.rstrip('.;:')}. [1]", [Hit(chunk, 1.0, {"table": 1.0})], whole=False,
                             omitted=(hit.chunk.doc_id, hit.chunk.section))
    return None


def no_longer_in_force(name: str, labels: Sequence[str], by: str) -> str:
    """"ETO s. 36 is no longer in force: PECA s. 54 omitted it", or for several sections "ETO ss. 36 and 37 are no
    longer in force: PECA s. 54 omitted them"."""
    if len(labels) == 1:
        return f"{name} s. {labels[0]} is no longer in force: {by} omitted it"
    return f"{name} ss. {', '.join(labels[:-1])} and {labels[-1]} are no longer in force: {by} omitted them"


def _omitted_by(resources, doc_id: str, section: str) -> tuple[str, str] | None:
    """The (document, section) of the provision that omitted a section, or None."""
    omission = resources.law_tables.omitted.get((doc_id, section))
    return (omission.doc_id, omission.section) if omission is not None else None


def amendment_lead(query: Query, resources, passages: Sequence[Hit] = ()) -> TableLead | None:
    """What an Act did to the section the question numbers or, failing a number, to the best passage's section:
    "with whom are complaints about crimes against children lodged, and what did the 2025 amendment change in
    that provision?" is asked of s. 43A, which retrieval finds. A described section is only looked up among the
    changes to its own statute (the ETO's s. 10 is not PECA's), and only in the documents the question names: "did
    the 2025 amendment to PECA change which offences are non-bailable?" finds the ETO's s. 38 on bail first, and
    PECA's s. 43 next."""
    if not _CHANGE_INTENT.search(query.text):
        return None
    if query.references:
        label, family = query.references[0].label, None
    else:
        named = statute_family(query.named_documents, resources.sources) if query.named_documents else set()
        described = described_section(query.text, [h for h in passages if not named or h.chunk.doc_id in named],
                                      resources)
        if described is None:
            return None
        label = described.chunk.section
        family = statute_family([described.chunk.doc_id], resources.sources)
    rows = [r for r in resources.law_tables.amendments if r.section.lower() == label.lower()
            and (family is None or r.doc_id in family)]
    sentences, hits = [], []
    acts: dict[str, str] = {}
    for row in rows:  # the amending Act's own provision is quoted; a footnote only points at it
        if _status(row.doc_id, resources.sources) is not DocStatus.AMENDING_ACT:
            continue
        chunk = _first_chunk(resources.chunks, row.doc_id, row.act_section)
        if chunk is None:
            continue
        hits.append(Hit(chunk, 1.0, {"table": 1.0}))
        acts[row.doc_id] = f"{row.action} by the {_name(row.doc_id, resources.sources)} (Act No. {row.act})"
        # Only what the provision itself says is in the checked sentence; which Act it is comes from the catalog.
        sentences.append(f"{_opening(chunk.text)}. [{len(hits)}]")
        # "For section 29, the following shall be substituted" says that the section changed, not what it now says:
        # the new text's first part does ("(1) The Federal Government shall establish ... the National Cyber Crime
        # Investigation Agency (NCCIA) ...").
        # Only the section's own new text: a provision inserting whole chapters opens with another section's.
        new_text = inserted_text(chunk, resources)
        if (new_text is not None and new_text.section.lower() == row.section.lower() and _first_part(new_text.text)
                and not _quoted_among(new_text.text, passages)):
            hits.append(Hit(new_text, 1.0, {"table": 1.0}))
            sentences.append(f"{_first_part(new_text.text)}. [{len(hits)}]")
        if new_text is not None and new_text.section.lower() == row.section.lower():
            for chunk_said, said in speaks_of_before(section_chunks(new_text, resources)):
                if not any(h.chunk.id == chunk_said.id for h in hits):
                    hits.append(Hit(chunk_said, 1.0, {"table": 1.0}))
                marker = next(n for n, h in enumerate(hits, 1) if h.chunk.id == chunk_said.id)
                sentences.append(f"{said} [{marker}]")
    if not hits:
        return None
    intro = f"Section {label} was " + "; and ".join(dict.fromkeys(acts.values())) + "."
    return TableLead(intro, " ".join(dict.fromkeys(sentences)), hits, whole=True)


# Where a new text speaks of what was there before the Act that put it in: what ends ("the Cyber Crime Wing of the
# Federal Investigation Agency shall cease to exist", "the defunct Cyber Crime Wing"), what passes to the new body
# ("shall stand transferred to the NCCIA"), and what made before the Act's commencement still holds. Calibrated on
# every sentence of the 2025 Amendment Act: it finds PECA s. 29(5) and (9), s. 50A and s. 55(2)-(3), and not
# s. 2E(3)'s "existing members" of the new Authority.
_SPEAKS_OF_BEFORE = re.compile(r"\bceases?\s+to\s+exist|\bdefunct\b|\bstands?\s+transferred\b|"
                               r"\bprior\s+to\s+(?:the\s+)?commencement\b", re.I)
# The new text's opening is quoted already; this many more of its sentences, at most, say what it replaced.
MAX_BEFORE_SENTENCES = 2


def speaks_of_before(new_text: Sequence[Chunk]) -> list[tuple[Chunk, str]]:
    """The sentences of a substituted or inserted text, after its opening, that say what it ended or replaced and
    what carries over, with their chunks: a question on what an Act changed is answered by them as much as by the
    new text's first words. "What did the 2025 amendment change about which agency investigates cybercrimes?" is
    answered by s. 29(1) (the NCCIA) and by s. 29(5) (the FIA's Cyber Crime Wing ceases to exist)."""
    # The opening is what amendment_lead quotes first, or what the consolidated text the answer quotes begins with.
    opening = _first_part(new_text[0].text) if new_text else ""
    found: list[tuple[Chunk, str]] = []
    for chunk in new_text:
        for sentence in passage_sentences(chunk.text):
            flat = " ".join(sentence.split())
            if _SPEAKS_OF_BEFORE.search(flat) and flat.lstrip("“\"‘' ")[:60] not in opening:
                found.append((chunk, flat))
    return found[:MAX_BEFORE_SENTENCES]


# How many of the best passages a change question's section is looked for in, by its title.
DESCRIBED_DEPTH = 5


def described_section(question: str, passages: Sequence[Hit], resources) -> Hit | None:
    """The passage of the section a change question describes: among the best passages from statute sections an
    Act changed, the first whose printed title the question states word for word (its stems, the glossary's terms
    read too); else the best passage, if it is a statute's. "What did the 2025 amendment change about which agency
    investigates cybercrimes?" finds s. 43A first ("Complaint against cybercrimes against children"), whose
    amendment put "investigation agency" in it, and s. 29 ("Investigation agency") next: the question states s. 29's
    title, and none of s. 43A's "children"."""
    statutes = [h for h in passages[:DESCRIBED_DEPTH] if h.chunk.section and h.chunk.doc_status in STATUTES]
    if not statutes:
        return None
    titles = {(s.doc_id, s.label.lower()): s.title for s in resources.sections}
    stated = _content_stems(f"{question} {' '.join(glossary_terms(question))}")
    for hit in statutes:
        section = hit.chunk.section.lower()
        family = statute_family([hit.chunk.doc_id], resources.sources)
        changed = any(r.section.lower() == section and r.doc_id in family for r in resources.law_tables.amendments)
        title = _content_stems(titles.get((hit.chunk.doc_id, section), ""))
        if changed and title and title <= stated:
            return hit
    return statutes[0] if statutes[0] is passages[0] else None


# A provision that changes words in place ("for the expression “22, 22A, 22B and 22C”, the expression “13, 14, 20,
# 22, 22A, 22B, 22C and 26A” shall be substituted") says what the text was and what it became only in its items:
# it is quoted up to EXPRESSIONS_LIMIT characters, where a provision substituting whole sections is opened only.
_CHANGES_WORDS = re.compile(r"\bfor\s+the\s+(?:expression|words?|figures?|comma)s?\b", re.I)
EXPRESSIONS_LIMIT = 600


def _opening(text: str, limit: int = 220) -> str:
    """A provision's heading and first words ('Substitution of section 30, Act XL of 2016.—In the said Act, ...');
    a provision changing words in place, through its items."""
    text = re.sub(r"^\d+[A-Z]*\.\s*", "", " ".join(text.split()))
    text = re.split(r",?\s*namely|:—", text, maxsplit=1)[0]
    if _CHANGES_WORDS.search(text):
        limit = max(limit, EXPRESSIONS_LIMIT)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text.rstrip(" ,;:.—-")


def _first_part(text: str, limit: int = 320) -> str:
    """The opening of an inserted or substituted text up to its second sub-section ('“29. Investigation agency.—(1)
    The Federal Government shall establish ...'), without the quotation mark the amending Act opens it with."""
    text = re.split(r"\s\(2\)\s", " ".join(text.split()), maxsplit=1)[0].lstrip("“\"‘' ")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text.rstrip(" ,;:.—-")


def _quoted_among(text: str, passages: Sequence[Hit], depth: int = 5) -> bool:
    """Whether one of the best passages holds the text's first words after its heading: the consolidated text of an
    inserted section, found by retrieval, is quoted by the answer already."""
    body = re.split(r"\.\s*[—–-]+\s*|\.__\s*", " ".join(text.split()), maxsplit=1)[-1]
    words = re.findall(r"[a-z]+", body.lower())[:12]
    if len(words) < 6:
        return False
    return any(" ".join(words) in " ".join(re.findall(r"[a-z]+", h.chunk.text.lower())) for h in passages[:depth])


def _name(doc_id: str, sources: Sequence[Source]) -> str:
    return next((s.short_name for s in sources if s.id == doc_id), doc_id)


def _content_stems(text: str) -> set[str]:
    return {word_stem(w) for w in keyword_tokens(text) if w not in STOPWORDS and len(w) > 2}


def _official_ids(sources: Sequence[Source]) -> set[str]:
    return {s.id for s in sources if s.status is not DocStatus.USER}


def _status(doc_id: str, sources: Sequence[Source]) -> DocStatus | None:
    return next((s.status for s in sources if s.id == doc_id), None)


def _chunk_with(chunks: Sequence[Chunk], doc_id: str, section: str, phrase: str) -> Chunk | None:
    words = re.findall(r"[A-Za-z0-9]+", phrase)[:6]
    pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, words)), re.I) if words else None
    candidates = [c for c in chunks if c.doc_id == doc_id and c.section == section]
    return next((c for c in candidates if pattern and pattern.search(c.text)), candidates[0] if candidates else None)


def _first_chunk(chunks: Sequence[Chunk], doc_id: str, section: str) -> Chunk | None:
    return next((c for c in sorted(chunks, key=lambda c: c.ordinal) if c.doc_id == doc_id and c.section == section), None)
