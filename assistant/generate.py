"""Answer generators behind one langchain-core Runnable interface: input {"question", "hits"} -> text."""
from __future__ import annotations

import re
from typing import Any, Callable, Collection, Iterator, Mapping, Sequence

import numpy as np
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableGenerator, RunnableLambda

from assistant.config import Settings
from assistant.embed import Embedder
from assistant.errors import GenerationError
from assistant.language import (BARE_ITEM_MARKER, ITEM_MARKER, abbreviation_subject, expand_query, keyword_tokens,
                                passage_sentences)
from assistant.penalty import read_penalty
from assistant.prompt import build_messages
from assistant.query import Query, analyse
from assistant.question_type import (FIGURE_REACH, Expected, asking_sentences, definition_opening, expected_answer,
                                     has_expected, question_parts, topic_stems)
from assistant.types import STATUTES, Chunk, Hit

# An answer's length: at most this many sentences and characters, before list items and provisos. Set on the
# dev sets (golden, heldout, dev_extra): 4 / 900 -> 6 / 1400 lifted dev_extra key facts 0.471 -> 0.529 and
# golden 0.770 -> 0.777, because a long section's second ask lay past the cut; 8 / 1800 added 0.007 on golden
# only, for a third more text.
MAX_SENTENCES = 6
# Added to a sentence's score when it holds what the question asks for (a figure, a penalty).
EXPECTED_BONUS = 0.15
_FOOTNOTE = re.compile(r"^\d*\s*(Subs|Ins|Omitted|Added|Renumbered)\b.{0,40}\bby\b", re.I)
# The end of a footnote cut off from its start, alone or with the next footnote's start: "II of 2025, s.9-10.
# 2Ins. by Act No." (a footnote's end followed by the law's words is kept: the sentence carries them).
_FOOTNOTE_TAIL = re.compile(r"^[IVXLC]+\s+of\s+(?:19|20)\d\d,?\s*(?:ss?\.\s?\d+[A-Z]?(?:\s?[-–]\s?\d+[A-Z]?)?)?\.?"
                            r"(?:\s*\d{0,2}\s*(?:Subs|Ins|Omitted|Added|Renumbered)\b[^()]{0,40}?"
                            r"\bby\s+Act(?:\s+No\.?)?)?$", re.I)
# Words that ask for one part of a clause (who, how long, the penalty) rather than the whole of it.
_SPECIFIC_ASK = re.compile(r"\b(who|whom|when|where|which|how|composition|members?|appeal|challenge|term|days|"
                           r"grounds?|define|definition|means|penalt\w*|punish\w*|fine)\b", re.I)
# Boundaries between the cited sentences an extractive answer is made of.
_ANSWER_SENTENCE = re.compile(r"(?<=\])\s+")
MAX_ANSWER_CHARS = 1400  # see MAX_SENTENCES
# A governing section up to this long is quoted whole, whatever the sentence scores. Set on the dev sets: off ->
# 1600 -> 2000 characters took heldout key facts 0.847 -> 0.864 -> 0.881, dev_extra 0.543 -> 0.586 -> 0.586 and
# golden 0.784 -> 0.784 -> 0.791; 2500 gave the same as 2000 with longer answers (median 1116 characters).
WHOLE_SECTION_CHARS = 2000
# A passage found for a follow-up's own ask up to this long is quoted whole rather than by its best sentence.
WHOLE_OWN_ASK_CHARS = 800
# A chosen lead-in may bring its list items beyond MAX_ANSWER_CHARS, up to this many characters.
MAX_LIST_CHARS = 700
_LIST_WORDS = r"namely|following|consist of|comprise|comprising|include|including|as under"
_LEAD_IN = re.compile(rf"\b({_LIST_WORDS})\W*$|[:—–_]\W*$", re.I)
_LIST_ITEM = re.compile(r"^\(([a-z]{1,2}|[ivx]+)\)\s")
MAX_CLAUSE_CHARS = 1500


# How many of the best retrieved passages the extractive answer quotes from.
QUOTED_PASSAGES = 4


