"""retrieve(): clause lookup first, then hybrid dense + BM25 search fused by reciprocal rank."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from assistant.catalog import law_names, load_catalog, mention_spans, mentioned_sources
from assistant.law_tables import LawTables, build_tables
from assistant.named_bodies import NameIndex, defined_short_names
from assistant.config import Settings
from assistant.embed import E5Embedder, Embedder, MiniLMEmbedder
from assistant.keyword import KeywordIndex
from assistant.language import expand_query, glossary_terms, is_roman_urdu, is_urdu_script, split_compounds
from assistant.question_type import (asks_about_reach, asks_about_version, asks_when_made, asks_whether, defined_term,
                                     definition_opening, question_parts, topic_stems)
from assistant.references import ClauseReference, chapter_variants, find_references
from assistant.sentence_vectors import SentenceVectors, vectors_folder
from assistant.split_words import SplitWords, find_split_words
from assistant.store import DENSE_SPACE, MULTILINGUAL_SPACE, IndexStore, make_client
from assistant.types import Chunk, DocStatus, Hit, Section, Source

log = logging.getLogger(__name__)

# Reciprocal rank fusion constant from Cormack et al. (2009), the usual default.
RRF_K = 60
# When no document is named, an Act section number is looked up in this order.
_ACT_PREFERENCE = ("peca-2016-consolidated-2025", "peca-amendment-act-2025", "electronic-transactions-ordinance-2002")


@dataclass
class Resources:
    """Heavy objects built once per process and shared by every question (thread-safe reads).

    Usage example:
        resources = Resources.load(Settings.from_env())
        hits = retrieve("What is the punishment for spoofing?", resources, resources.settings)
    """

    settings: Settings
    store: IndexStore
    dense: Embedder
    multilingual: Embedder | None
    sources: list[Source]
    chunks: list[Chunk]
    sections: list[Section]
    keyword: KeywordIndex
    # The dense model behind the passage sentences stored at ingest: what answers score sentences with.
    sentences: SentenceVectors
    _labels: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, settings: Settings, dense: Embedder | None = None, multilingual: Embedder | None = None) -> "Resources":
        """Open the index (checking its stamp), load the models and build the keyword index."""
        store = IndexStore(make_client(settings), settings)
        dense = dense or MiniLMEmbedder(settings.embed_batch_size)
        stamp = store.check({DENSE_SPACE: dense.name})
        if settings.multilingual and MULTILINGUAL_SPACE in stamp.models:
            multilingual = multilingual or E5Embedder()
            store.check({MULTILINGUAL_SPACE: multilingual.name})
        else:
            multilingual = None
        chunks, sections, keyword, labels = cls._read_corpus(store, settings, stamp.generation)
        sentences = SentenceVectors.load(dense, vectors_folder(settings.data_dir, settings.collection_prefix),
                                         stamp.generation)
        resources = cls(settings, store, dense, multilingual, load_catalog(settings), chunks, sections, keyword,
                        sentences, labels)
        store.on_new_generation(resources._switch_to)
        return resources

    @staticmethod
    def _read_corpus(store: IndexStore, settings: Settings, generation: str):
        """Chunks, sections, keyword index and per-document clause labels of one index build."""
        chunks = store.all_chunks()
        sections = store.sections()
        cache_dir = settings.data_dir / "keyword" / settings.collection_prefix
        keyword = KeywordIndex(chunks, cache_dir=cache_dir, key=generation)
        # A document with chunks but no recognised clause headings is still indexed.
        labels: dict[str, set[str]] = {chunk.doc_id: set() for chunk in chunks}
        for section in sections:
            labels.setdefault(section.doc_id, set()).add(section.label)
        return chunks, sections, keyword, labels

    def _switch_to(self, stamp) -> None:
        """The index was rebuilt under the running app: read the new build's chunks and sections."""
        chunks, sections, keyword, labels = self._read_corpus(self.store, self.settings, stamp.generation)
        sentences = SentenceVectors.load(self.dense, vectors_folder(self.settings.data_dir,
                                                                    self.settings.collection_prefix), stamp.generation)
        # One assignment each: a question already running finishes on the chunks it started with.
        self.chunks, self.sections, self.keyword, self.sentences, self._labels = (
            chunks, sections, keyword, sentences, labels)

    @property
    def name_tokens(self) -> set[str]:
        """Words of document names and aliases ("peca", "eto"), which the texts rarely use themselves."""
        from assistant.language import keyword_tokens

        return {t for s in self.sources for name in (s.id, s.short_name, s.title, *s.aliases) for t in keyword_tokens(name)}

    @property
    def labels_by_doc(self) -> dict[str, set[str]]:
        """Every clause label each indexed document has ("2A", "26A", "4.1.2", "Chapter IC")."""
        return self._labels

    @property
    def indexed_ids(self) -> set[str]:
        return set(self._labels)

    @property
    def law_tables(self) -> LawTables:
        """Offences, duties and amendments read from this build's sections (built on first use, per build)."""
        return self._per_build("_tables", self.sections,
                               lambda sections: build_tables(sections, self.sources, self.chunks))

    @property
    def short_names(self) -> dict[str, str]:
        """Bodies' full names mapped to the short terms the texts define for them (read once per build)."""
        return self._per_build("_short_names", self.chunks, defined_short_names)

    @property
    def split_words(self) -> SplitWords:
        """The words this build's statute texts split in two, to be joined where an answer shows them."""
        return self._per_build("_split_words", self.chunks, find_split_words)

    @property
    def name_index(self) -> NameIndex:
        """Where each word stands in each passage, for checking the names a question uses (built once per build)."""
        return self._per_build("_names", self.chunks, NameIndex)

    def _per_build(self, key: str, source: Any, build: Callable[[Any], Any]) -> Any:
        """What `build` makes of `source` (this build's chunks or sections), made again once a new build replaces
        `source` (see _switch_to): a question already running keeps what it started with."""
        cached = self.__dict__.get(key)
        if cached is None or cached[0] is not source:
            cached = (source, build(source))
            self.__dict__[key] = cached
        return cached[1]

    def section(self, doc_id: str, label: str) -> Section | None:
        """A whole section by document and printed label (chapter spellings tolerated)."""
        label = label.strip()
        if label.lower().startswith("chapter"):
            label = "Chapter " + label[7:].strip(" -").upper()
        for variant in chapter_variants(label):
            for section in self.sections:
                if section.doc_id == doc_id and section.label.lower() == variant.lower():
                    return section
        return None


