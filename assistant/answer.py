"""answer(): validate, rewrite follow-ups, retrieve, decide answer-or-refuse, generate, check citations."""
from __future__ import annotations

import re
import time
from dataclasses import replace
from typing import Collection, Iterator, Mapping, Sequence

import numpy as np

from assistant.catalog import (ADD_DOCUMENT_TEXT, mentioned_sources, shares_a_name, sources_named, statute_family,
                               unknown_instrument)
from assistant.cite import finalize, markers_of, quote_supported, split_sentences
from assistant.config import Settings
from assistant.decide import (COVERAGE_DEPTH, NO_FIGURE_TEXT, NOT_FOUND_TEXT, Decision, coverage,
                              decide, duty_closeness_by_passage, figure_is_stated)
from assistant.embed import Embedder
from assistant.domain import domain_descriptions
from assistant.generate import QUOTED_PASSAGES, build_generator
from assistant.judge import ParaphraseJudge, stated_facts_present
from assistant.law_tables import short_label, strip_editorial, subsections
from assistant.named_bodies import NameIndex, in_short_names, unnamed_bodies
from assistant.offences import added_title_words, best_offence_first, section_titles, successor_offence
from assistant.question_type import (Expected, asking_sentences, asks_about_the_law_now, asks_about_version,
                                     has_expected, question_parts, topic_stems)
from assistant.premises import (missing_clause_text, premise_correction, punishment_asked_of_a_policy,
                                 related_missing)
from assistant.query import Query, Script, conversation_context, conversation_turns, subject_words, with_context
from assistant.rewrite import understand
from assistant.language import ITEM_MARKER, abbreviation_subject, glossary, passage_sentences, word_stem
from assistant.retrieve import (Resources, body_first, chunks_of_section, inserted_text, next_chunk_of_section,
                                rerank, resolve_references, retrieve, section_chunks, with_own_ask)
from assistant.split_words import SplitWords
from assistant.table_answers import no_longer_in_force, omission_sentence, table_lead
from assistant.trust import UNVERIFIED, added_document_note, search_scope
from assistant.types import POLICIES, STATUTES, Answer, AnswerStatus, Chunk, Citation, DocStatus, Hit, Source

MODEL_FALLBACK_NOTE = ("The language model's wording did not pass the citation check; the passages' own sentences "
                       "are quoted instead.")
ONLY_ADDED_PREAMBLE = (f"The official documents in the index do not answer this. Only a {UNVERIFIED} document "
                       "does, and what it says is not the law:")

def answer(question: str, resources: Resources, settings: Settings | None = None,
           history: Sequence[dict] = (), doc_ids: Sequence[str] = ()) -> Answer:
    """Answer one question from the indexed documents, or say why not.

    Usage example:
        resources = Resources.load(Settings.from_env())
        result = answer("What is the punishment for spoofing?", resources)
        print(result.text, [c.section for c in result.citations])
    """
    for event in stream_answer(question, resources, settings, history, doc_ids):
        if isinstance(event, Answer):
            return event
    raise AssertionError("stream_answer ended without an Answer")  # pragma: no cover


def stream_answer(question: str, resources: Resources, settings: Settings | None = None,
                  history: Sequence[dict] = (), doc_ids: Sequence[str] = ()) -> Iterator[str | Answer]:
    """Like answer(), but first yields the generator's raw text pieces as they are produced.

    The last item is always the checked Answer. Its text may differ from the streamed draft: citation
    checking runs on the whole text and drops unsupported sentences, so a UI should replace the
    streamed draft with the final Answer.

    Usage example:
        for event in stream_answer("What does section 20 say?", resources):
            if isinstance(event, Answer): show(event)
            else: append_to_draft(event)
    """
    started = time.perf_counter()
    settings = settings or resources.settings
    problem = validate_question(question, settings)
    if problem:
        yield Answer(question, AnswerStatus.INVALID_QUESTION, problem, seconds=time.perf_counter() - started)
        return
    question = question.strip()
    history = conversation_turns(history)
    query = understand(question, history, settings, sources=resources.sources)
    standalone = query.search_text
    early = catalog_decision(query, resources) or clause_decision(query, resources)
    if early:
        yield _finish(Answer(question, early.status, early.text, rewritten_question=standalone), started)
        return
    scope = search_scope(query.named_documents, resources.sources, resources.indexed_ids, doc_ids)
    hits = search(query, resources, settings, doc_ids, scope.report_only)
    asks_version = asks_about_version(query.text)
    # A figure or penalty question is decided on the passage its answer would lead with: the composing order is
    # found once, for the decision and for the answer.
    ordered = (composing_order(query, list(hits), resources, settings)
               if hits and not asks_version and decides_on_lead(query) else None)
    decided = (query, hits)
    decision = (Decision(AnswerStatus.ANSWERED) if asks_version
                else decide_on(query, hits, resources, settings, ordered))
    if history and not query.is_follow_up and not asks_version:
        leaning = read_with_conversation(query, history, decision, resources, settings, doc_ids, scope.report_only)
        if leaning:
            query, hits, decision = leaning
            standalone = query.search_text
    added = (retrieve(standalone, resources, settings, scope.report_only, named=query.named_documents)
             if scope.report_only else [])
    # "Is the AI policy final?" is answered from the catalog's status and dates, with the cover page (which
    # retrieve() puts first for such questions) cited; "as the AI policy is now final, ..." is corrected first.
    preamble = (version_statement(query, resources) if asks_version
                else premise_correction(query, resources.sources, resources.indexed_ids))
    # Duties of a named party, or what an Act did to a named section, are listed from the law tables first.
    lead = table_lead(query, resources, hits)
    # A table lists what the law says; it never records events, so a question about them stays declined. Nor does
    # it state a figure or punishment the decision found missing from the section the answer would lead with:
    # "within how many days of the 2025 amendment was the Authority to be set up?" is told that s. 2A was
    # inserted, and s. 2A says "as soon as may be".
    if (lead and lead.whole and decision.status is AnswerStatus.NOT_IN_CORPUS and not decision.unnamed_bodies
            and query.expected is not Expected.WORLD_STATE and not decides_on_lead(query)):
        decision = Decision(AnswerStatus.ANSWERED)
    added_matches = bool(added) and decide(query, added, known_words(resources), chunk_frequency=resources.keyword.chunk_frequency).answers
    added_note = ""
    if not decision.answers and added_matches and not scope.names_official:
        # Only an added document speaks to this: it may answer, under a label that says what it is.
        hits, added, decision = added, [], Decision(AnswerStatus.ANSWERED)
        preamble = f"{preamble} {ONLY_ADDED_PREAMBLE}".strip()
    elif added_matches:
        added_note = added_document_note(added, query.text, resources.sources, scope.names_official)
    if not decision.answers:
        text = f"{decision.text} {closest_provision(decision.closest, resources, decision.closest_on_subject)}".strip()
        yield _finish(Answer(question, decision.status, text, hits=tuple(hits), rewritten_question=standalone), started,
                      resources.split_words)
        return
    same_inputs = ordered is not None and decided[0] is query and decided[1] is hits
    hits = ordered if same_inputs else composing_order(query, hits, resources, settings)
    top = hits[: max(settings.top_k, 1)]
    top += [h for h in hits[len(top):] if "own_ask" in h.scores]  # a follow-up's own ask, found in its own search
    context = with_section_continuations(top, query, resources)
    context = with_successor(with_omitted_sections(context, resources), query, resources)
    if query.script is Script.ENGLISH:
        # More sentences to choose from help only where the sentence model reads the question's words.
        context = with_figure_passage(with_gaps_filled(context, resources), query, resources)
    generator = build_generator(settings, sentence_model(query, resources))
    pieces: list[str] = []
    for piece in generator.stream({"question": query.text, "query": query, "hits": context}):
        if piece:
            pieces.append(piece)
            yield resources.split_words.mend(piece)
    raw = "".join(pieces)
    if asks_version and context and "front_matter" in context[0].scores:
        raw = cover_quote(context[0]) + raw
    if lead:
        # The lead's markers [1..k] follow the context's: its chunks are appended after the context.
        shifted = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + len(context)}]", lead.text)
        raw, context = f"{shifted} {raw}", [*context, *lead.hits]
        preamble = f"{preamble} {lead.intro}".strip()
    # A model's sentences are its own words: the paraphrase-aware judge; quotes keep the lexical check.
    supports = quote_supported if settings.generator == "extractive" else ParaphraseJudge(resources.sentences).supports_hit
    omission = omission_sentence(context[:CONTINUATION_DEPTH], resources, [ref.label for ref in query.references])
    preamble = f"{preamble} {omitted_sections_note(context, raw, resources)}".strip()
    if omission and not any("omitted" in h.scores for h in context):
        # The best passages quote a section another statute omitted: say so, citing the omitting provision. When the
        # answer leads with the omitted section, that is said first, so that no one reads it as the law. (An answer
        # led by the omitting provision quotes its sentence already.)
        shifted = omission.text.replace("[1]", f"[{len(context) + 1}]")
        leads = context[0].chunk.section == omission.omitted[1] and context[0].chunk.doc_id == omission.omitted[0]
        raw = f"{shifted} {raw}" if leads else f"{raw} {shifted}"
        context = [*context, *omission.hits]
        preamble = f"{preamble} {omission.intro}".strip() if leads else preamble
    text, citations = finalize(raw, context, resources.sources, supports)
    model_notes: tuple[str, ...] = ()
    if not citations and settings.generator != "extractive" and only_worded_loosely(raw, context):
        # The evidence said answerable and the model's sentences failed the judge on wording alone: the
        # passages' own sentences answer instead, and the note says so.
        fallback = build_generator(settings.with_(generator="extractive"), resources.sentences)
        quoted = "".join(fallback.stream({"question": query.text, "query": query, "hits": context}))
        text, citations = finalize(quoted, context, resources.sources)
        if citations:
            model_notes = (MODEL_FALLBACK_NOTE,)
    text = f"{preamble} {text}".strip()
    if not citations and not asks_version:
        yield _finish(Answer(question, AnswerStatus.NOT_IN_CORPUS, NOT_FOUND_TEXT, hits=tuple(hits),
                             rewritten_question=standalone), started)
        return
    notes = version_notes(citations, resources.sources) + ((added_note,) if added_note else ()) + model_notes
    notes += referred_documents_notes(citations, resources.sources, resources.indexed_ids)
    caution = decision.caution()
    notes += (caution,) if caution else ()
    if query.instructions:
        notes += (f"Set aside as instructions to the assistant, not followed: {' / '.join(query.instructions)[:200]}",)
    retrieved = tuple(hits) + tuple(h for h in context if h not in hits)
    yield _finish(Answer(question, AnswerStatus.ANSWERED, text, citations, retrieved, standalone, notes,
                         preamble=preamble), started, resources.split_words)