def extractive_answer(query: Query, hits: Sequence[Hit], embedder: Embedder, passages: int = QUOTED_PASSAGES) -> str:
    """The passages' own sentences that best answer the question, in reading order, each with [n]."""
    question, expected = query.text, query.expected
    clause_hits = [h for h in hits if "clause" in h.scores]
    parted = [ref for ref in query.references if ref.part]
    if clause_hits and parted and (len(parted) == 1 or len({ref.label for ref in parted}) == 1):
        # A named sub-section or clause is what was asked for, whatever the question asks about it; several parts
        # of one clause ("sub-clauses VI and VII") are each quoted, in the order named.
        quoted = list(dict.fromkeys(s for ref in parted for s in part_of_clause(hits, ref.part)))
        if quoted:
            return " ".join(quoted)
    if clause_hits and _asks_for_whole_clause(question, expected):
        return clause_opening(hits)
    numbered = quoted_passages(hits, passages)
    candidates = _candidate_sentences(numbered)
    if not candidates:
        return ""
    numbered_hits = dict(numbered)
    vectors = np.array(embedder.embed_passages([c[2] for c in candidates]))
    antecedent = antecedents(candidates)
    spoken = [c[2] for c in candidates]
    candidates, vectors = read_with_antecedents(candidates, vectors, antecedent)
    cell = timeline_cells(candidates)
    # Timeline cells are quoted with their rows only, never chosen on their own; nor is a heading, which names a
    # subject in the question's own words and states nothing about it.
    cells = {i for i, c in enumerate(candidates) if _TIMELINE_CELL.match(c[2]) or is_heading(c[2])}
    candidates = read_with_cells(candidates, cell)
    ranks = retrieval_ranks(hits)
    scores = _sentence_scores(query.search_text, candidates, vectors, embedder, expected, ranks)
    # A follow-up's own-ask passages add their own best sentence at the end; they do not compete for the topic's.
    own_ask = {n for n, h in numbered if "own_ask" in h.scores}
    best = sorted((i for i in range(len(candidates)) if candidates[i][0] not in own_ask and i not in cells),
                  key=lambda i: -scores[i])
    chosen: list[int] = []
    asked_for: list[int] = []  # each ask's own best sentence
    if clause_hits:
        chosen.append(0)  # the clause's opening names what the question asked about
        # "Compare ETO s.36 and PECA s.3": every clause the question names gets its best sentence.
        section_of = {n: (h.chunk.doc_id, h.chunk.section) for n, h in numbered}
        for section in dict.fromkeys(section_of.values()):
            if section == section_of[candidates[0][0]]:
                continue
            top = max((i for i in range(len(candidates)) if section_of[candidates[i][0]] == section),
                      key=lambda i: scores[i], default=None)
            if top is not None:
                chosen.append(top)
    # A governing rule's referenced section of a statute the question names gets its best sentence.
    # In the statute's own order ("sections 5 and 6": s. 5 first), so the same question always gets the same answer
    # (a set's order changes from run to run).
    referring = sorted((h for _, h in numbered if h.scores.get("reference")),
                       key=lambda h: (h.chunk.doc_id, h.chunk.ordinal))
    referenced = dict.fromkeys((h.chunk.doc_id, h.chunk.section) for h in referring)
    for section in referenced:
        top = max((i for i, c in enumerate(candidates) if (numbered_hits[c[0]].chunk.doc_id,
                                                           numbered_hits[c[0]].chunk.section) == section),
                  key=lambda i: scores[i], default=None)
        if top is not None and top not in chosen:
            chosen.append(top)
    # A question told after a scenario ("We run a startup ... Which grants could we apply for?") is asked by its
    # asking sentences: the scenario's words would outscore the sentence asked for, as an earlier turn's do.
    asked = asking_sentences(question)
    after_scenario = " ".join(asked.split()) != " ".join(question.split())
    parts = question_parts(asked)
    # Each ask's score for every candidate, computed once: the per-ask picks and the own-ask passages read them.
    # A follow-up's figure is about what it leans on: "how long does its head serve?" after a question on the NCCIA
    # is answered by "appoint the Director General of the NCCIA for a non-extendable term of three years".
    figure_topic = query.search_text if query.is_follow_up or after_scenario else ""
    # Each ask is scored for what it asks: "what target ..., and by when?" wants the target and its year.
    ask_scores = ([_sentence_scores(part, candidates, vectors, embedder, _kind_of(part, expected), ranks, figure_topic)
                   for part in parts]
                  if len(parts) > 1 or query.is_follow_up or after_scenario or own_ask else [])
    if query.is_follow_up and ask_scores:
        # The conversation found the passages; the turn's own ask says which of their sentences answer it. Scored
        # with the earlier question's words, a section's opening outscores the sentence asked for by more than the
        # cut-off ("how long can the partnerships be funded?" after a question on the Centres of Excellence).
        scores = [max(column) for column in zip(*ask_scores)]
        best = sorted(best, key=lambda i: -scores[i])
    if len(parts) > 1 or query.is_follow_up or after_scenario:
        # A compound question ("who heads it, and for what term?") gets the best sentence for each ask first; so
        # does a follow-up's own ask, which the earlier question's words would outscore ("how long do its members
        # serve?" after "who handles complaints?" is answered by the term, not by the body's first sentence).
        # A standalone question's own-ask passages add their sentence at the end, as a follow-up's do; here they
        # would push out a top passage's sentence for the same ask.
        open_to = [i for i in range(len(candidates))
                   if (query.is_follow_up or candidates[i][0] not in own_ask) and i not in cells]
        for part_scores in ask_scores:
            top = max((i for i in open_to if i not in chosen), key=lambda i: part_scores[i], default=None)
            if top is not None and len(chosen) < MAX_SENTENCES:
                chosen.append(top)
                asked_for.append(top)
    length = sum(len(candidates[i][2]) for i in chosen)
    for i in best:
        if len(chosen) >= MAX_SENTENCES or scores[i] < scores[best[0]] - 0.25:
            break
        if i in chosen or (length + len(candidates[i][2]) > MAX_ANSWER_CHARS and chosen):
            continue
        chosen.append(i)
        length += len(candidates[i][2])
    for i in each_named_document(candidates, numbered_hits, chosen, scores, cells):
        chosen.append(i)
        asked_for.append(i)
        length += len(candidates[i][2])
    has_kind = [expected is not Expected.OTHER and has_expected(c[2], expected, query.search_text) for c in candidates]
    # Every passage of the governing sections: every clause the question names, or the section answer() marked.
    sections = {(h.chunk.doc_id, h.chunk.section) for _, h in numbered
                if "clause" in h.scores or "governing" in h.scores or h.scores.get("reference")}
    governing = {n for n, h in numbered if (h.chunk.doc_id, h.chunk.section) in sections}
    for i in _kind_sentences(best, has_kind, candidates, governing, expected, chosen, numbered_hits):
        # A penalty question answered without the penalty is no answer: the governing section's sentences that
        # state one come first (its punishment and any harsher one), else the best sentence that states one.
        if i in chosen:
            continue
        if len(chosen) >= MAX_SENTENCES or length + len(candidates[i][2]) > MAX_ANSWER_CHARS:
            dropped = next((j for j in reversed(chosen) if not has_kind[j]), None)
            if dropped is None:
                break
            chosen.remove(dropped)
            length -= len(candidates[dropped][2])
        chosen.append(i)
        length += len(candidates[i][2])
    if governing and not any(candidates[i][0] in governing for i in chosen):
        # Clause first: the best sentence of the best-ranked section leads, whatever else scored higher.
        lead = next((i for i in best if candidates[i][0] in governing), None)
        if lead is not None:
            chosen.insert(0, lead)
    kept: list[int] = []
    # A follow-up's words and those of the question it follows ("How often do they meet?" after "... NCCIA").
    topic = topic_stems(query.search_text)
    governing_states_it = any(has_kind[j] and candidates[j][0] in governing for j in chosen)
    for i in chosen:
        rival_penalty = expected is Expected.PENALTY and has_kind[i] and candidates[i][0] not in governing
        if governing_states_it and rival_penalty:
            # The governing section states the punishment; another section's is another offence's. Another
            # section's figure or period is no such rival: a target table's "2,000 patents" beside a programme's
            # "400 patents annually", the appeal court beside the deadline (dev: +6 when this was narrowed to
            # penalties, none lost).
            continue
        if i in asked_for:
            # An ask's own best sentence answers that ask, whatever the other asks' topic: "what does the draft
            # policy say about fake content, and what punishment does the cybercrime law set?" quotes both texts.
            kept.append(i)
            continue
        # The first sentence that states what was asked (a penalty, a figure) stays even off-topic.
        kind_needed = has_kind[i] and not any(has_kind[j] for j in kept)
        # The governing section's sentences always stay: the clause is the answer, the rest supports it.
        if not kept or kind_needed or candidates[i][0] in governing or _on_topic(candidates[i], candidates[kept[0]], topic):
            kept.append(i)
    whole = [i for i, c in enumerate(candidates) if c[0] in governing and "clause" not in numbered_hits[c[0]].scores]
    if whole and sum(len(spoken[i]) for i in whole) <= WHOLE_SECTION_CHARS:
        # A governing section short enough is quoted whole: its duties, exceptions and penalty together.
        kept = list(dict.fromkeys([*kept, *whole]))
    for section in referenced:
        # Another statute's section a rule applies, asked about, is what the rule requires: quoted whole when short
        # ("sections 5 and 6 of the ETO" are a lead-in and two or three conditions each), as a follow-up's own ask is.
        own = [i for i, c in enumerate(candidates)
               if (numbered_hits[c[0]].chunk.doc_id, numbered_hits[c[0]].chunk.section) == section]
        if own and sum(len(spoken[i]) for i in own) <= WHOLE_OWN_ASK_CHARS:
            kept = list(dict.fromkeys([*kept, *own]))
    # A question about a rule (not a figure or a penalty, which their own sentences answer) leads with the governing
    # rule as the statute states it: its first sub-section, which the rest qualify. Dev: +1 (s. 38(1) "specific
    # actual knowledge" for a forum's liability), none lost; leading with it for figure questions put "Tribunals.—
    # (1) The Federal Government may establish ..." before "(7) The Tribunal shall decide all cases within ninety days".
    opening = governing_opening(candidates, numbered_hits) if asks_about_a_rule(question, expected) else None
    if opening is not None and opening not in kept:
        kept.insert(0, opening)
    if any("definition" in h.scores for _, h in numbered):
        # The definition asked for is the answer: it leads, whole, its exclusions included.
        definition = whole_definition(query.term, candidates, numbered_hits)
        kept = list(dict.fromkeys([*definition, *kept]))
    chosen = kept + [i for i in _own_ask_sentences(own_ask, candidates, ask_scores, cells)
                     if i not in kept]
    chosen = with_provisos(with_list_items(with_whole_short_lists(chosen, candidates, numbered_hits), candidates),
                           candidates)
    chosen = with_whole_subsections(chosen, candidates)
    # "It shall be chaired by Secretary/Member IT." is quoted with the sentence that says what "it" is.
    chosen = list(dict.fromkeys(j for i in chosen for j in ((antecedent[i], i) if i in antecedent else (i,))))
    # "The ARD will provide regulatory support ..." is quoted with the sentence that says what the ARD is.
    # Read as spoken: a pronoun sentence joined to its antecedent for scoring is not itself an introduction.
    introduced_by = introductions([(n, position, spoken[i]) for i, (n, position, _) in enumerate(candidates)],
                                  {n: (h.chunk.doc_id, h.chunk.section) for n, h in numbered})
    chosen = list(dict.fromkeys(j for i in chosen for j in ((introduced_by[i], i) if i in introduced_by else (i,))))
    # A table row's timeline cell ("By 2026") is quoted after the row it closes.
    chosen = list(dict.fromkeys(j for i in chosen for j in ((i, cell[i]) if i in cell else (i,))))
    chosen = in_reading_order(chosen, candidates, numbered_hits)
    if opening is not None and opening in chosen:
        chosen = leading_with(opening, chosen, candidates, numbered_hits)
    quoted = " ".join(_with_marker(spoken[i], candidates[i][0]) for i in chosen)
    # The offence in force that replaced an omitted one states the punishment that applies now.
    in_force = {n for n, h in numbered if "successor" in h.scores} or governing
    punishment = first_punishment(chosen, candidates, in_force) if expected is Expected.PENALTY else None
    lead = rival = ""
    if punishment is not None:
        passage, plain = punishment
        lead = f"{plain} [{passage}]"
        if "omitted" in numbered_hits[passage].scores:
            # A section another statute omitted is no law now: its punishment is said as what it was.
            lead = (f"Until it was omitted, {offence_name(numbered_hits[passage].chunk)} carried "
                    f"{plain[0].lower()}{plain[1:]} [{passage}]")
        rival = rival_penalty_lead(chosen, candidates, numbered_hits)
        if rival:
            # Two offences quoted: each punishment is said with the offence it is for.
            lead = f"If it is {offence_name(numbered_hits[passage].chunk)}: {lead}"
    return " ".join(part for part in (lead, rival, quoted) if part)