def retrieve(question: str, resources: Resources, settings: Settings, doc_ids: Sequence[str] = (),
             exclude: Sequence[str] = (), named: Sequence[str] | None = None) -> list[Hit]:
    """Best passages for a question, best first, each with its scores; named clauses come first.

    `doc_ids` limits the search to those documents; `exclude` leaves documents out of an open search. `named` are
    the catalog documents the question names (a Query's named_documents); found in the text when not given.
    """
    doc_ids = list(doc_ids)
    if named is None:
        named = [s.id for s in mentioned_sources(question, resources.sources)]
    named = [d for d in named if d in resources.indexed_ids and d not in exclude]
    clause_hits = clause_lookup(question, resources, doc_ids or named)
    scope = doc_ids or ([d for d in resources.indexed_ids if d not in exclude] if exclude else None)
    hybrid = hybrid_search(question, resources, settings, scope)
    if settings.rerank:
        hybrid = rerank(question, hybrid, resources, settings.rerank_k)
    hybrid = with_reach_section(question, hybrid, resources, doc_ids or named)
    first = clause_hits + definition_lookup(question, resources, doc_ids or named)
    first += front_matter_hits(named, resources) if asks_about_version(question) or asks_when_made(question) else []
    first = [hit for hit in first if hit.chunk.doc_id not in exclude]
    seen = {hit.chunk.id for hit in first}
    merged = first + [hit for hit in hybrid if hit.chunk.id not in seen]
    return merged[: max(settings.top_k, len(first))]