def search(query: Query, resources: Resources, settings: Settings, doc_ids: Sequence[str],
           exclude: Sequence[str]) -> list[Hit]:
    """The official documents' best passages for the query; a follow-up's own ask is searched too. A body's full
    name is searched as the short term its statute uses for it."""
    text = in_short_names(query.search_text, resources.short_names)
    hits = retrieve(text, resources, settings, doc_ids, exclude=exclude, named=query.named_documents)
    if query.is_follow_up or len(question_parts(query.text)) > 1:
        return with_own_ask(query.text, hits, resources, settings, follow_up=query.is_follow_up,
                            documents=query.named_documents)
    return hits


def named_documents_first(hits: list[Hit], documents: set[str]) -> list[Hit]:
    """hits, with the passages of the documents the turn or its conversation names before the others (each group
    in its order): "would the accused get bail?" after a question on an offence "under PECA" asks about PECA's bail
    rule, though the ETO's rule on bail shares more of its words; "under PECA, what consent must our app obtain?"
    leads with PECA's section on personal information, not the draft policy's data-sharing frameworks."""
    if not any(h.chunk.doc_id in documents for h in hits):
        return hits
    return [h for h in hits if h.chunk.doc_id in documents] + [h for h in hits if h.chunk.doc_id not in documents]


def each_named_document_quoted(hits: list[Hit], families: Sequence[set[str]], depth: int = QUOTED_PASSAGES
                               ) -> list[Hit]:
    """hits, with the best passage of each document the question names among the first `depth`, marked
    "named_document" so that the answer quotes it: "what do the e-transactions law and the cyber crime law each
    say?" found PECA s. 38 in four passages before the ETO's s. 40, and was answered from PECA alone. A document
    named with its amending Act counts once, and a question naming one document is left as it is."""
    distinct = [family for n, family in enumerate(families) if family not in families[:n]]
    if len(distinct) < 2:
        return hits
    best = [next((h for h in hits if h.chunk.doc_id in family), None) for family in distinct]
    best = [h for h in best if h is not None]
    brought = [h for h in best if all(h is not k for k in hits[:depth])][:depth - 1]
    kept = depth - len(brought)
    ordered = [*hits[:kept], *brought, *(h for h in hits[kept:] if all(h is not b for b in brought))]
    return [Hit(h.chunk, h.score, {**h.scores, "named_document": 1.0}) if any(h is b for b in best) else h
            for h in ordered]


def decides_on_lead(query: Query) -> bool:
    """Whether the decision reads the passage the answer would lead with: a figure or a punishment is answered
    from that passage's section."""
    return query.expected in NO_FIGURE_TEXT or query.expected is Expected.PENALTY


def decide_on(query: Query, hits: Sequence[Hit], resources: Resources, settings: Settings,
              ordered: Sequence[Hit] | None = None) -> Decision:
    """decide() with the evidence answer() holds; `ordered`, the hits in composing order when already found."""
    lead = None
    if hits and decides_on_lead(query):
        lead = (ordered or composing_order(query, list(hits), resources, settings))[0]
    lead_section = [chunk.text for chunk in section_chunks(lead.chunk, resources)] if lead else []
    return decide(query, hits, known_words(resources), chunk_frequency=resources.keyword.chunk_frequency,
                  sentences=resources.sentences, unnamed_bodies=unnamed_bodies(query.bodies, resources.name_index),
                  lead=lead, lead_section=lead_section,
                  not_indexed=[s for s in resources.sources if s.id not in resources.indexed_ids],
                  domain=domain_descriptions(resources.sections, resources.sources))


