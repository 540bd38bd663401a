"""answer(): validate, rewrite follow-ups, retrieve, decide answer-or-refuse, generate, check citations."""
from __future__ import annotations

import re
import time
from typing import Iterator, Sequence

from assistant.catalog import mentioned_sources, unknown_instrument
from assistant.cite import finalize
from assistant.config import Settings
from assistant.generate import build_generator
from assistant.question_type import Expected, asks_about_version, expected_answer, has_expected
from assistant.rewrite import resolve_hint, rewrite_follow_up, rewrite_question  # noqa: F401  (re-exported)
from assistant.language import STOPWORDS, is_roman_urdu, is_urdu_script, keyword_tokens, roman_urdu_terms, word_stem
from assistant.retrieve import Resources, next_chunk_of_section, resolve_references, retrieve
from assistant.types import Answer, AnswerStatus, Hit, Source

# Evidence thresholds on the best cosine similarity of a retrieved passage, calibrated on the
# development questions in evals/golden.jsonl (see evals/calibrate notes in the README).
MIN_DENSE_EVIDENCE = 0.42
MIN_MULTILINGUAL_EVIDENCE = 0.80
# A question in the domain's own vocabulary may be phrased far from the statute's wording.
MIN_DOMAIN_EVIDENCE = 0.30
# Below this, a question word the corpus never uses is taken as a sign the answer is not there.
OOV_GUARD_EVIDENCE = 0.60
_DOMAIN_WORDS = re.compile(
    r"\b(law|act|policy|section|clause|offen[cs]e|punish|penalt|fine|court|tribunal|authority|data|cyber|ai|"
    r"artificial|electronic|digital|peca|eto|crime|government|ministry|regulat|rule|legal|complain|platform|"
    r"signature|certificate|internet|online|social media|privacy|pta|fia|nccia|naif|fund|board|committee|"
    r"chair|centre|center|excellence|ordinance|gazette|amendment)\w*", re.I,
)


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
    standalone = rewrite_question(question, history, settings)
    missing = _missing_documents(standalone, resources)
    if missing:
        yield _finish(Answer(question, AnswerStatus.MISSING_DOCUMENT, missing_document_message(missing, resources),
                             rewritten_question=standalone), started)
        return
    unknown_law = "" if mentioned_sources(standalone, resources.sources) else unknown_instrument(standalone, resources.sources)
    if unknown_law:
        yield _finish(Answer(question, AnswerStatus.NOT_IN_CORPUS, unknown_instrument_message(unknown_law, resources),
                             rewritten_question=standalone), started)
        return
    hits = retrieve(standalone, resources, settings, doc_ids)
    catalog_statement = ""
    if asks_about_version(standalone):
        # "Is the AI policy final?" is answered from the catalog's status and dates, with the cover page
        # (which retrieve() puts first for such questions) cited.
        catalog_statement = version_statement(standalone, resources)
    refusal = None if catalog_statement else decide_refusal(standalone, hits, resources)
    if refusal:
        status, text = refusal
        yield _finish(Answer(question, status, text, hits=tuple(hits), rewritten_question=standalone), started)
        return
    context = with_section_continuations(hits[: max(settings.top_k, 1)], standalone, resources)
    # Sentence choice compares the question with English passages: MiniLM reads Urdu script as noise.
    multilingual = resources.multilingual is not None and is_urdu_script(standalone)
    generator = build_generator(settings, resources.multilingual if multilingual else resources.dense)
    pieces: list[str] = []
    for piece in generator.stream({"question": standalone, "hits": context}):
        if piece:
            pieces.append(piece)
            yield piece
    raw = "".join(pieces)
    if catalog_statement and context and "front_matter" in context[0].scores:
        raw = cover_quote(context[0]) + raw
    text, citations = finalize(raw, context, resources.sources)
    if catalog_statement:
        text = f"{catalog_statement} {text}".strip()
    if not citations and not catalog_statement:
        yield _finish(Answer(question, AnswerStatus.NOT_IN_CORPUS, NOT_FOUND_TEXT, hits=tuple(hits),
                             rewritten_question=standalone), started)
        return
    expected = expected_answer(standalone)
    if expected in FIGURE_ANSWERS and not has_expected(text, expected, standalone):
        # The nearest sentences about fees or counts are not an answer to "how much" or "how many".
        yield _finish(Answer(question, AnswerStatus.NOT_IN_CORPUS, f"{NOT_FOUND_TEXT} {NO_FIGURE_TEXT[expected]}",
                             hits=tuple(hits), rewritten_question=standalone), started)
        return
    notes = version_notes(citations, resources.sources)
    retrieved = tuple(hits) + tuple(h for h in context if h not in hits)
    yield _finish(Answer(question, AnswerStatus.ANSWERED, text, citations, retrieved, standalone, notes), started)