# A document's supporting matter, and the words that ask for it. A policy's annex reports the survey behind it
# and its references list sources: neither says what the policy proposes, yet their statistics share a business
# question's words ("AI startups received over $20 billion in funds" for "is there money for AI startups?").
SUPPORTING_MATTER = {
    re.compile(r"^\W*\d*\W*(?:annex|annexure|appendix)\b", re.I):
        re.compile(r"\b(?:annex\w*|appendix|survey\w*)\b", re.I),
    re.compile(r"^\W*\d*\W*(?:references|bibliography)\b", re.I): re.compile(r"\b(?:references|bibliography)\b", re.I),
}


def body_first(question: str, hits: Sequence[Hit]) -> list[Hit]:
    """hits, with passages of supporting matter the question does not ask for after the document bodies'."""
    def supporting(hit: Hit) -> bool:
        top = hit.chunk.heading_path[0] if hit.chunk.heading_path else ""
        return any(part.search(top) and not asked.search(question) for part, asked in SUPPORTING_MATTER.items())

    return [h for h in hits if not supporting(h)] + [h for h in hits if supporting(h)]


# Sections stating a law's own reach: "Short title, extent, application and commencement", "Application to certain
# laws barred", "Application to acts done outside Pakistan", a policy's "Scope". Not "Application of Act XVII of
# 1996", which applies another law.
_REACH_TITLE = re.compile(r"\b(?:extent|scope)\b|\bapplication\b(?! of\b)", re.I)
# How deep in the keyword ranking a reach section may lie and still be brought in.
REACH_DEPTH = 50
# A yes/no question that does not ask about the law's reach brings in a reach section only when the case it
# describes is among what that section lists: the section is among the keyword ranking's first REACH_CASE_DEPTH
# passages for the case and scores at least REACH_CASE_SHARE of the best. "Can the buyer and seller sign the sale
# agreement for a plot digitally?" ranks ETO s. 31(1)(e) ("a contract for sale ... of immovable property") 5th at
# 0.70 of the best; "can we sign contracts electronically?" ranks it 19th; "can a cheque be issued in electronic
# form?" first.
REACH_CASE_DEPTH = 5
REACH_CASE_SHARE = 0.6


def with_reach_section(question: str, hits: list[Hit], resources: Resources, doc_ids: Sequence[str]) -> list[Hit]:
    """hits, with the best-matching section on a law's reach second, for a question whether a law covers a case:
    the case ("trusts", "powers of attorney") is named in the list of what the law does not apply to, which the
    question's other words outrank. The decision reads this order; composing_order then puts it first.

    Dev: "does the electronic transactions law cover trusts / plot sale agreements and powers of attorney?" had
    been answered from ETO s. 16 and now quote s. 31 (dev_extra and business +1 each); "does the ETO apply to
    transactions outside Pakistan?" now leads with s. 32; nothing lost."""
    names = law_names(question, resources.sources)
    asks_reach = asks_about_reach(question, names)
    if not hits or not (asks_reach or asks_whether(question)):
        return hits
    # The case decides which reach section answers ("trusts" -> the exclusions, "abroad" -> acts outside
    # Pakistan); the law's own name would pick its title section every time.
    case = question
    for name in names:
        case = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", case, flags=re.I)
    reach = {(s.doc_id, s.label) for s in resources.sections if _REACH_TITLE.search(s.title)}
    ranked = resources.keyword.search(expand_query(case), REACH_DEPTH, doc_ids or None)
    # Only an official text states a law's reach: a document a user added never speaks for the law.
    at = next((i for i, (chunk, _) in enumerate(ranked)
               if (chunk.doc_id, chunk.section) in reach and chunk.doc_status is not DocStatus.USER), None)
    if at is None or not (asks_reach or (at < REACH_CASE_DEPTH and ranked[at][1] >= REACH_CASE_SHARE * ranked[0][1])):
        return hits
    best = ranked[at][0]
    found = next((h for h in hits if h.chunk.id == best.id), Hit(best, hits[0].score, {}))
    marked = Hit(best, found.score, {**found.scores, "reach": 1.0})
    rest = [h for h in hits if h.chunk.id != best.id]
    return [rest[0], marked, *rest[1:]] if rest else [marked]