def composing_order(query: Query, hits: list[Hit], resources: Resources, settings: Settings) -> list[Hit]:
    """The best passages in the order the answer is composed from: the first one governs (its clause leads).

    For an English question that stands alone and names no clause, the multilingual model's reading of the
    best passages is fused with their retrieval rank. Keyword and English dense rankings often tie there, and
    a business scenario's everyday words pull the keyword ranking to a neighbouring offence ("a lookalike login
    page ... phishing link" found cyber stalking first, spoofing second). On the dev sets this won golden 0.835
    -> 0.849 and business questions 0.500 -> 0.550 and lost one item (d013); applied before the decision, or to
    the 20 best candidates instead of the top passages, it won more business questions but lost 6-11 others.
    The decision itself is made on the retrieval order. A penalty question then leads with the offence whose
    defining sentences read closest to the conduct it describes (assistant.offences).
    """
    hits = body_first(query.search_text, hits)
    reach = [h for h in hits if "reach" in h.scores]
    named = any(key in h.scores for h in hits for key in ("clause", "definition", "front_matter", "table"))
    if reach and not named:
        # "Does the law cover trusts?": the law's section on its own reach governs the answer.
        return [*reach, *(h for h in hits if "reach" not in h.scores)]
    if query.named_documents:
        hits = named_documents_first(hits, statute_family(query.named_documents, resources.sources))
    families = [statute_family([d], resources.sources) for d in query.named_documents]
    if query.is_follow_up and not named:
        hits = reply_section_first(query, hits, max(settings.top_k, 1), resources)
    if named or settings.rerank or query.is_follow_up:
        ordered = duty_from_statutes_first(query, hits, resources.keyword.chunk_frequency)
    elif query.script is not Script.ENGLISH:
        # The multilingual model read the passages for retrieval already; the conduct still chooses the offence,
        # read through the glossary's statute terms (assistant.offences.conduct_text).
        ordered = duty_from_statutes_first(query, best_offence_first(query, hits, resources),
                                           resources.keyword.chunk_frequency)
    else:
        depth = max(settings.top_k, 1)
        reranked = figure_holder_kept_first(query, hits[:depth], rerank(query.search_text, hits, resources, depth),
                                            resources.sentences)
        ordered = duty_holder_first(query, duty_from_statutes_first(query, best_offence_first(query, reranked,
                                                                                              resources),
                                                                    resources.keyword.chunk_frequency),
                                    resources.sentences, depth)
    ordered = asked_body_first(query, ordered, resources, max(settings.top_k, 1))
    return each_named_document_quoted(ordered, families) if not named else ordered


def asked_body_first(query: Query, hits: list[Hit], resources: Resources, depth: int) -> list[Hit]:
    """hits, with the passages whose section names a body the question asks about before the others, when the
    best one's section does not name it and one among the first `depth` does. "What's the maximum age for the
    chairman of a Social Media Protection Tribunal?" found the Complaint Council's section first, with its own age
    limit; the Tribunals' section, which states none, governs the answer. A body no indexed text names is left to
    decide(), and a question naming no body is left as it is."""
    bodies = [b for b in query.bodies if b not in unnamed_bodies((b,), resources.name_index)]
    if not bodies or len(hits) < 2:
        return hits
    # A section calls a body by the short term its statute defines for it ("the Authority").
    bodies += [in_short_names(b, resources.short_names) for b in bodies]
    names = [any(NameIndex(section_chunks(h.chunk, resources)).names(b) for b in bodies) for h in hits[:depth]]
    if names[0] or not any(names):
        return hits
    first = [h for h, named in zip(hits, names) if named]
    return [*first, *(h for h in hits if all(h is not f for f in first))]


def duty_from_statutes_first(query: Query, hits: list[Hit], chunk_frequency: Mapping[str, int] | None = None
                             ) -> list[Hit]:
    """hits, with statute passages first when the question asks what a business must do and names no document:
    only a law binds a business, and the draft policy's plans ("an AI Regulatory Directorate shall be constituted")
    set it no duty. decide() holds such a question to the same rule."""
    if not (query.asks_private_duty or query.asks_what_duty) or query.named_documents:
        return hits
    statutes = [h for h in hits if h.chunk.doc_status in STATUTES]
    if query.asks_private_duty:
        # Whether a business needs something ("do we need to be accredited first?") is said by the sentence that lets
        # it act without that thing, or forbids acting unless it has it: ETO s. 17(1), "... providing certification
        # services without being accredited", ranked below the Council's power to grant accreditation.
        # Only a word few passages use names the thing needed: "without authorization" stands in most offences, and
        # "authorities" in a question shares its stem.
        asked = {stem for stem in topic_stems(asking_sentences(query.text))
                 if chunk_frequency is None or chunk_frequency.get(stem, 0) <= MAX_REQUIREMENT_PASSAGES}
        stating = next((h for h in statutes[:REQUIREMENT_DEPTH] if states_requirement(h.chunk.text, asked)), None)
        if stating is not None:
            statutes = [stating, *(h for h in statutes if h is not stating)]
    return statutes + [h for h in hits if h.chunk.doc_status not in STATUTES]


# The best passages a requirement's own sentence is looked for in.
REQUIREMENT_DEPTH = 5
# A word naming a requirement is used by at most this many passages (of 419 in the shipped index: "accredited" 19,
# "certificate" 39; "authorization" and "authorities" share a stem used by 134, "data" 126).
MAX_REQUIREMENT_PASSAGES = 40
# "without being accredited", "unless he holds a valid accreditation certificate". The ETO's text layer splits some
# words ("wi thout"): the split form is read too.
_WITHOUT_OR_UNLESS = re.compile(r"\b(?:wi\s?thout|unless)\b((?:\W+[\w’'-]+){1,8})", re.I)


def states_requirement(text: str, asked: set[str]) -> bool:
    """Whether a passage says that something the question asks about may be done without, or must be had first:
    a word of the ask stands within eight words after "without" or "unless"."""
    return any(asked & {word_stem(w) for w in re.findall(r"[a-z]+", match.group(1).lower())}
               for match in _WITHOUT_OR_UNLESS.finditer(text))


def figure_holder_kept_first(query: Query, retrieved: Sequence[Hit], reranked: list[Hit],
                             sentences: Embedder) -> list[Hit]:
    """reranked, with a figure question's figure holder first when the passage the second model puts first states
    no figure of the asked kind. The holder is the best passage in retrieval order whose sentence closest to the
    question states such a figure and is close in meaning (decide.figure_is_stated). The second model reads whole
    passages and can prefer the one that names the question's subject most:
    - "what fee is charged for each certificate deposited in the repository?" read the ETO's section on the
      repository (no fee) above its section on the Council's funds, whose "fee, not exceeding ten Rupees, for every
      certificate deposited in the repository" reads at 0.80;
    - "how many people sit on the council that accredits certification providers?" read the definitions first,
      while the third passage's "The Certification Council shall comprise of five members" answers it.
    A figure in a sentence farther off is about something else and changes nothing: s. 48's fine for ignoring the
    Government's directives (0.57) is no answer to the fine the social media Authority may impose, which the Act
    leaves to rules."""
    if query.expected not in NO_FIGURE_TEXT or not retrieved or not reranked:
        return reranked
    first = reranked[0].chunk
    if has_expected(first.text, query.expected, query.search_text):
        return reranked
    holder = next((h for h in retrieved if h.chunk.id != first.id and figure_is_stated(query, [h], sentences)), None)
    if holder is None:
        return reranked
    return [holder, *(h for h in reranked if h.chunk.id != holder.chunk.id)]