# A sentence opening with one of these speaks of what the sentence before it named: "VI. The fund shall be
# administered through an independent Board of Directors ... VII. ... It shall be chaired by Secretary/Member IT."
_PRONOUN_OPENING = re.compile(r"^(?:[IVX]+\.\s+)?(?:It|They|He|She|Its|Their|Such|This|These)\b")


def each_named_document(candidates: Sequence[tuple[int, int, str]], hits: Mapping[int, Hit], chosen: Sequence[int],
                        scores: Sequence[float], left_out: set[int]) -> list[int]:
    """The best sentence of each passage marked "named_document" (the best passage of each of several documents a
    question names) whose document no chosen sentence is from: "what do the e-transactions law and the cyber crime
    law each say?" is answered from both, though PECA s. 38's sentences all outscore the ETO's s. 40."""
    quoted = {hits[candidates[i][0]].chunk.doc_id for i in chosen}
    added = []
    for number, hit in hits.items():
        if "named_document" not in hit.scores or hit.chunk.doc_id in quoted:
            continue
        top = max((i for i, c in enumerate(candidates) if c[0] == number and i not in left_out),
                  key=lambda i: scores[i], default=None)
        if top is not None:
            added.append(top)
            quoted.add(hit.chunk.doc_id)
    return added


def antecedents(candidates: Sequence[tuple[int, int, str]]) -> dict[int, int]:
    """For each candidate sentence that opens with a pronoun, the candidate right before it in its passage."""
    at = {(n, position): i for i, (n, position, _) in enumerate(candidates)}
    return {i: at[(n, position - 1)] for i, (n, position, sentence) in enumerate(candidates)
            if _PRONOUN_OPENING.match(sentence) and (n, position - 1) in at}


def introductions(candidates: Sequence[tuple[int, int, str]], sections: Mapping[int, tuple[str, str]]
                  ) -> dict[int, int]:
    """For each candidate whose subject is an abbreviation it does not spell out ("The ARD will provide ..."), the
    candidate of the same section (`sections`: passage number -> document and section) that introduces it in
    brackets. Quoted with it, not scored with it: the introduction names the subject and answers nothing more."""
    found: dict[int, int] = {}
    for i, (n, _, sentence) in enumerate(candidates):
        introduced = abbreviation_subject(sentence)
        if not introduced or not sections.get(n, ("", ""))[1]:
            continue
        source = next((j for j, (m, _, other) in enumerate(candidates)
                       if j != i and sections.get(m) == sections[n] and introduced in other), None)
        if source is not None:
            found[i] = source
    return found


def read_with_antecedents(candidates: Sequence[tuple[int, int, str]], vectors: np.ndarray, antecedent: dict[int, int]
                          ) -> tuple[list[tuple[int, int, str]], np.ndarray]:
    """Candidates as they are read for scoring: a pronoun-opening sentence with the one it speaks of (text
    joined, vectors averaged), so "who chairs the board?" meets "It shall be chaired by ..." after "Board"."""
    if not antecedent:
        return list(candidates), vectors
    read = list(candidates)
    vectors = vectors.copy()
    for i, j in antecedent.items():
        n, position, sentence = candidates[i]
        read[i] = (n, position, f"{candidates[j][2]} {sentence}")
        joined = vectors[i] + vectors[j]
        vectors[i] = joined / (np.linalg.norm(joined) or 1.0)
    return read, vectors


# A table's timeline cell read as a sentence of its own: "By 2026", "By 2026 Target-3" (the next row's label).
_TIMELINE_CELL = re.compile(r"^(?:By|In|Till|Until)\s+(?:19|20)\d\d\b\W*(?:\S+\W*){0,2}$")