NOT_FOUND_TEXT = "The indexed documents do not answer this question."
# How many of the top passages may pull in the rest of their section.
CONTINUATION_DEPTH = 3
FIGURE_ANSWERS = (Expected.QUANTITY, Expected.AMOUNT, Expected.PERCENT)
NO_FIGURE_TEXT = {
    Expected.QUANTITY: "The passages closest to it state no such number.",
    Expected.AMOUNT: "The passages closest to it state no such amount.",
    Expected.PERCENT: "The passages closest to it state no such percentage.",
}
OUT_OF_DOMAIN_TEXT = ("I can only answer questions about Pakistan's AI policy and cyber laws "
                      "(the documents listed under `sources`). This question is outside them.")
WORLD_STATE_TEXT = (
    "The indexed documents are laws and a policy draft: they set up offices, duties and penalties, but do not "
    "record who holds an office now or figures on how the law has been used. They do not answer this question.")


def _finish(result: Answer, started: float) -> Answer:
    return Answer(**{**result.__dict__, "seconds": round(time.perf_counter() - started, 3)})


def with_section_continuations(context: Sequence[Hit], question: str, resources: Resources) -> list[Hit]:
    """For a penalty question, add the next chunk of a top section whose chunk stops before its penalty.

    Statutes state the offence first and the punishment at the end of the section, which a long
    section's first chunk often does not reach.
    """
    if expected_answer(question) is not Expected.PENALTY:
        return list(context)
    present = {h.chunk.id for h in context}
    expanded: list[Hit] = []
    for rank, hit in enumerate(context):
        expanded.append(hit)
        if rank >= CONTINUATION_DEPTH or not hit.chunk.section or has_expected(hit.chunk.text, Expected.PENALTY):
            continue
        following = next_chunk_of_section(hit.chunk, resources)
        if following is not None and following.id not in present:
            present.add(following.id)
            expanded.append(Hit(following, hit.score, {"continuation": 1.0}))
    return expanded


def version_statement(question: str, resources: Resources) -> str:
    """What the catalog says about the indexed copy of each document the question names (all, if none)."""
    named = [s for s in mentioned_sources(question, resources.sources) if s.id in resources.indexed_ids]
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
    for other in related_missing(named, resources):
        lines.append(f"{other.title} ({other.status.value}, {other.date}) is not in the index.")
    return " ".join(lines)


def related_missing(named: Sequence[Source], resources: Resources) -> list[Source]:
    """Known-but-missing documents that share a name with a named one (the final AI policy for the draft)."""
    related = []
    for other in resources.sources:
        if other.id in resources.indexed_ids:
            continue
        names = " ".join((other.title, *other.aliases)).lower()
        if any(alias in names for source in named for alias in source.aliases if len(alias) >= 4):
            related.append(other)
    return related


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


def _missing_documents(question: str, resources: Resources) -> list[Source]:
    named = mentioned_sources(question, resources.sources)
    missing = [s for s in named if not s.available or s.id not in resources.indexed_ids]
    # "Section 37 of PECA as originally passed" names PECA, but asks for a version the index lacks;
    # "is your PECA the text as originally passed?" is about the indexed copy, answered from the catalog.
    other_versions = set() if asks_about_version(question) else {s.version_of for s in missing}
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
    lines.append("To add a document: put the PDF in the corpus folder and run `python -m ingest add FILE.pdf --title \"...\"`"
                 " (or, for a catalog document with a URL, `python -m ingest --download`).")
    return " ".join(lines)