# How much closer the duty ask must read to another statute passage's sentence than to any of the first passage's for
# that passage to lead instead; a definitions section leading gives way to any closer one. Dev: r005's "Do they have
# to give us a list of what they took?" read s. 31 at 0.354 and s. 36 ("(a) make a list of what has been seized") at
# 0.323, and s. 36 is the answer; "Are we supposed to be checking what our customers upload?" read s. 38(5) at 0.45
# against 0.28 for the definitions leading.
DUTY_LEAD_MARGIN = 0.05


def duty_holder_first(query: Query, hits: list[Hit], sentences: Embedder, depth: int) -> list[Hit]:
    """hits, with the statute passage holding the sentence closest to a yes/no duty ask first when it reads clearly
    closer than the first passage (DUTY_LEAD_MARGIN), or the first is a definitions section: the clause that states
    the duty leads. "We host websites for small businesses. Are we supposed to be checking what our customers
    upload?" found the definition of a social media platform first and spoofing ("establishes a website") next, and
    s. 38(5), "No service provider shall be under any obligation to proactively monitor", third."""
    if not query.asks_private_duty or query.script is not Script.ENGLISH or query.is_follow_up or len(hits) < 2:
        return hits
    closeness = duty_closeness_by_passage(query, hits[:depth], sentences)
    scored = [(value, n) for n, value in enumerate(closeness) if value is not None]
    if not scored:
        return hits
    best, at = max(scored)
    first = closeness[0] if closeness[0] is not None else -1.0
    if at == 0 or (best - first < DUTY_LEAD_MARGIN and not is_definitions(hits[0])):
        return hits
    return [hits[at], *(h for n, h in enumerate(hits) if n != at)]


def reply_section_first(query: Query, hits: list[Hit], depth: int, resources: Resources) -> list[Hit]:
    """A follow-up's hits with the statute section the last reply answered from first, when it is among the `depth`
    best: "what if it's my 15-year-old sister?" after an answer on cyber stalking asks about that offence (its
    harsher punishment for a minor), though the words "15-year-old" find the complaints section on children first.
    The order is kept when the best passages hold the reply's offence narrowed ("what if it was a power company's
    control system?" after unauthorized access finds the critical infrastructure offence): the turn may be moving
    to it."""
    if not query.reply_sections or not hits:
        return hits
    kept = [h for h in hits[:depth] if h.chunk.section in query.reply_sections and h.chunk.doc_status in STATUTES]
    if not kept or hits[0].chunk.section in query.reply_sections:
        return hits
    titles = section_titles(resources)
    reply_title = titles.get((kept[0].chunk.doc_id, kept[0].chunk.section), "")
    narrower = [h for h in hits[:depth] if reply_title
                and added_title_words(titles.get((h.chunk.doc_id, h.chunk.section), ""), reply_title)]
    if narrower:
        return hits
    section = (kept[0].chunk.doc_id, kept[0].chunk.section)
    first = [h for h in hits if (h.chunk.doc_id, h.chunk.section) == section]
    return [*first, *(h for h in hits if (h.chunk.doc_id, h.chunk.section) != section)]


# A turn worded as a new question may still lean on the conversation for its subject: "Does unspent money lapse
# at the end of the financial year?" after a question on the AI fund, "What happens if a provider doesn't
# comply?" after one on data retention. It is read as a follow-up when the index answers it weakly alone
# (p_answerable below WEAK_ALONE), answers it with the conversation's subject, at least LEANING_GAIN more
# likely, and the passages then found still use at least MIN_OWN_COVERAGE of the turn's own subject words
# (so "which laptop should I buy?" after a PECA question stays a question of its own). Calibrated on the dev
# follow-ups (golden, heldout, dev_extra, dev_conversations): the two no-pronoun follow-ups of the first three sets
# went 0.15 -> 0.79 and 0.47 -> 0.86, and dev_conversations gained three more, none lost. Topic changes scored
# 0.44 and more alone; the one under WEAK_ALONE fell to 0.38 with the context, so LEANING_GAIN keeps it apart. An
# unanswerable new question went 0.13 -> 0.43 with the context and is kept apart by MIN_OWN_COVERAGE (0.43).
WEAK_ALONE = 0.5
LEANING_GAIN = 0.3
MIN_OWN_COVERAGE = 0.5


def read_with_conversation(query: Query, history: Sequence[dict], alone: Decision, resources: Resources,
                           settings: Settings, doc_ids: Sequence[str], exclude: Sequence[str]
                           ) -> tuple[Query, list[Hit], Decision] | None:
    """The turn read as a follow-up, with its passages and decision, when the evidence says it is one; else None."""
    if alone.p_answerable >= WEAK_ALONE or query.expected is Expected.WORLD_STATE:
        return None
    context = conversation_context(history, resources.sources)
    if not context:
        return None
    leaning = with_context(query, context, resources.sources)
    hits = search(leaning, resources, settings, doc_ids, exclude)
    decision = decide_on(leaning, hits, resources, settings)
    own_words = subject_words(query.text)
    if (decision.answers and decision.p_answerable - alone.p_answerable >= LEANING_GAIN
            and coverage(own_words, hits[:COVERAGE_DEPTH]) >= MIN_OWN_COVERAGE):
        return leaning, hits, decision
    return None


def closest_provision(hit: Hit | None, resources: Resources, on_subject: bool = True) -> str:
    """Where the documents address the question's subject without what it asks ("a fee as may be prescribed"),
    so the user can read it: 'The subject is dealt with in PECA 2016 s. 2S, "Handling of complaints ..." (page 12).'
    Not `on_subject`: the provision nearest the question, which deals with something else."""
    if hit is None or hit.chunk.doc_status is DocStatus.USER:
        return ""  # an added document is not the law: a decline does not send the user to it
    chunk = hit.chunk
    source = next((s for s in resources.sources if s.id == chunk.doc_id), None)
    name = source.short_name if source else chunk.doc_id
    place = f"s. {chunk.section}" if chunk.doc_status in STATUTES else chunk.section
    title = f', "{chunk.section_title}"' if chunk.section_title else ""
    where = f" {place}" if chunk.section else ""
    lead = "The subject is dealt with in" if on_subject else "The nearest provision, on another matter, is"
    return f"{lead} {name}{where}{title} (page {chunk.page_label or chunk.page_start})."


def sentence_model(query: Query, resources: Resources) -> Embedder:
    """The model that scores passage sentences against the question. Sentence choice compares the question with
    English passages: MiniLM reads Urdu script as noise and Roman Urdu as a few English loanwords, so the
    multilingual model scores both. On the 23 Roman Urdu dev questions this won one (h036) and lost none, at
    about 0.6 s per answer instead of 0.08 s (the multilingual model embeds the candidate sentences afresh)."""
    if resources.multilingual is not None and query.script is not Script.ENGLISH:
        return resources.multilingual
    return resources.sentences