def timeline_cells(candidates: Sequence[tuple[int, int, str]]) -> dict[int, int]:
    """For each candidate sentence of a table row, the bare timeline cell that closes the row (within ROW_SENTENCES
    after it in its passage): the policy's targets table states a row's aim in a few sentences and then, in its
    last column, the year ("... awareness of 90% of the public with internet access." ... "By 2026")."""
    at = {(n, position): i for i, (n, position, _) in enumerate(candidates)}
    cells: dict[int, int] = {}
    for i, (n, position, sentence) in enumerate(candidates):
        if _TIMELINE_CELL.match(sentence):
            continue
        following = [at[(n, p)] for p in range(position + 1, position + 1 + ROW_SENTENCES) if (n, p) in at]
        cell = next((j for j in following if _TIMELINE_CELL.match(candidates[j][2])), None)
        if cell is not None:
            cells[i] = cell
    return cells


# Sentences a targets-table row runs to before its timeline cell (the longest row on page 10 has three).
ROW_SENTENCES = 3


def read_with_cells(candidates: Sequence[tuple[int, int, str]], cell: dict[int, int]) -> list[tuple[int, int, str]]:
    """Candidates as they are checked for a date: a row's sentence with its timeline cell."""
    read = list(candidates)
    for i, j in cell.items():
        n, position, sentence = candidates[i]
        read[i] = (n, position, f"{sentence} {candidates[j][2]}")
    return read


def _kind_of(ask: str, question_kind: Expected) -> Expected:
    """What one ask of a question wants: its own kind, or the whole question's when its words name none."""
    kind = expected_answer(ask)
    return question_kind if kind is Expected.OTHER else kind


def quoted_passages(hits: Sequence[Hit], passages: int) -> list[tuple[int, Hit]]:
    """The hits whose sentences may be quoted, each with its number in the prompt context (so [n] points at the
    same passage for every generator kind): the named clauses when there are any, else the best `passages`
    retrieved passages with their sections' continuations and a follow-up's own-ask passages.

    The best passages count by retrieval rank, not by place in the context: a governing section's
    continuation chunks, inserted right after it, must not push the next-ranked sections out ("where can I
    appeal?" after a question on the Tribunal's deadline is answered by the section after it).
    """
    if any("clause" in h.scores for h in hits):
        return [(n, h) for n, h in enumerate(hits, 1) if "clause" in h.scores or h.scores.get("reference")]
    retrieved = [h for h in hits if "continuation" not in h.scores]
    # A passage that repeats a better one (the amending Act's text of a section beside the consolidated Act's)
    # takes no place among the best: its sentences are left out as repeats, and the place goes to the next.
    best: set[int] = set()
    kept_words: list[set[str]] = []
    for hit in retrieved:
        if len(kept_words) >= passages:
            break
        words = sentence_words(hit.chunk.text)
        best.add(id(hit))
        if not any(is_near_repeat(words, kept) for kept in kept_words):
            kept_words.append(words)
    return [(n, h) for n, h in enumerate(hits, 1)
            if id(h) in best or any(key in h.scores for key in ("continuation", "governing", "own_ask", "named_document"))]


# Asks for one detail of a rule, which its own sentence answers: a time or a period ("within what time", "how
# quickly"), beside _SPECIFIC_ASK's who, when, which and how.
_DETAIL_ASK = re.compile(r"\b(?:time|quickly|soon|deadline|period|long)\b", re.I)


def asks_about_a_rule(question: str, expected: Expected) -> bool:
    """Whether the question asks what a rule is ("can we be held liable?", "do we need accreditation?") rather
    than a figure, a penalty or one detail of it ("within what time must the Tribunal decide?")."""
    asked = asking_sentences(question)
    return expected is Expected.OTHER and not _SPECIFIC_ASK.search(asked) and not _DETAIL_ASK.search(asked)


def leading_with(first: int, chosen: list[int], candidates: Sequence[tuple[int, int, str]], hits: dict[int, Hit]
                 ) -> list[int]:
    """chosen, with `first` and the chosen sentences read straight after it in its section moved to the front."""
    run = next(run for run in reading_order(candidates, hits) if first in run)
    block = [first]
    for i in run[run.index(first) + 1:]:
        if i not in chosen:
            break
        block.append(i)
    return block + [i for i in chosen if i not in block]


def governing_opening(candidates: Sequence[tuple[int, int, str]], hits: dict[int, Hit]) -> int | None:
    """The candidate that opens the governing statute section ("Limitation of liability of service providers.—
    (1) No service provider shall be subject to any civil or criminal liability, unless ..."), if it is one. The
    section's opening passage may have been retrieved on its own rather than as the governing hit's continuation."""
    governing = {(h.chunk.doc_id, h.chunk.section) for h in hits.values() if "governing" in h.scores}
    for i, (n, _, sentence) in enumerate(candidates):
        chunk = hits[n].chunk
        # Only the section's own heading opens a sentence with its title (after a "38." label, if any).
        if ((chunk.doc_id, chunk.section) in governing and chunk.doc_status in STATUTES and chunk.section_title
                and sentence.startswith(chunk.section_title)):
            # An opening that only introduces a list ("... the following powers and functions, namely:—") states
            # no rule; the list items the question asks about do.
            return None if _INTRODUCES_LIST.search(sentence) else i
    return None


# _LEAD_IN without its bare ":": a rule followed by its proviso ends with one ("... for the time being in force:"),
# and states a rule of its own.
_INTRODUCES_LIST = re.compile(rf"\b(?:{_LIST_WORDS})\W*$|[:,]?\s*[—_–-]+\s*$", re.I)


def _own_ask_sentences(own_ask: set[int], candidates: Sequence[tuple[int, int, str]],
                       ask_scores: Sequence[Sequence[float]], cells: Collection[int] = ()) -> list[int]:
    """The best sentence, for the turn's own words, of each passage (by number) found for a follow-up's own ask
    ("is that offence bailable?"). They come on top of the topic's sentences: the earlier question's words
    rank the earlier topic first, and the topic's sentences may answer the rest of the turn. `ask_scores` are
    the candidates' scores for each ask of the turn; `cells`, the timeline cells, are never chosen on their own."""
    if not own_ask:
        return []
    # Each ask of a compound turn found its own passage: a sentence is scored by the ask it answers best.
    scores = np.max(ask_scores, axis=0)
    chosen: list[int] = []
    for n in sorted(own_ask):
        sentences = [i for i, c in enumerate(candidates) if c[0] == n and i not in cells]
        if sum(len(candidates[i][2]) for i in sentences) <= WHOLE_OWN_ASK_CHARS:
            # A short passage is a rule and its exception together: s. 43(1) makes most offences bailable and
            # compoundable, (2) lists those that are not; either alone misleads "is it bailable?".
            chosen += sentences
        elif sentences:
            chosen.append(max(sentences, key=lambda i: scores[i]))
    return chosen