def unknown_instrument_message(name: str, resources: Resources) -> str:
    """The question is about a law the assistant does not know at all: say so, and what it has."""
    have = ", ".join(s.short_name for s in resources.sources if s.id in resources.indexed_ids)
    return (f"The question is about the {name}, which is not one of the documents this assistant knows, so I cannot "
            f"answer from it. The index has: {have}. To add a document: put the PDF in the corpus folder and run "
            "`python -m ingest add FILE.pdf --title \"...\"`.")


def decide_refusal(question: str, hits: Sequence[Hit], resources: Resources) -> tuple[AnswerStatus, str] | None:
    """Refuse before generation when retrieval evidence is too weak; None means answer."""
    if any("clause" in h.scores or "definition" in h.scores for h in hits) or resolve_references(question, resources, ()):
        return None
    if expected_answer(question) is Expected.WORLD_STATE:
        return AnswerStatus.NOT_IN_CORPUS, WORLD_STATE_TEXT
    urdu = is_urdu_script(question)
    evidence = max((h.scores.get("multi" if urdu else "dense", 0.0) for h in hits), default=0.0)
    in_domain = bool(_DOMAIN_WORDS.search(question))
    threshold = MIN_MULTILINGUAL_EVIDENCE if urdu else (MIN_DOMAIN_EVIDENCE if in_domain else MIN_DENSE_EVIDENCE)
    roman_urdu = is_roman_urdu(question)
    if roman_urdu and not in_domain and not roman_urdu_terms(question):
        # The evidence score is unreliable for Roman Urdu; without one legal or policy word it is off-topic.
        return AnswerStatus.OUT_OF_DOMAIN, OUT_OF_DOMAIN_TEXT
    if urdu or roman_urdu:
        evidence = max(evidence, max((h.scores.get("multi", 0.0) for h in hits), default=0.0) - 0.35)
    if evidence < threshold:
        if not in_domain and not urdu:
            return AnswerStatus.OUT_OF_DOMAIN, OUT_OF_DOMAIN_TEXT
        return AnswerStatus.NOT_IN_CORPUS, NOT_FOUND_TEXT
    unknown = unknown_terms(question, resources)
    if len(unknown) >= 3 and evidence < OOV_GUARD_EVIDENCE and not urdu and not roman_urdu:
        return AnswerStatus.NOT_IN_CORPUS, f"{NOT_FOUND_TEXT} (They never mention: {', '.join(unknown)}.)"
    return None


_GENERIC = STOPWORDS | {"pakistan", "pakistani", "under", "according", "provide", "provides", "say", "says", "tell",
                        "explain", "much", "many", "long", "within", "need", "required", "require", "current",
                        "currently", "latest", "maximum", "minimum", "company", "business", "firm", "our", "us",
                        # "doesn't" -> "doesn": fragments of contractions and words every question may use
                        "doesn", "don", "isn", "aren", "wasn", "weren", "didn", "won", "shouldn", "couldn",
                        "wouldn", "happen", "happens", "happened"}


def unknown_terms(question: str, resources: Resources) -> list[str]:
    """Content words of the question that no indexed passage uses, in any inflection."""
    names = resources.name_tokens
    known_stems = resources.keyword.vocabulary_stems | {word_stem(w) for w in names}
    return [t for t in keyword_tokens(question)
            if len(t) >= 4 and not t.isdigit() and t not in _GENERIC and t not in resources.keyword.vocabulary
            and t not in names and word_stem(t) not in known_stems]


def version_notes(citations, sources: Sequence[Source]) -> tuple[str, ...]:
    """Warnings users must see: drafts are not approved policy."""
    notes = []
    if any(c.doc_status.value == "draft" for c in citations):
        notes.append("Source status: the AI policy cited is the 2023 public-consultation DRAFT, not the approved "
                     "National AI Policy 2025 (which is not in the index).")
    if any(c.doc_status.value == "amending act" for c in citations):
        notes.append("The PECA (Amendment) Act 2025 amends PECA 2016; the consolidated PECA text shows the result.")
    return tuple(notes)