# How many of the top passages may pull in the rest of their section.
CONTINUATION_DEPTH = 3
# The governing section is quoted from at most this many chunks (~230 tokens each): PECA's long
# definitions section would otherwise flood the context.
MAX_GOVERNING_CHUNKS = 4
# Another statute's sections a governing rule applies, read with it (their opening passage each).
MAX_REFERENCED_SECTIONS = 2


def _finish(result: Answer, started: float, split_words: SplitWords | None = None) -> Answer:
    """The answer timed, with the words the statutes' text layers split joined in what the reader sees."""
    shown = {}
    if split_words is not None:
        shown = {"text": split_words.mend(result.text), "preamble": split_words.mend(result.preamble),
                 "citations": tuple(replace(c, quote=split_words.mend(c.quote)) for c in result.citations)}
    return Answer(**{**result.__dict__, **shown, "seconds": round(time.perf_counter() - started, 3)})


def with_section_continuations(context: Sequence[Hit], query: Query, resources: Resources) -> list[Hit]:
    """The context, with the rest of the governing section, and for a penalty question the next chunk of each
    top section whose chunk stops before its penalty.

    The governing section is the best hit's: its operative sub-sections and its punishment are quoted
    whole, which a section cut into chunks does not give (statutes state the offence first and the
    punishment, and any harsher one for minors, at the end).
    """
    present = {h.chunk.id for h in context}
    expanded: list[Hit] = []
    lead_trusted = query.script is Script.ENGLISH and not query.is_follow_up
    governing = governing_rank(context, query.term, policies=lead_trusted)
    named = set(query.documents)
    for rank, hit in enumerate(context):
        # A rival offence that fits the conduct nearly as well governs beside the best one: its punishment is quoted.
        if rank == governing or (governing is not None and "offence" in hit.scores):
            expanded.append(Hit(hit.chunk, hit.score, {**hit.scores, "governing": 1.0}))
            siblings = section_chunks(hit.chunk, resources)
            at = next((n for n, c in enumerate(siblings) if c.id == hit.chunk.id), 0)
            # Nearest first: what follows the hit (the rest of the rule, its penalty), then what precedes it.
            nearest = siblings[at + 1:] + siblings[:at][::-1]
            # "What does section 5 of the Amendment Act do?": it inserts section 26A, whose words say what it does.
            inserted = inserted_text(hit.chunk, resources)
            introducing = introducing_chunk(hit.chunk, siblings)
            for chunk in [*nearest[: MAX_GOVERNING_CHUNKS - 1], *([inserted] if inserted else []),
                          *([introducing] if introducing else [])]:
                if chunk.id not in present:
                    present.add(chunk.id)
                    expanded.append(Hit(chunk, hit.score, {"continuation": 1.0, "governing": 1.0}))
            continue
        if (governing is not None and rank > governing and hit.chunk.section
                and (hit.chunk.doc_id, hit.chunk.section) == (context[governing].chunk.doc_id,
                                                              context[governing].chunk.section)):
            # Retrieved on its own, lower down: it is still the governing section's ("... with fine which" /
            # "may extend to ten million rupees" across a page break).
            hit = Hit(hit.chunk, hit.score, {**hit.scores, "governing": 1.0})
        expanded.append(hit)
        if (query.expected is not Expected.PENALTY or rank >= CONTINUATION_DEPTH or not hit.chunk.section
                or has_expected(hit.chunk.text, Expected.PENALTY)):
            continue
        following = next_chunk_of_section(hit.chunk, resources)
        if following is not None and following.id not in present:
            present.add(following.id)
            expanded.append(Hit(following, hit.score, {"continuation": 1.0}))
    return with_referenced_sections(expanded, named, resources, query.text)


def with_successor(context: Sequence[Hit], query: Query, resources: Resources) -> list[Hit]:
    """The context, with the offence in force that replaced the omitted one it leads with read right after it (its
    whole section, as a governing section is): the answer then says what the law is now, not only that the quoted
    offence is gone. An omitted offence found lower down, beside a scenario's offence in force, adds nothing. An
    answer led by the provision that omits offences reads the first of them (with_omitted_sections put it after the
    lead) when the question asks the punishment the law sets now: "under the 2002 ordinance breaking into a computer
    could get seven years; is that still the punishment?" leads with PECA s. 54, "Sections 36 and 37 ... are
    omitted", and PECA s. 3 says what the punishment is now; "what punishment did the removed provisions carry?"
    asks what they said, and "are those offences still in force?" is answered by the omission."""
    now = query.expected is Expected.PENALTY and asks_about_the_law_now(query.text)
    omitted = next((h for h in context if "omitted" in h.scores), None) if now else None
    successor = successor_offence(query, [omitted] if omitted else context[:1], resources)
    if successor is None:
        return list(context)
    # Found lower down already, it still moves up (a fifth passage is not quoted), keeping what it was found as (a
    # clause the question names).
    found = {h.chunk.id: h.scores for h in context}
    added = [Hit(chunk, successor.score, {**found.get(chunk.id, {}), **successor.scores,
                                          **({"continuation": 1.0} if n else {})})
             for n, chunk in enumerate(chunks_of_section(successor.chunk.doc_id, successor.chunk.section,
                                                         resources)[:MAX_GOVERNING_CHUNKS])]
    context = [h for h in context if h.chunk.id not in {a.chunk.id for a in added}]
    at = next(n for n, h in enumerate(context) if (h.chunk.doc_id, h.chunk.section) in resources.law_tables.omitted)
    return inserted_after_section(context, at, added)


def with_omitted_sections(context: Sequence[Hit], resources: Resources) -> list[Hit]:
    """The context, with the sections the provision it leads with omits from another statute read right after that
    provision (each whole, as a governing section is): "which ETO sections did PECA take out, and how severely did
    they punish?" leads with PECA s. 54, "Sections 36 and 37 ... are omitted", which says nothing of what they were.
    The answer then also says they are no longer in force (omission_sentence)."""
    if not context:
        return list(context)
    lead = (context[0].chunk.doc_id, context[0].chunk.section)
    omitted = [key for key, by in resources.law_tables.omitted.items() if (by.doc_id, by.section) == lead]
    present = {h.chunk.id for h in context}
    added = [Hit(chunk, context[0].score, {"continuation": 1.0, "governing": 1.0, "omitted": 1.0})
             for key in omitted for chunk in chunks_of_section(*key, resources)[:MAX_GOVERNING_CHUNKS]
             if chunk.id not in present]
    if not added:
        return list(context)
    return inserted_after_section(context, 0, added)


def inserted_after_section(context: Sequence[Hit], at: int, added: Sequence[Hit]) -> list[Hit]:
    """The context, with `added` read right after the passage at `at` and the continuations of its section that
    follow it."""
    section = (context[at].chunk.doc_id, context[at].chunk.section)
    after = at + 1 + sum(1 for h in context[at + 1:]
                         if "continuation" in h.scores and (h.chunk.doc_id, h.chunk.section) == section)
    return [*context[:after], *added, *context[after:]]