def first_punishment(chosen: Sequence[int], candidates: Sequence[tuple[int, int, str]], governing: set[int]
                     ) -> tuple[int, str] | None:
    """The first quoted punishment (the governing section's first) restated in its own words ("Imprisonment up to
    three years, fine up to one million rupees, or both."), with the passage number it is cited to."""
    ordered = sorted(chosen, key=lambda i: candidates[i][0] not in governing)
    for i in ordered:
        penalty = read_penalty(candidates[i][2])
        if penalty is not None and penalty.plain():
            return candidates[i][0], penalty.plain()
    return None


def rival_penalty_lead(chosen: Sequence[int], candidates: Sequence[tuple[int, int, str]],
                       hits: Mapping[int, Hit]) -> str:
    """'If it is spoofing: Imprisonment up to three years, ... [n]': the punishment of the second offence the conduct
    may be (assistant.offences marks it "offence"), so the reader sees two offences are quoted, and why. The section
    number stays in the citation: said in the sentence, it is a figure its passage may not state."""
    rivals = {(h.chunk.doc_id, h.chunk.section): h.chunk for h in hits.values() if "offence" in h.scores}
    for i in chosen:
        chunk = hits[candidates[i][0]].chunk
        rival = rivals.get((chunk.doc_id, chunk.section))
        penalty = read_penalty(candidates[i][2]) if rival is not None else None
        if penalty is not None and penalty.plain():
            return f"If it is {offence_name(rival)}: {penalty.plain()} [{candidates[i][0]}]"
    return ""


def offence_name(chunk: Chunk) -> str:
    """The offence a section's title names, as said in a sentence: "Punishment for false and fake information" ->
    "false and fake information", "Spoofing" -> "spoofing"."""
    name = _PUNISHMENT_FOR.sub("", chunk.section_title.strip(" .—-_")) or "the offence"
    return name[0].lower() + name[1:] if not name[:2].isupper() else name


_PUNISHMENT_FOR = re.compile(r"^(?:punishment|penalty)\s+for\s+", re.I)


# A punishment and a harsher one for an aggravated case ("if the victim is a minor") are two sentences.
KIND_SENTENCES = {Expected.PENALTY: 2}




def _kind_sentences(best: Sequence[int], has_kind: Sequence[bool], candidates: Sequence[tuple[int, int, str]],
                    governing: set[int], expected: Expected, chosen: Sequence[int] = (),
                    numbered_hits: dict[int, Hit] | None = None) -> list[int]:
    """The sentences stating what the question asks for: the governing section's, or else the best one. A figure
    that closely follows a chosen sentence stating none comes first: "the CoE-AI shall organize a special grant ..."
    is followed by "at least 400 projects ... up to PKR 1 million per project", the grant's sum, where a research
    stipend's PKR 200,000 two items later scores higher. A punishment is its own section's, chosen as it was."""
    of_kind = [i for i in best if has_kind[i]]
    in_section = [i for i in of_kind if candidates[i][0] in governing]
    pool = in_section or of_kind
    if expected is not Expected.PENALTY:
        subjects = [j for j in chosen if not has_kind[j]]
        following = [i for i in pool if any(_closely_follows(i, j, candidates, numbered_hits) for j in subjects)]
        pool = [*following, *(i for i in pool if i not in following)]
    return pool[: KIND_SENTENCES.get(expected, 1)] if in_section else pool[:1]


def _closely_follows(later: int, earlier: int, candidates: Sequence[tuple[int, int, str]],
                     numbered_hits: dict[int, Hit] | None) -> bool:
    """Whether candidate `later` stands at most FIGURE_REACH sentences after `earlier` in one section, also across
    the boundary of two consecutive passages."""
    (n_later, at_later, _), (n_earlier, at_earlier, _) = candidates[later], candidates[earlier]
    # An item's marker ("c.") split off as a sentence is no sentence between them.
    between = [c for c in candidates if len(c[2].split()) > 1]
    if n_later == n_earlier:
        return at_later > at_earlier and len(
            [c for c in between if c[0] == n_later and at_earlier < c[1] < at_later]) < FIGURE_REACH
    if numbered_hits is None:
        return False
    chunk_later, chunk_earlier = numbered_hits[n_later].chunk, numbered_hits[n_earlier].chunk
    if (chunk_later.doc_id, chunk_later.section, chunk_later.ordinal) != (chunk_earlier.doc_id, chunk_earlier.section,
                                                                          chunk_earlier.ordinal + 1):
        return False
    return len([c for c in between if (c[0] == n_earlier and c[1] > at_earlier)
                or (c[0] == n_later and c[1] < at_later)]) < FIGURE_REACH


def _on_topic(candidate: tuple[int, int, str], best: tuple[int, int, str], topic: set[str]) -> bool:
    """A sentence from another passage than the best one stays only if it shares a topic word with the question.

    "What is the punishment for spoofing?" should not also quote the next section's penalty for fake news.
    """
    return candidate[0] == best[0] or not topic or bool(topic & topic_stems(candidate[2]))


def with_list_items(chosen: list[int], candidates: Sequence[tuple[int, int, str]]) -> list[int]:
    """chosen, plus the (a), (b), (c)... items that follow a chosen lead-in ("A Tribunal shall consist of__").

    A lead-in without its list answers nothing; the items come from the same passage, in order, within
    MAX_LIST_CHARS.
    """
    return _with_followers(chosen, candidates, lambda sentence: bool(_LEAD_IN.search(sentence)), _LIST_ITEM,
                           MAX_LIST_CHARS)


# A list up to this long (lead-in and items) is quoted whole when one of its items is chosen: "(d) avoid
# disruption to the continued legitimate business operations" alone says neither who must avoid it nor the
# duties beside it ("(a) act with proportionality"). Short items ("(a) act with proportionality;") are kept as
# candidates for this. Dev: +1 (an Urdu question on protecting victims and witnesses), none lost; the median
# answer grew 1244 -> 1303 characters.
MAX_WHOLE_LIST_CHARS = 1000


def reading_order(candidates: Sequence[tuple[int, int, str]], hits: dict[int, Hit]) -> list[list[int]]:
    """The candidates as runs read one after the other in their section, across the section's passages."""
    def key(i: int) -> tuple[str, str, int, int]:
        n, position, _ = candidates[i]
        chunk = hits[n].chunk
        return chunk.doc_id, chunk.section, chunk.ordinal, position

    runs: list[list[int]] = []
    for i in sorted(range(len(candidates)), key=key):
        if runs:
            previous = key(runs[-1][-1])
            doc_id, section, ordinal, position = key(i)
            same_passage = previous[2] == ordinal and position == previous[3] + 1
            next_passage = previous[2] + 1 == ordinal and position == 0
            if previous[:2] == (doc_id, section) and (same_passage or next_passage):
                runs[-1].append(i)
                continue
        runs.append([i])
    return runs


_ANY_DEFINITION = definition_opening()