def with_own_ask(turn: str, hits: list[Hit], resources: Resources, settings: Settings,
                 follow_up: bool = True, documents: Sequence[str] = ()) -> list[Hit]:
    """A follow-up's hits, with the best passage for the turn's own words within the conversation's document: the
    `documents` the turn or the conversation names, else the best hit's ("would the accused get bail?" after a
    question on an offence "under PECA" asks about PECA's bail rule, not the ETO's, whose words rank first).

    Searching the turn with the earlier question ranks the earlier topic's sections first, but "can the
    accused get bail?" after a question about an offence is answered by the statute's section on bail,
    which speaks of neither. That passage joins the hits right after the topic's top passages.

    A compound question that stands alone ("... can the agency act without a warrant, and will the accused get
    bail?") is searched whole, and its scenario's words rank the offence first; each ask's own passage joins
    only when the dense and the keyword search of that ask both rank it first. On the dev sets' 11 compound
    questions whose asks found a passage the whole search had not, the two agreed for 2 (bail -> PECA s. 43,
    a fee paid every year -> the Authority's budget); the other 9 were passages on other matters ("which
    version of PECA" -> the officer's powers).
    """
    if not hits:
        return hits
    present = {h.chunk.id for h in hits[: settings.top_k]}
    scope = [d for d in documents if d in resources.indexed_ids] or [hits[0].chunk.doc_id]
    found: list[Hit] = []
    # "Which court tries that, and can the accused get bail?": each ask may lie in its own section.
    for part in question_parts(turn):
        own = hybrid_search(part, resources, settings, scope)
        if not own or not (follow_up or tops_both_rankings(own)):
            continue
        # Only the scope's own passages can have spoken to the ask already: ETO s. 38's "non-bailable" among the
        # hits says nothing of bail for a PECA offence.
        in_scope = [h for h in hits[: settings.top_k] if h.chunk.doc_id in scope]
        if own[0].chunk.id not in present and brings_new_words(part, own[0].chunk, in_scope):
            present.add(own[0].chunk.id)
            found.append(Hit(own[0].chunk, own[0].score, {**own[0].scores, "own_ask": 1.0}))
    added = {h.chunk.id for h in found}
    rest = [h for h in hits if h.chunk.id not in added]
    # After the topic's own top passages, so the decision and the clause-first lead stay the topic's.
    return [*rest[: settings.top_k], *found, *rest[settings.top_k:]]


def tops_both_rankings(hits: Sequence[Hit]) -> bool:
    """Whether the first fused hit is also first by dense similarity and first by keyword score."""
    first = hits[0]
    return all(first.scores.get(kind, 0.0) > 0 and first.scores[kind] == max(h.scores.get(kind, 0.0) for h in hits)
               for kind in ("dense", "bm25"))


def brings_new_words(ask: str, chunk: Chunk, hits: Sequence[Hit]) -> bool:
    """Whether the passage speaks to a word of the ask that none of the hits uses ("bail" -> "non-bailable"):
    a turn whose words the topic's passages already use ("can that period be extended?") needs no other."""
    def uses(text: str, stem: str) -> bool:
        return any(word.startswith(stem) for word in _WORDS.findall(text.lower()))

    # The statute's word for an everyday one counts ("register" -> "enlistment"): the topic's passages may use the
    # everyday word in another sense ("a registered user") while only the ask's passage speaks of enlisting.
    stems = topic_stems(ask) | topic_stems(" ".join(glossary_terms(ask)))
    return any(uses(chunk.text, stem) and not any(uses(h.chunk.text, stem) for h in hits) for stem in stems)


_WORDS = re.compile(r"[a-z]+")