def omitted_sections_note(context: Sequence[Hit], raw: str, resources: Resources) -> str:
    """What an answer whose text `raw` quotes omitted sections after their omitting provision says first: "ETO ss. 36
    and 37 are no longer in force: PECA s. 54 omitted them; they are quoted as they stood." ('' otherwise.)"""
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", raw)}
    omitted = list(dict.fromkeys((h.chunk.doc_id, h.chunk.section) for n, h in enumerate(context, 1)
                                 if "omitted" in h.scores and n in cited))
    if not omitted:
        return ""
    by = resources.law_tables.omitted[omitted[0]]
    labels = [section for _, section in omitted]
    quoted = "it is quoted as it stood" if len(labels) == 1 else "they are quoted as they stood"
    return f"{no_longer_in_force(short_label(omitted[0][0], resources.sources), labels, by.label)}; {quoted}."


# A gap wider than this between two best passages of a section is another part of the section, not a missing link.
MAX_GAP_CHUNKS = 1
# The generators quote from the best this many passages (generate.extractive_answer's `passages`).
QUOTED_PASSAGES = 4


def with_gaps_filled(context: Sequence[Hit], resources: Resources, depth: int = QUOTED_PASSAGES) -> list[Hit]:
    """The context, with each chunk that lies between two of the best `depth` passages of one section read after
    the first of them: "who would run the fund?" finds the fund's objectives (chunk 36), its board's members (38)
    and its administration (39), and chunk 37's "administered through an independent Board of Directors (not
    more than 11 members)" is the answer between them."""
    best = [h for h in context if "continuation" not in h.scores][:depth]
    quoted = {h.chunk.id for h in best} | {h.chunk.id for h in context if "continuation" in h.scores}
    gaps: dict[str, list[Chunk]] = {}
    for section in {(h.chunk.doc_id, h.chunk.section) for h in best if h.chunk.section}:
        siblings = chunks_of_section(*section, resources)
        at = sorted(n for n, c in enumerate(siblings) if c.id in quoted)
        for before, after in zip(at, at[1:]):
            if 0 < after - before - 1 <= MAX_GAP_CHUNKS:
                gaps[siblings[before].id] = siblings[before + 1:after]
    moved = {c.id for chunks in gaps.values() for c in chunks}
    filled: list[Hit] = []
    for hit in context:
        if hit.chunk.id in moved:
            continue  # retrieved lower down: read in its place in the section instead
        filled.append(hit)
        for chunk in gaps.pop(hit.chunk.id, []):
            filled.append(Hit(chunk, hit.score, {"continuation": 1.0}))
    return filled



# How many of the best passages' sections a figure question's figure is sought in, beyond the passages read.
FIGURE_SECTIONS = 2
# A figure sentence must stand this close to the question to be read (passage-sentence model).
MIN_FIGURE_PASSAGE_SIMILARITY = 0.45
# At most this many such chunks are read.
FIGURE_CHUNKS = 2
# The kinds of answer a figure in a sentence can be: penalties have their own continuation (the section's end).
FIGURE_KINDS = (Expected.QUANTITY, Expected.AMOUNT, Expected.PERCENT, Expected.DATE, Expected.PLACE)


def with_figure_passage(context: Sequence[Hit], query: Query, resources: Resources,
                        depth: int = QUOTED_PASSAGES) -> list[Hit]:
    """The context, with the chunks holding the figures a figure question asks for read after their section's
    passages: of the sentences stating a figure of the asked kind in every chunk of the best passages' first
    FIGURE_SECTIONS sections, those reading closer to the question than any such sentence already read.
    "How many people does the draft policy want trained in AI, and by which year?" finds the targets section,
    whose "Goal: 1M trained in AI, 10k new trainers By 2027" stands in a chunk of its own. Dev: +1 (dev_probe3),
    13 answers changed with their key facts kept, none lost. Follow-ups are read too, with the turn they lean on:
    "how many of those placements are planned each year?" after a question on internships (dev: +1, no other
    answer changed)."""
    if query.expected not in FIGURE_KINDS or not context:
        return list(context)
    best = [h for h in context if "continuation" not in h.scores][:depth]
    sections = list(dict.fromkeys((h.chunk.doc_id, h.chunk.section) for h in best if h.chunk.section))
    read = {h.chunk.id for h in context}
    candidates: list[tuple[Chunk, str]] = []
    for section in sections[:FIGURE_SECTIONS]:
        for chunk in chunks_of_section(*section, resources):
            candidates += [(chunk, s) for s in passage_sentences(chunk.text)
                           if len(s.split()) >= 4 and has_expected(s, query.expected, query.search_text)]
    in_sections = {c.id for c, _ in candidates}
    candidates += [(h.chunk, s) for h in context if h.chunk.id not in in_sections
                   for s in passage_sentences(h.chunk.text)
                   if len(s.split()) >= 4 and has_expected(s, query.expected, query.search_text)]
    if not candidates:
        return list(context)
    sentences = resources.sentences
    # A follow-up's own words do not carry its subject ("how long can that go on in total?"): it is read with the
    # turn it leans on.
    question = np.array(sentences.embed_query(query.search_text if query.is_follow_up else query.text))
    similarity = np.array(sentences.embed_passages([s for _, s in candidates])) @ question
    # Only figures closer than every figure already read are worth reading: the answer has the best of the others.
    floor = max([MIN_FIGURE_PASSAGE_SIMILARITY, *(v for v, (c, _) in zip(similarity, candidates) if c.id in read)])
    added: list[Chunk] = []
    for n in np.argsort(-similarity):
        chunk = candidates[n][0]
        if similarity[n] < floor or len(added) >= FIGURE_CHUNKS:
            break
        if chunk.id not in read:
            read.add(chunk.id)
            added.append(chunk)
    result = list(context)
    for chunk in sorted(added, key=lambda c: c.ordinal):  # each after its section's last passage read so far
        at = max(n for n, h in enumerate(result) if (h.chunk.doc_id, h.chunk.section) == (chunk.doc_id, chunk.section))
        result.insert(at + 1, Hit(chunk, result[at].score, {"continuation": 1.0}))
    return result


def introducing_chunk(chunk: Chunk, siblings: Sequence[Chunk]) -> Chunk | None:
    """The chunk of the section that introduces an abbreviation the chunk's sentences open with, when the chunk
    does not: "The ARD will provide regulatory support ..." is read with "An AI Regulatory Directorate (ARD) shall
    be constituted under the NCPDP", two chunks earlier."""
    for sentence in passage_sentences(chunk.text):
        introduced = abbreviation_subject(sentence)
        found = next((c for c in siblings if c.id != chunk.id and introduced in c.text), None) if introduced else None
        if found is not None and introduced not in chunk.text:
            return found
    return None


def with_referenced_sections(context: Sequence[Hit], named: set[str], resources: Resources,
                             question: str = "") -> list[Hit]:
    """A governing or named rule that applies another statute's sections ("as provided under sections 5 and 6
    of the ETO") is read with them: each one's opening passage joins the context (or is marked where it is
    already), to be quoted too when the question names that statute ("which ETO sections?") or asks about what the
    referring sentence alone speaks of (asks_what_a_reference_says)."""
    rules = dict.fromkeys((h.chunk.doc_id, h.chunk.section) for h in context
                          if "governing" in h.scores or "clause" in h.scores)
    marked = {h.chunk.id: h for h in context}
    added: list[Hit] = []
    for rule in rules:
        asked = asks_what_a_reference_says(question, [h.chunk.text for h in context
                                                      if (h.chunk.doc_id, h.chunk.section) == rule])
        for doc_id, label in resources.law_tables.references.get(rule, [])[:MAX_REFERENCED_SECTIONS]:
            chunks = chunks_of_section(doc_id, label, resources)
            if not chunks:
                continue
            scores = {"continuation": 1.0, "reference": float(doc_id in named or asked)}
            if chunks[0].id in marked:
                hit = marked[chunks[0].id]
                marked[hit.chunk.id] = Hit(hit.chunk, hit.score, {**hit.scores, **scores})
            else:
                marked[chunks[0].id] = Hit(chunks[0], 0.0, scores)
                added.append(marked[chunks[0].id])
    return [marked[h.chunk.id] for h in context] + added