def whole_definition(term: str, candidates: Sequence[tuple[int, int, str]], hits: dict[int, Hit]) -> list[int]:
    """The candidates that make up the first definition of `term`, from “term” means up to the next term's
    definition, read across the section's passages ("(b) a website ... but shall not include the licensees of
    Pakistan Telecommunication Authority" is in the passage after the one the definition opens in); [] when none
    opens."""
    if not term:
        return []
    opening = definition_opening(term)
    for run in reading_order(candidates, hits):
        for at, i in enumerate(run):
            if not opening.search(candidates[i][2]):
                continue
            members, length = [i], len(candidates[i][2])
            for j in run[at + 1:]:
                length += len(candidates[j][2])
                if _ANY_DEFINITION.search(candidates[j][2]) or length > MAX_CLAUSE_CHARS:
                    break
                members.append(j)
            return members
    return []


def in_reading_order(chosen: list[int], candidates: Sequence[tuple[int, int, str]], hits: dict[int, Hit]
                     ) -> list[int]:
    """chosen, passage by passage in context order, with chosen sentences that directly follow one another in
    their section (a lead-in and its items split across two passages) kept together, in the order they are read."""
    chosen = sorted(chosen, key=lambda i: (candidates[i][0], candidates[i][1]))
    picked = set(chosen)
    block_of: dict[int, list[int]] = {}
    for run in reading_order(candidates, hits):
        block: list[int] | None = None
        for i in run:
            if i not in picked:
                block = None
                continue
            if block is None:
                block = []
            block.append(i)
            block_of[i] = block
    placed: list[int] = []
    for i in chosen:
        if i not in placed:
            placed += block_of[i]
    return placed


def with_whole_short_lists(chosen: list[int], candidates: Sequence[tuple[int, int, str]], hits: dict[int, Hit]
                           ) -> list[int]:
    """chosen, plus the lead-in and the other items of each short list one of its chosen sentences belongs to."""
    is_item = [bool(_LIST_ITEM.match(c[2])) for c in candidates]
    added: list[int] = []
    for run in reading_order(candidates, hits):
        for at, i in enumerate(run):
            if is_item[i] or not _LEAD_IN.search(candidates[i][2]):
                continue
            members = [i]
            for j in run[at + 1:]:
                if not is_item[j]:
                    break
                members.append(j)
            short = sum(len(candidates[j][2]) for j in members) <= MAX_WHOLE_LIST_CHARS
            if short and len(members) > 1 and any(j in chosen for j in members[1:]):
                added += [j for j in members if j not in chosen and j not in added]
    return chosen + added


_PROVISO = re.compile(r"^(?:Provided\s+(?:further\s+|also\s+)?that|Explanation\b)", re.I)
# Provisos quoted with the sentence they qualify, within this many characters in all.
MAX_PROVISO_CHARS = 700


def with_provisos(chosen: list[int], candidates: Sequence[tuple[int, int, str]]) -> list[int]:
    """chosen, plus each "Provided that ..." (or Explanation) that directly follows a chosen sentence in its passage:
    a rule quoted without the proviso that limits it states more than the law does."""
    return _with_followers(chosen, candidates, lambda sentence: True, _PROVISO, MAX_PROVISO_CHARS)


# A sub-section is the unit a statute states a rule in: "(3) When seizing ... the authorized officer shall make all
# efforts to use technical measures ... The authorized officer shall seize ... as a last resort only ...". Its
# first sentence quoted alone leaves out what the rest of it says on the same matter. Its later sentences (not a
# list item, a proviso or the next sub-section) are quoted with it, within this many characters in all.
MAX_SUBSECTION_CHARS = 700
_SUBSECTION_OPENING = re.compile(r"^(?:.{0,300}?[—_:]+\s*)?\(\d+[A-Z]?\)\s")
_SUBSECTION_CONTINUES = re.compile(r"^(?!\(|Provided\b|Explanation\b)\S")


def with_whole_subsections(chosen: list[int], candidates: Sequence[tuple[int, int, str]]) -> list[int]:
    """chosen, plus the later sentences of each numbered sub-section whose opening sentence is chosen."""
    return _with_followers(chosen, candidates, lambda sentence: bool(_SUBSECTION_OPENING.match(sentence)),
                           _SUBSECTION_CONTINUES, MAX_SUBSECTION_CHARS)


def _with_followers(chosen: list[int], candidates: Sequence[tuple[int, int, str]], leads: Callable[[str], bool],
                    follower: re.Pattern, budget: int) -> list[int]:
    """chosen, plus the run of sentences matching `follower` right after each chosen sentence that `leads`,
    from the same passage, in order, within `budget` characters in all."""
    at = {(n, position): i for i, (n, position, _) in enumerate(candidates)}
    added: list[int] = []
    used = 0
    for i in chosen:
        n, position, sentence = candidates[i]
        if not leads(sentence):
            continue
        following = at.get((n, position + 1))
        while following is not None and follower.match(candidates[following][2]):
            if following not in chosen and following not in added:
                if used + len(candidates[following][2]) > budget:
                    break
                added.append(following)
                used += len(candidates[following][2])
            position += 1
            following = at.get((n, position + 1))
    return chosen + added


def retrieval_ranks(hits: Sequence[Hit]) -> dict[int, int]:
    """Each passage's retrieval rank, by its number in the context (1-based both). A section's continuation
    shares the rank of the passage it continues: inserted after it, it must not push the next-ranked
    passages' sentences down."""
    ranks: dict[int, int] = {}
    rank = 0
    for n, hit in enumerate(hits, 1):
        if "continuation" not in hit.scores or not rank:
            rank += 1
        ranks[n] = rank
    return ranks


def _sentence_scores(question: str, candidates: Sequence[tuple[int, int, str]], vectors: np.ndarray,
                     embedder: Embedder, expected: Expected, ranks: dict[int, int],
                     figure_topic: str = "") -> list[float]:
    """How well each candidate sentence answers the question (cosine, shared words, rank, expected kind); a figure
    counts as the kind asked for when it is about `figure_topic` (default: the question's own words)."""
    query = np.array(embedder.embed_query(question))
    # The statute's words for the question's everyday ones count as shared: "held responsible" is "liability".
    terms = set(keyword_tokens(expand_query(question)))
    scores = []
    for (n, position, sentence), vector in zip(candidates, vectors):
        overlap = len(terms & set(keyword_tokens(sentence))) / max(1, len(terms))
        # Earlier passages ranked higher; a clause's opening sentence states its rule; a sentence
        # with the kind of answer asked for (a figure, a penalty) beats one that only shares words.
        kind = expected is not Expected.OTHER and has_expected(sentence, expected, figure_topic or question)
        kind_bonus = EXPECTED_BONUS if kind else 0.0
        rank_bonus = 0.05 / ranks.get(n, n) + (0.05 if position == 0 else 0.0)
        scores.append(float(vector @ query) + 0.3 * overlap + rank_bonus + kind_bonus)
    return scores


# A sentence sharing this share of its words with one already kept says it again: the same clause in the
# consolidated Act and in the amending Act ("...Telecommunication Authority;"; and" / "...Authority;]."), or a
# policy that repeats a paragraph with one phrase changed ("regulatory support regarding" / "for direct").
NEAR_REPEAT = 0.9