def front_matter_hits(doc_ids: Sequence[str], resources: Resources) -> list[Hit]:
    """The first chunk (cover, title, enactment line) of each named document: where its version is stated."""
    firsts: dict[str, Chunk] = {}
    for chunk in resources.chunks:
        if chunk.doc_id in doc_ids and chunk.doc_id not in firsts:
            firsts[chunk.doc_id] = chunk
    return [Hit(chunk, 1.0, {"front_matter": 1.0}) for chunk in firsts.values()]


def next_chunk_of_section(chunk: Chunk, resources: Resources) -> Chunk | None:
    """The chunk after this one in the same section of the same document, if any."""
    order = _section_order(resources)
    members = order.get((chunk.doc_id, chunk.section), [])
    for position, member in enumerate(members[:-1]):
        if member.id == chunk.id:
            return members[position + 1]
    return None


# An amending Act's section that puts new text into the Act it amends ends by introducing it: "... the following
# new section 26A shall be inserted, namely:—". The text itself follows, printed as its own section.
_INTRODUCES_NEW_TEXT = re.compile(r"\bshall\s+be\s+(?:inserted|substituted|added)\b[^.]{0,80}?\bnamely\W*$", re.I)


def inserted_text(chunk: Chunk, resources: Resources) -> Chunk | None:
    """The first passage of the text an amending Act's section inserts or substitutes, if this chunk's section does."""
    if chunk.doc_status is not DocStatus.AMENDING_ACT or not chunk.section:
        return None
    last = section_chunks(chunk, resources)[-1]
    if not _INTRODUCES_NEW_TEXT.search(last.text.strip()):
        return None
    return next((c for c in resources.chunks if c.doc_id == last.doc_id and c.ordinal == last.ordinal + 1), None)


def section_chunks(chunk: Chunk, resources: Resources) -> list[Chunk]:
    """Every chunk of this chunk's section, in reading order (just the chunk when it has no section)."""
    if not chunk.section:
        return [chunk]
    return _section_order(resources).get((chunk.doc_id, chunk.section), [chunk])


def chunks_of_section(doc_id: str, label: str, resources: Resources) -> list[Chunk]:
    """Every chunk of a document's section, in reading order ([] when the index has no such section)."""
    return _section_order(resources).get((doc_id, label), [])


_SECTION_ORDERS: dict[int, tuple[list[Chunk], dict[tuple[str, str], list[Chunk]]]] = {}


def _section_order(resources: Resources) -> dict[tuple[str, str], list[Chunk]]:
    """Chunks grouped by (document, section) in reading order, built once per loaded chunk list."""
    cached = _SECTION_ORDERS.get(id(resources))
    if cached is None or cached[0] is not resources.chunks:
        groups: dict[tuple[str, str], list[Chunk]] = {}
        for chunk in resources.chunks:
            groups.setdefault((chunk.doc_id, chunk.section), []).append(chunk)
        cached = (resources.chunks, groups)
        _SECTION_ORDERS[id(resources)] = cached
    return cached[1]


def resolve_references(question: str, resources: Resources, doc_ids: Sequence[str]) -> list[Section]:
    """Sections the question names that exist in the index, in the documents it names if any."""
    if not doc_ids:
        doc_ids = [s.id for s in mentioned_sources(question, resources.sources) if s.id in resources.indexed_ids]
    found: list[Section] = []
    for ref in find_references(question):
        for doc_id in _nearest_named_first(question, ref, _candidate_docs(ref, resources, doc_ids), resources):
            section = resources.section(doc_id, ref.label)
            if section and section not in found:
                found.append(section)
                break
    return found


def _nearest_named_first(question: str, ref: ClauseReference, doc_ids: list[str], resources: Resources) -> list[str]:
    """doc_ids ordered by how close the question names them to the reference.

    "ETO 2002 s.36 and PECA 2016 s.3": section 36 of the ETO, section 3 of PECA, though both have both.
    """
    if len(doc_ids) < 2:
        return doc_ids
    end = ref.start + len(ref.text)
    by_id = {s.id: s for s in resources.sources}

    def distance(doc_id: str) -> int:
        spans = mention_spans(question, by_id[doc_id]) if doc_id in by_id else []
        gaps = [max(start - end, ref.start - stop, 0) for start, stop in spans]
        return min(gaps, default=len(question))

    return sorted(doc_ids, key=distance)  # stable: documents never named keep their order