# A sentence that applies another statute's sections by number ("as provided under sections 5 and 6 of the ...").
_APPLIES_OTHER_SECTIONS = re.compile(r"\bsections?\s+\d+[A-Z]*(?:\s*(?:,|and)\s*\d+[A-Z]*)*\s+of\s+the\s+[A-Z]")
# How many of the referring sentence's own words (used by no other sentence of its section) the question must use.
# PECA s. 32(2)'s own words are "fulfilling", "originality" and the Ordinance's title ("retention" and "requirements"
# stand in s. 32's title and s. 32(1) too); "another law's data retention and originality requirements" uses one.
MIN_REFERENCE_WORDS = 1


def asks_what_a_reference_says(question: str, section_texts: Sequence[str]) -> bool:
    """Whether the question uses at least MIN_REFERENCE_WORDS words that, in its section, only the sentence applying
    another statute's sections uses: "what do another law's data retention and originality requirements say?" asks
    what PECA s. 32(2)'s "all the requirements of data retention and its originality as provided under sections 5 and
    6 of the Electronic Transactions Ordinance" refers to, though it never names the Ordinance; "how long must an ISP
    retain traffic data?" uses only words the rest of s. 32 uses too."""
    sentences = [s for text in section_texts for s in passage_sentences(text)]
    asked = topic_stems(question)
    for n, sentence in enumerate(sentences):
        if not _APPLIES_OTHER_SECTIONS.search(sentence):
            continue
        elsewhere = set().union(*(topic_stems(other) for m, other in enumerate(sentences) if m != n))
        if len((topic_stems(sentence) - elsewhere) & asked) >= MIN_REFERENCE_WORDS:
            return True
    return False


def only_worded_loosely(raw: str, context: Sequence[Hit]) -> bool:
    """Whether a model reply the judge rejected failed on wording only. "NOT FOUND" is the model's own verdict
    that the passages do not answer, and a sentence stating a figure, section or body its cited passages do
    not is a sign they lack it: both stand as declines."""
    if not raw.strip() or "NOT FOUND" in raw.upper():
        return False
    for sentence in split_sentences(raw):
        cited = [context[n - 1].chunk for n in markers_of(sentence) if 1 <= n <= len(context)]
        if cited and not any(stated_facts_present(sentence, c.text, c.section) for c in cited):
            return False
    return True


def governing_rank(context: Sequence[Hit], term: str = "", policies: bool = False) -> int | None:
    """The best hit governs the answer when it is a statute's section (or, with `policies`, a policy's) and no
    clause was named. A document a user added never governs.

    A definitions section governs only a question about a definition (`term`, the one the query asks for): "how
    are the Authority's accounts audited?" finds the clause defining "Authority" first because it repeats the
    name, but the rule on audit answers it. The next statute section among the best DEFINITION_PASS hits
    governs instead.
    """
    # A policy's numbered section (4.1.3.5 Agriculture Supply Chain Optimization) is one programme whose measures
    # run on past its first passage ("... weather prediction systems ... soil monitoring"), so it governs too, but
    # only where its lead is trusted: an English question that stands alone (see composing_order). Calibrated on the
    # dev sets: business key facts 0.575 -> 0.700, dev_extra 0.614 -> 0.657, golden 0.849 -> 0.871, heldout 0.932
    # -> 0.949, dev_conversations 0.893 -> 0.929, none lost (with retrieval_ranks and the penalty-only rule in
    # generate). Letting Urdu, Roman Urdu and follow-up questions' policy sections govern lost four of them.
    kinds = STATUTES + POLICIES if policies else STATUTES
    if not context or any("clause" in h.scores for h in context) or context[0].chunk.doc_status not in kinds:
        return None
    if is_definitions(context[0]) and not term:
        return next((rank for rank, h in enumerate(context[:DEFINITION_PASS])
                     if h.chunk.doc_status in STATUTES and not is_definitions(h)), 0)
    return 0


# How far down the best hits a rule may be found when a definitions clause ranks first.
DEFINITION_PASS = 3


def is_definitions(hit: Hit) -> bool:
    """Whether the hit is from a definitions section ("2. Definitions.—(1) In this Act, ..."), or defines terms as
    one does: the amending Act's "Amendment of section 2" inserts clauses ("“aspersion” means ...")."""
    return "definition" in hit.chunk.section_title.lower() or len(_DEFINES.findall(hit.chunk.text)) >= DEFINING_CLAUSES


# A passage with a "“term” means" clause defines terms, whatever its section is called.
DEFINING_CLAUSES = 1
_DEFINES = re.compile(r"[“\"][^”\"]{1,60}[”\"]\s+means\b")


def version_statement(query: Query, resources: Resources) -> str:
    """What the catalog says about the indexed copy of each document the question names (all, if none)."""
    named = [s for s in sources_named(query.named_documents, resources.sources) if s.id in resources.indexed_ids]
    sources = named or [s for s in resources.sources if s.id in resources.indexed_ids]
    lines = []
    for source in sources:
        line = (f"From the document catalog: the indexed {source.short_name} is \"{source.title}\" "
                f"({source.status.value}, {source.issuer}, {source.date}).")
        if source.is_draft:
            line += " It is a draft, not an approved or final text."
        if source.note:
            line += f" {source.note}"
        lines.append(line)
    for other in related_missing(named, resources.sources, resources.indexed_ids):
        lines.append(f"{other.title} ({other.status.value}, {other.date}) is not in the index.")
    return " ".join(lines)


def cover_quote(hit: Hit) -> str:
    """The first lines of a document's first page, as a cited sentence (title, number, date)."""
    lines = [line.strip() for line in hit.chunk.text.splitlines() if line.strip()][:2]
    quote = " ".join(lines)[:200].rstrip(" .,;:")
    return f"{quote}. [1] " if quote else ""


def validate_question(question: str, settings: Settings) -> str:
    """An error message for unusable input, or '' if the question can be searched."""
    if not question or not question.strip():
        return "Please type a question (it was empty)."
    if len(question) > settings.max_question_chars:
        return (f"The question is {len(question):,} characters long; the limit is {settings.max_question_chars:,}. "
                "Please shorten it to the question itself.")
    if not any(ch.isalnum() for ch in question):
        return "The question has no words in it; please ask in English, Urdu or Roman Urdu."
    return ""


def _missing_documents(query: Query, resources: Resources) -> list[Source]:
    named = sources_named(query.named_documents, resources.sources)
    missing = [s for s in named if not s.available or s.id not in resources.indexed_ids]
    # "Section 37 of PECA as originally passed" names PECA, but asks for a version the index lacks;
    # "is your PECA the text as originally passed?" is about the indexed copy, answered from the catalog.
    other_versions = set() if asks_about_version(query.search_text) else {s.version_of for s in missing}
    indexed = [s for s in named if s.id in resources.indexed_ids and s.id not in other_versions]
    return missing if missing and not indexed else []