def _candidate_sentences(numbered: Sequence[tuple[int, Hit]]) -> list[tuple[int, int, str]]:
    """(passage number, position, sentence) for every usable sentence; repeats and page furniture left out."""
    candidates: list[tuple[int, int, str]] = []
    seen: list[set[str]] = []
    for n, hit in numbered:
        for position, sentence in enumerate(passage_sentences(hit.chunk.text)):
            sentence = sentence.strip()
            words = sentence_words(sentence)
            if _TIMELINE_CELL.match(sentence):
                # Kept to be quoted with its row (timeline_cells), never on its own: "By 2026" repeats, rightly.
                candidates.append((n, position, sentence))
                continue
            # A short list item ("(a) act with proportionality;") is a whole duty; other short pieces are debris.
            short = len(sentence.split()) < 5 and not _LIST_ITEM.match(sentence)
            if short or _is_furniture(sentence) or any(is_near_repeat(words, s) for s in seen):
                continue
            seen.append(words)
            candidates.append((n, position, sentence))
    return candidates


_WORD = re.compile(r"[a-z0-9]+")


def sentence_words(sentence: str) -> set[str]:
    """The sentence's words and numbers, lower-cased, as compared for repeats."""
    return set(_WORD.findall(sentence.lower()))


def is_near_repeat(words: set[str], kept: set[str]) -> bool:
    """Whether a sentence with these words says again what the kept sentence says (NEAR_REPEAT of the longer's
    words shared): a shorter sentence inside a longer one, "(b) any fee" within a list, is not a repeat, and
    neither is one that differs in a figure (the harsher punishment "if the victim is a minor")."""
    if not words or len(words & kept) < NEAR_REPEAT * max(len(words), len(kept)):
        return False
    return not any(has_expected(word, Expected.QUANTITY) for word in words ^ kept)


# A heading's words of this length or more are capitalised (a sentence's are not): "Public Awareness of AI & Allied
# Technologies." is a table's column title, "Enabling AI through Awareness & Readiness Target-1." a row's label.
HEADING_WORD_LENGTH = 4
HEADING_CAPITALISED = 0.8
_WORDS_IN_SENTENCE = re.compile(r"[A-Za-z][A-Za-z'-]*")


def is_heading(sentence: str) -> bool:
    """Whether a sentence is a title: short, no list item, and (nearly) every longer word capitalised."""
    if len(sentence.split()) > 12 or _LIST_ITEM.match(sentence):
        return False
    long_words = [w for w in _WORDS_IN_SENTENCE.findall(sentence) if len(w) >= HEADING_WORD_LENGTH]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) / len(long_words) >= HEADING_CAPITALISED