def _candidate_docs(ref: ClauseReference, resources: Resources, doc_ids: Sequence[str]) -> list[str]:
    if doc_ids:
        return list(doc_ids)
    indexed = resources.indexed_ids
    if ref.is_policy_clause:
        return sorted(d for d in indexed if "policy" in d) + sorted(d for d in indexed if "policy" not in d)
    preferred = [d for d in _ACT_PREFERENCE if d in indexed]
    return preferred + sorted(indexed - set(preferred))


# Passages of a named section read from its start.
MAX_CLAUSE_PASSAGES = 3


def holds_part(text: str, part: str) -> bool:
    """Whether a passage opens a section's part: a sub-section or clause "(3)", "(t)", or a policy item printed
    "XI." at the start of a line."""
    marker = re.escape(part)
    return bool(re.search(rf"\({marker}\)\s|(?:^|\n)\s*{marker}\.\s", text))


def clause_lookup(question: str, resources: Resources, doc_ids: Sequence[str]) -> list[Hit]:
    """Chunks of each section the question names (e.g. 'section 26A of PECA'), in reading order."""
    hits: list[Hit] = []
    for section in resolve_references(question, resources, doc_ids):
        is_chapter = section.label.startswith("Chapter ")
        members = [
            c for c in resources.chunks
            if c.doc_id == section.doc_id and (
                c.section == section.label or (is_chapter and c.heading_path and c.heading_path[0].startswith(section.label))
            )
        ]
        # A section's opening passages, and any later one holding a part the question names ("items XI to XIII of
        # clause 4.1.1" stand in the clause's fourth passage).
        named_parts = {ref.part[0] for ref in find_references(question) if ref.part and ref.label == section.label}
        for chunk in members[:MAX_CLAUSE_PASSAGES] + [c for c in members[MAX_CLAUSE_PASSAGES:]
                                                      if any(holds_part(c.text, part) for part in named_parts)]:
            hits.append(Hit(chunk, 1.0, {"clause": 1.0}))
        # An amending Act's section that inserts new text is read with that text: it is what the section does.
        inserted = inserted_text(members[-1], resources) if members else None
        if inserted is not None:
            hits.append(Hit(inserted, 1.0, {"clause": 1.0}))
    return hits


# How many definition clauses of one term are put first (PECA defines "Tribunal" twice).
MAX_DEFINITIONS = 2


def definition_lookup(question: str, resources: Resources, doc_ids: Sequence[str]) -> list[Hit]:
    """Chunks holding the definition clause ("“minor” means ...") of the term the question asks about."""
    term = defined_term(question)
    if not term:
        return []
    pattern = definition_opening(term)
    hits = [Hit(c, 1.0, {"definition": 1.0}) for c in resources.chunks
            if (not doc_ids or c.doc_id in doc_ids) and pattern.search(c.text)]
    return hits[:MAX_DEFINITIONS]


def hybrid_search(question: str, resources: Resources, settings: Settings, doc_ids: Iterable[str] | None) -> list[Hit]:
    """Dense (English model, plus the multilingual model for Urdu script) and BM25, fused by RRF."""
    doc_ids = list(doc_ids or [])
    k = settings.candidate_k
    keyword_query = expand_query(question)
    compounds = split_compounds(question, resources.keyword.vocabulary_stems)
    if compounds:
        keyword_query = f"{keyword_query} {compounds}"
    rankings: dict[str, list[tuple[Chunk, float]]] = {
        "dense": resources.store.query_dense(DENSE_SPACE, resources.dense.embed_query(keyword_query), k, doc_ids),
        "bm25": resources.keyword.search(keyword_query, k, doc_ids),
    }
    if resources.multilingual is not None and (is_urdu_script(question) or is_roman_urdu(question)):
        vector = resources.multilingual.embed_query(question)
        rankings["multi"] = resources.store.query_dense(MULTILINGUAL_SPACE, vector, k, doc_ids)
        # Only this ranking is filled in: filling the English model's the same way changed 12 dev answers, won none
        # and lost a decline (the decline model is fitted on that ranking as it is).
        rankings["multi"] = scored_by_all(rankings, "multi", MULTILINGUAL_SPACE, vector, resources)
        if is_urdu_script(question):
            # The English model sees Urdu script as noise; it reads the glossary's English terms for its words.
            terms = " ".join(glossary_terms(question))
            if terms:
                rankings["dense"] = resources.store.query_dense(DENSE_SPACE, resources.dense.embed_query(terms), k, doc_ids)
            else:
                rankings.pop("dense")
    return fuse(rankings)