def missing_document_message(missing: Sequence[Source], resources: Resources) -> str:
    """Which named documents are not indexed, what the index has, and how to add one."""
    lines = []
    for source in missing:
        where = f" It can be downloaded from {source.url}." if source.url else ""
        lines.append(f"{source.title} ({source.issuer}, {source.date}) is not in the index, so I cannot answer from it.{where}")
        if source.note:
            lines.append(source.note)
    have = ", ".join(s.short_name for s in resources.sources if s.id in resources.indexed_ids)
    lines.append(f"The index has: {have}.")
    lines.append(ADD_DOCUMENT_TEXT)
    return " ".join(lines)


def unknown_instrument_message(name: str, resources: Resources) -> str:
    """The question is about a law the assistant does not know at all: say so, and what it has."""
    have = ", ".join(s.short_name for s in resources.sources if s.id in resources.indexed_ids)
    return (f"The question is about the {name}, which is not one of the documents this assistant knows, so I cannot "
            f"answer from it. The index has: {have}. To add a document: put the PDF in the corpus folder and run "
            "`python -m ingest add FILE.pdf --title \"...\"`.")


def catalog_decision(query: Query, resources: Resources) -> Decision | None:
    """A decline decided from the catalog alone: a named document that is not indexed, or a law it does not know."""
    missing = _missing_documents(query, resources)
    if missing:
        return Decision(AnswerStatus.MISSING_DOCUMENT, missing_document_message(missing, resources))
    policy_punishes = punishment_asked_of_a_policy(query, resources.sources, resources.indexed_ids)
    if policy_punishes:
        return Decision(AnswerStatus.NOT_IN_CORPUS, policy_punishes)
    if query.named_documents:
        return None
    # A law named in the background ("Company law makes us keep books of accounts. Can we keep them in software?")
    # is the premise; the question asks what the indexed documents allow, and they may say (ETO s. 6).
    asked = f"{asking_sentences(query.text)} {query.context}".strip()
    unknown_law = unknown_instrument(asked, resources.sources)
    if unknown_law:
        return Decision(AnswerStatus.NOT_IN_CORPUS, unknown_instrument_message(unknown_law, resources))
    return None


def clause_decision(query: Query, resources: Resources) -> Decision | None:
    """A clause the named document does not have is answered with the clauses it does have."""
    # An amending Act speaks of the sections it changes: "how did the 2025 Act change section 43?" is no missing clause.
    changed: dict[str, set[str]] = {}
    for row in resources.law_tables.amendments:
        changed.setdefault(row.doc_id, set()).add(row.section)
    labels = {doc: labels | changed.get(doc, set()) for doc, labels in resources.labels_by_doc.items()}
    text = missing_clause_text(query, labels, resources.sources) or missing_part_text(query, resources)
    return Decision(AnswerStatus.NOT_IN_CORPUS, text) if text else None


def missing_part_text(query: Query, resources: Resources) -> str:
    """For a sub-section or clause the named section lacks ("section 32(9)"): the parts it does have; else ''."""
    parted = [ref for ref in query.references if ref.part]
    if len(parted) != 1 or len(query.references) != 1:
        return ""
    sections = resolve_references(query.text, resources, query.documents)
    if len(sections) != 1:
        return ""
    section, part = sections[0], parted[0].part
    text = strip_editorial(section.text)
    if "." in section.label:
        # A policy clause's items open their own lines: "VI. The fund shall be administered ...".
        kind, present = "item", [line.split(".", 1)[0] for line in section.text.splitlines()
                                 if re.match(rf"{ITEM_MARKER}\s", line)]
    elif part[0][0].isdigit():
        kind, present = "sub-section", [number for number, _ in subsections(text) if number]
    else:
        kind, present = "clause", sorted(set(re.findall(r"(?:^|\s)\(([a-z])\)\s", text)))
    if part[0].lower() in [p.lower() for p in present]:
        return ""
    source = next((s for s in resources.sources if s.id == section.doc_id), None)
    policy = "." in section.label
    name = f"{source.short_name if source else section.doc_id} {'' if policy else 's. '}{section.label}"
    marker = part[0] if policy else f"({part[0]})"
    if not present:
        return f"{name} has no {kind} {marker}: it is not divided into {kind}s."
    listed = ", ".join(present if policy else (f"({p})" for p in present))
    return f"{name} has no {kind} {marker}; its {kind}s are {listed}."


_KNOWN_WORDS: dict[int, tuple[object, frozenset[str]]] = {}


def known_words(resources: Resources) -> frozenset[str]:
    """Every word and word stem the indexed text or a document name uses; built once per index build."""
    cached = _KNOWN_WORDS.get(id(resources))
    if cached is None or cached[0] is not resources.keyword:
        names = resources.name_tokens
        # A word the glossary maps to statute terms ("malware" -> "malicious code") is known too.
        everyday = {w for table in glossary().values() for key in table for w in key.split()}
        words = (resources.keyword.vocabulary | resources.keyword.vocabulary_stems | names | everyday
                 | {word_stem(w) for w in names})
        cached = _KNOWN_WORDS[id(resources)] = (resources.keyword, frozenset(words))
    return cached[1]


def referred_documents_notes(citations: Sequence[Citation], sources: Sequence[Source],
                             indexed_ids: Collection[str]) -> tuple[str, ...]:
    """A note for each catalog document the quoted sentences refer to that the index lacks ("Under the Cloud First
    Policy, ... a copy of public data must be hosted on NTC cloud infrastructure"): the quote reports what that
    document says, which the index cannot check, and the note says where to get it and how to add it. Another
    version of an indexed document (the final AI policy, PECA as passed) is not one: the version notes speak of it."""
    quoted = " ".join(c.quote for c in citations)
    indexed = [s for s in sources if s.id in indexed_ids]
    notes = []
    for source in mentioned_sources(quoted, list(sources)):
        if (source.id in indexed_ids or source.status is DocStatus.USER
                or any(shares_a_name(source, other) or shares_a_name(other, source) for other in indexed)):
            continue
        where = f" It can be downloaded from {source.url}." if source.url else ""
        notes.append(f"The quoted text refers to the {source.title} ({source.issuer}, {source.date}), which is not "
                     f"indexed, so what it says itself is not checked here.{where} {ADD_DOCUMENT_TEXT}")
    return tuple(notes)


def version_notes(citations, sources: Sequence[Source]) -> tuple[str, ...]:
    """Warnings users must see: drafts are not approved policy."""
    notes = []
    if any(c.doc_status.value == "draft" for c in citations):
        notes.append("Source status: the AI policy cited is the 2023 public-consultation DRAFT, not the approved "
                     "National AI Policy 2025 (which is not in the index).")
    if any(c.doc_status is DocStatus.USER for c in citations):
        notes.append(f"Source status: a document marked {UNVERIFIED} is cited. Someone using this deployment added "
                     "it; it is not an official text and was not checked.")
    if any(c.doc_status.value == "amending act" for c in citations):
        notes.append("The PECA (Amendment) Act 2025 amends PECA 2016; the consolidated PECA text shows the result.")
    return tuple(notes)