def _is_furniture(sentence: str) -> bool:
    """Title lines in capitals and amendment footnotes ("1Subs. by Act No. ...") answer nothing."""
    letters = [ch for ch in sentence if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.6:
        return True
    return bool(_FOOTNOTE.match(sentence) or _FOOTNOTE_TAIL.match(sentence.strip()))


def _asks_for_whole_clause(question: str, expected: Expected) -> bool:
    """'What does section 20 say?' wants the clause itself; 'what is the punishment under s.24?' wants a part."""
    return expected is Expected.OTHER and not _SPECIFIC_ASK.search(question)


def clause_opening(hits: Sequence[Hit]) -> str:
    """For 'what does section X say?': the clause's own words in reading order, across its passages, cited.

    Officials asking this want the wording, so the quote runs up to MAX_CLAUSE_CHARS, longer than an
    answer to a specific question.
    """
    sections: dict[tuple[str, str], list[int]] = {}
    for n, hit in enumerate(hits, 1):
        if "clause" in hit.scores:
            sections.setdefault((hit.chunk.doc_id, hit.chunk.section), []).append(n)
    # Several clauses named ("section 40 of the ETO and section 38 of PECA"): each gets its share.
    budget = MAX_CLAUSE_CHARS // max(1, len(sections))
    return " ".join(sentence for numbers in sections.values() for sentence in _opening(hits, numbers, budget))


def _opening(hits: Sequence[Hit], numbers: Sequence[int], budget: int) -> list[str]:
    """The first sentences of passages `numbers` (one clause, in order), cited, within budget characters."""
    quoted: list[str] = []
    length = 0
    for n in numbers:
        for sentence in passage_sentences(hits[n - 1].chunk.text):
            if len(sentence.split()) < 3 or _is_furniture(sentence):
                continue
            if length and length + len(sentence) > budget:
                return quoted
            quoted.append(_with_marker(sentence, n))
            length += len(sentence)
    return quoted


def part_of_clause(hits: Sequence[Hit], part: Sequence[str]) -> list[str]:
    """For 'quote section 32(3)' or 'clause (l) of section 2B': that sub-section or clause of the named clause's
    passages, whole and cited, from its marker to the next one of its level; [] when the clause has no such part.

    A sub-section "(3)" runs to the next numbered marker; a lettered clause "(h)" to the next later letter
    ("(i)" after "(h)" is one) or sub-section.
    """
    sentences: list[tuple[int, str]] = []
    for n, hit in enumerate(hits, 1):
        if "clause" in hit.scores:
            marker = ""
            for sentence in passage_sentences(hit.chunk.text):
                if BARE_ITEM_MARKER.match(sentence):
                    # A policy item's marker ("VI.") is split off as a sentence; it opens the item's first one.
                    marker = f"{sentence} "
                    continue
                sentence, marker = f"{marker}{sentence}", ""
                # Neighbouring passages share a sentence; it is quoted once. Footnotes are not the law's words.
                if sentence and not _is_furniture(sentence) and (not sentences or sentences[-1][1] != sentence):
                    sentences.append((n, sentence))
    start, end = 0, len(sentences)
    for level in part:
        begins = [i for i in range(start, end) if _opens_part(sentences[i][1], level)]
        if not begins:
            return []
        start = begins[0]
        end = next((i for i in range(start + 1, end) if _ends_part(sentences[i][1], level)), end)
    return [_with_marker(sentence, n) for n, sentence in sentences[start:end]]


# A policy clause's items are printed "VI." or "a." at the start of a line, not in brackets.
_OPENS_ITEM = re.compile(rf"^{ITEM_MARKER}\s")


def _opens_part(sentence: str, level: str) -> bool:
    # A part may open a sentence, or follow a heading or a lead-in within one: "Retention of traffic data.— (1) A
    # service provider", "... the following powers, namely:— (a) promote". A policy item opens its own line.
    return bool(re.match(rf"^(?:.{{0,300}}?[—_:]+\s*)?\({re.escape(level)}\)\s", sentence, re.I)
                or re.match(rf"^{re.escape(level)}\.\s", sentence, re.I))


def _ends_part(sentence: str, level: str) -> bool:
    if re.match(r"^\(\d{1,2}[A-Z]?\)\s", sentence) or _OPENS_ITEM.match(sentence):
        return True
    letter = re.match(r"^\(([a-z])\)\s", sentence, re.I)
    return bool(letter and not level[0].isdigit() and letter.group(1).lower() > level[-1].lower())


def _with_marker(sentence: str, n: int) -> str:
    sentence = sentence.rstrip()
    if not sentence.endswith((".", "!", "?")):
        sentence = sentence.rstrip(";:,") + "."
    return f"{sentence} [{n}]"


# The local model reads ~30 prompt tokens/s on 2 cores (STACK.md: 830 tokens, ~26 s to first token), so it
# sees the first passages only, each cut short; their numbers still match the checked context.
LOCAL_PASSAGES = 3
LOCAL_PASSAGE_CHARS = 700
DEFAULT_BASE_URLS = {"ollama": "http://localhost:11434", "openai": "https://api.openai.com/v1"}
# Ollama's default context (2048 tokens) would silently cut a prompt of 5-8 passages of ~230 tokens.
OLLAMA_NUM_CTX = 4096


def build_generator(settings: Settings, embedder: Embedder) -> Runnable:
    """The configured generator as a Runnable over {"question", "hits"} that streams text.

    LLM backends are optional extras, imported lazily; their failures surface as GenerationError.

    Usage example:
        generator = build_generator(settings.with_(generator="ollama"), embedder)
        for piece in generator.stream({"question": question, "hits": hits}):
            print(piece, end="")
    """
    if settings.generator == "extractive":
        def sentences(inputs: Iterator[dict]) -> Iterator[str]:
            # Streams sentence by sentence so the UI shows the same progressive output for every kind.
            for value in inputs:
                text = extractive_answer(value.get("query") or analyse(value["question"]), value["hits"], embedder)
                for n, sentence in enumerate(_ANSWER_SENTENCE.split(text)):
                    yield sentence if n == 0 else " " + sentence

        return RunnableGenerator(sentences, name="extractive")
    model = build_chat_model(settings)
    limits = ({"max_passages": LOCAL_PASSAGES, "max_chars": LOCAL_PASSAGE_CHARS}
              if settings.generator == "llamacpp" else {})
    to_messages = RunnableLambda(lambda inputs: build_messages(inputs.get("query") or analyse(inputs["question"]),
                                                               inputs["hits"], **limits),
                                 name="prompt")
    return guarded(to_messages | model | StrOutputParser(), settings)


def guarded(chain: Runnable, settings: Settings) -> Runnable:
    """chain, streaming as before, with any backend failure turned into a GenerationError that says what to do."""
    def run(inputs: Iterator[Any]) -> Iterator[str]:
        for value in inputs:
            try:
                yield from chain.stream(value)
            except GenerationError:
                raise
            except Exception as exc:  # the client libraries raise their own, unrelated exception types
                raise GenerationError(describe_failure(exc, settings)) from exc

    return RunnableGenerator(run, name=settings.generator)


def describe_failure(exc: BaseException, settings: Settings) -> str:
    """A one-line, secret-free explanation of a generator failure with the setting to check."""
    kind = settings.generator
    where = settings.llm_base_url or DEFAULT_BASE_URLS.get(kind, "the local model")
    chain = _exception_chain(exc)
    status = next((s for s in (getattr(e, "status_code", None) for e in chain) if isinstance(s, int)), None)
    if any(isinstance(e, TimeoutError) or "Timeout" in type(e).__name__ for e in chain):
        message = (f"The {kind} server at {where} did not answer within {settings.llm_timeout_s:g} s. Check that it "
                   "is running and not overloaded, or raise ASSISTANT_LLM_TIMEOUT_S.")
    elif status is None and any(isinstance(e, ConnectionError) or "Connect" in type(e).__name__ for e in chain):
        message = (f"Could not connect to the {kind} server at {where}. Start it, or set ASSISTANT_LLM_BASE_URL "
                   "to the address where it runs.")
    elif status in (401, 403):
        message = f"The {kind} server at {where} refused the request (HTTP {status}). Check ASSISTANT_API_KEY."
    elif status == 404:
        message = (f"The {kind} server at {where} answered HTTP 404. Check ASSISTANT_LLM_BASE_URL and the model "
                   f"name ASSISTANT_LLM_MODEL={settings.llm_model or '(default)'}.")
    elif status is not None:
        detail = getattr(exc, "error", None) or getattr(exc, "message", None) or str(exc)
        message = f"The {kind} server at {where} answered HTTP {status}: {str(detail)[:200]}"
    else:
        message = f"The {kind} generator failed: {type(exc).__name__}: {str(exc)[:300]}"
    return message.replace(settings.api_key, "***") if settings.api_key else message


def _exception_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def build_chat_model(settings: Settings) -> Any:
    """A LangChain chat model for the llamacpp / ollama / openai generators; nothing is contacted here.

    The API key comes from ASSISTANT_API_KEY only and is sent as a bearer header only when set.
    OPENAI_API_KEY is deliberately not read: ASSISTANT_LLM_BASE_URL may point at a third-party or local
    server, and a key issued for api.openai.com must not leak to it. (The ollama client library itself
    still sends OLLAMA_API_KEY when that is set and ASSISTANT_API_KEY is not: a key meant for Ollama.)
    """
    try:
        if settings.generator == "ollama":
            from langchain_ollama import ChatOllama

            client: dict[str, Any] = {"timeout": settings.llm_timeout_s}
            if settings.api_key:  # Ollama behind an authenticating proxy, or ollama.com
                client["headers"] = {"Authorization": f"Bearer {settings.api_key}"}
            return ChatOllama(model=settings.llm_model or "qwen2.5:1.5b",
                              base_url=settings.llm_base_url or DEFAULT_BASE_URLS["ollama"], temperature=0,
                              num_ctx=OLLAMA_NUM_CTX, client_kwargs=client)
        if settings.generator == "openai":
            import openai
            from langchain_openai import ChatOpenAI

            # The client refuses to run without a key and would fall back to OPENAI_API_KEY: without
            # ASSISTANT_API_KEY it gets a placeholder and the Authorization header is explicitly omitted.
            no_key = {} if settings.api_key else {"model_kwargs": {"extra_headers": {"Authorization": openai.Omit()}}}
            return ChatOpenAI(model=settings.llm_model or "gpt-4o-mini", base_url=settings.llm_base_url or None,
                              api_key=settings.api_key or "no-key", temperature=0, timeout=settings.llm_timeout_s,
                              max_retries=1, **no_key)
        if settings.generator == "llamacpp":
            from assistant.local_model import build_llamacpp

            return build_llamacpp(settings)
    except ImportError as exc:
        raise GenerationError(
            f"The {settings.generator} generator needs an optional package ({exc.name}). "
            + ("Run: .venv/bin/pip install -e '.[llamacpp]' (prebuilt wheels, no compiling)" if settings.generator == "llamacpp"
               else "Run: .venv/bin/pip install -e . to restore the project's dependencies")
        ) from exc
    raise GenerationError(f"Unknown generator {settings.generator!r}; choose one of: extractive, llamacpp, "
                          "ollama, openai")