def scored_by_all(rankings: dict[str, list[tuple[Chunk, float]]], name: str, space: str, vector: Sequence[float],
                  resources: Resources) -> list[tuple[Chunk, float]]:
    """Ranking `name` (vectors of `space`) over every candidate of every ranking, each scored by its stored vector.

    Fusion counts a candidate a ranking did not list as missing from it, not as ranked below its last entry:
    for "AI policy ka comprehensive review kitne saal baad hoga?" the policy's review section, first by both the
    English model and keywords, fell to seventh behind passages that all three listed at middling ranks.
    """
    listed = {chunk.id for chunk, _ in rankings[name]}
    candidates = {chunk.id: chunk for ranked in rankings.values() for chunk, _ in ranked if chunk.id not in listed}
    if not candidates:
        return rankings[name]
    query = np.array(vector)
    stored = resources.store.vectors_of(space, list(candidates))
    extra = [(candidates[cid], float(np.dot(query, np.array(v)))) for cid, v in stored.items()]
    return sorted([*rankings[name], *extra], key=lambda pair: -pair[1])


def rerank(question: str, hits: list[Hit], resources: Resources, depth: int) -> list[Hit]:
    """Re-order the first `depth` hits by fusing their rank with a second model's opinion.

    No cross-encoder ships its weights in a PyPI package, so the second opinion is multilingual-e5's
    cosine between the question and each candidate's stored e5 vector (already in the index: no
    passage is embedded at query time). Hits past `depth` keep their order.
    """
    if resources.multilingual is None or len(hits) < 2:
        return hits
    head, tail = hits[:depth], hits[depth:]
    query = np.array(resources.multilingual.embed_query(question))
    stored = resources.store.vectors_of(MULTILINGUAL_SPACE, [h.chunk.id for h in head])
    second = {cid: float(np.dot(query, np.array(vector))) for cid, vector in stored.items()}
    by_second = sorted(head, key=lambda h: -second.get(h.chunk.id, -1.0))
    second_rank = {h.chunk.id: rank for rank, h in enumerate(by_second, 1)}
    scored = [(1.0 / (RRF_K + rank) + 1.0 / (RRF_K + second_rank[h.chunk.id]), h) for rank, h in enumerate(head, 1)]
    scored.sort(key=lambda pair: -pair[0])
    return [Hit(h.chunk, round(score, 5), {**h.scores, "rerank": round(second.get(h.chunk.id, 0.0), 4)})
            for score, h in scored] + tail


def fuse(rankings: dict[str, list[tuple[Chunk, float]]]) -> list[Hit]:
    """Reciprocal rank fusion; every component's raw score is kept on the hit."""
    fused: dict[str, float] = {}
    components: dict[str, dict[str, float]] = {}
    chunks: dict[str, Chunk] = {}
    for name, ranked in rankings.items():
        for rank, (chunk, score) in enumerate(ranked, 1):
            fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (RRF_K + rank)
            components.setdefault(chunk.id, {})[name] = round(score, 4)
            chunks[chunk.id] = chunk
    order = sorted(fused, key=lambda cid: -fused[cid])
    return [Hit(chunks[cid], round(fused[cid], 5), {**components[cid], "rrf": round(fused[cid], 5)}) for cid in order]
