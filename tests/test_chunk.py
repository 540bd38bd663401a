"""ingest.chunk: deterministic ids, sentence-aware packing, and the real corpus under the real tokenizer."""
from __future__ import annotations

import re

import pytest

from assistant.catalog import load_catalog
from assistant.config import Settings
from assistant.types import DocStatus, Source
from ingest.chunk import chunk_id, chunk_spans
from ingest.index import ParsedDocument, parse_document
from ingest.load import load_document, read_limits
from ingest.structure import Heading, Line, Span, find_headings

SOURCE = Source(id="sample-act", title="Sample Act", short_name="Sample", issuer="x", date="2024",
                status=DocStatus.IN_FORCE, available=True)
SHA = "ab" * 32


def words(text: str) -> int:
    """A stand-in tokenizer for packing logic: one token per word."""
    return len(text.split())


def span(label: str, *texts: str, page: int = 1) -> Span:
    heading = Heading(0, label, f"Title {label}", 2, "section")
    return Span(heading, (f"Section {label}. Title {label}",), tuple(Line(page, t) for t in texts))


# ---- ids ------------------------------------------------------------------------------------

def test_chunk_id_is_stable_and_readable():
    first = chunk_id("peca-2016-consolidated-2025", SHA, 25, 7)
    assert first == chunk_id("peca-2016-consolidated-2025", SHA, 25, 7)
    assert re.fullmatch(r"peca-2016-consolidated-2025:p25:7:[0-9a-f]{10}", first)


def test_chunk_id_changes_with_file_page_or_ordinal():
    base = chunk_id("doc", SHA, 3, 1)
    assert len({base, chunk_id("doc", "cd" * 32, 3, 1), chunk_id("doc", SHA, 4, 1), chunk_id("doc", SHA, 3, 2)}) == 4


def test_same_input_gives_the_same_chunks():
    spans = [span("1", "1. Title 1.—" + "word " * 40 + "end."), span("2", "2. Title 2.—" + "more " * 30 + "end.")]
    once = chunk_spans(SOURCE, SHA, spans, {}, words, 64)
    again = chunk_spans(SOURCE, SHA, spans, {}, words, 64)
    assert once == again
    assert [c.ordinal for c in once] == list(range(len(once)))


# ---- packing ---------------------------------------------------------------------------------

def test_over_long_paragraph_is_split_between_sentences():
    sentences = [f"Sentence {n} has exactly seven words here." for n in range(1, 7)]
    chunks = chunk_spans(SOURCE, SHA, [span("5", " ".join(sentences))], {}, words, 30)
    # Heading path "Section 5. Title 5" costs 4 tokens, leaving 26: three 7-word sentences per chunk.
    assert [c.text for c in chunks] == ["\n".join(sentences[:3]), "\n".join(sentences[3:])]
    assert all(words(c.embed_text) <= 30 for c in chunks)


def test_sentence_longer_than_the_budget_is_split_between_words():
    text = " ".join(f"w{n}" for n in range(100))
    chunks = chunk_spans(SOURCE, SHA, [span("5", text)], {}, words, 64)
    assert all(words(c.embed_text) <= 64 for c in chunks)
    assert " ".join(c.text.replace("\n", " ") for c in chunks) == text


def test_short_paragraphs_are_packed_together_up_to_the_budget():
    lines = ["(1) First subsection has six words.", "(2) Second subsection has six words.",
             "(3) Third subsection has six words."]
    chunks = chunk_spans(SOURCE, SHA, [span("5", *lines)], {}, words, 20)
    assert [c.text.count("subsection") for c in chunks] == [2, 1]


def test_bare_heading_and_contents_spans_give_no_chunk():
    contents = Span(Heading(0, "Contents", "Contents", 1, "named"), ("Contents",),
                    tuple(Line(1, f"{n}. Title {n}" + " word" * 20) for n in range(3)))
    bare = span("Chapter II", "CHAPTER II")
    assert chunk_spans(SOURCE, SHA, [contents, bare], {}, words, 64) == []


def test_chapter_heading_split_by_a_blank_line_gives_no_chunk():
    """Regression: the ETO prints 'CHAPTER 4', a blank line, then the title; the two pieces became a
    heading-only chunk ('CHAPTER 4 CERTIFICATION SERVICE PROVIDERS') that matched queries but held no text."""
    bare = span("Chapter 4", "CHAPTER 4", "", "CERTIFICATION SERVICE PROVIDERS", "")
    assert chunk_spans(SOURCE, SHA, [bare], {}, words, 64) == []


def test_chunk_provenance_comes_from_span_and_labels():
    chunk = chunk_spans(SOURCE, SHA, [span("26A", "26A. Title 26A.—" + "body " * 20, page=25)], {25: "x"}, words, 64)[0]
    assert (chunk.doc_id, chunk.doc_status, chunk.section, chunk.page_start, chunk.page_label) == (
        "sample-act", DocStatus.IN_FORCE, "26A", 25, "x")
    assert chunk.embed_text.startswith("Section 26A. Title 26A\n26A. Title 26A.—")


# ---- the real corpus, real tokenizer ----------------------------------------------------------

@pytest.fixture(scope="module")
def real_documents(corpus_dir, embedders) -> list[ParsedDocument]:
    """Every available real document parsed with the real MiniLM tokenizer (no vectors needed)."""
    settings = Settings.from_env(env={}, corpus_dir=corpus_dir)
    out = []
    for source in load_catalog(settings):
        if source.available:
            loaded = load_document(source, corpus_dir / source.file, read_limits(settings))
            out.append(parse_document(loaded, embedders.dense, settings))
    return out


def test_real_chunk_ids_are_unique_and_repeatable(real_documents, embedders):
    ids = [c.id for doc in real_documents for c in doc.chunks]
    assert len(ids) == len(set(ids)) > 300
    eto = next(d for d in real_documents if d.source.id == "electronic-transactions-ordinance-2002")
    again = parse_document(eto.loaded, embedders.dense, Settings.from_env(env={}))
    assert [c.id for c in again.chunks] == [c.id for c in eto.chunks]


def test_no_real_chunk_exceeds_the_embedding_models_token_limit(real_documents, embedders):
    """all-MiniLM-L6-v2 silently drops everything past 256 word pieces."""
    counts = {c.id: embedders.dense.count_tokens(c.embed_text) for doc in real_documents for c in doc.chunks}
    too_long = {cid: n for cid, n in counts.items() if n > embedders.dense.max_tokens}
    assert too_long == {}


def test_a_section_heading_is_never_left_without_its_body(real_documents):
    """The first chunk of every headed section holds the heading line and body text after it."""
    failures = []
    for doc in real_documents:
        seen: set[tuple[str, ...]] = set()
        for chunk in doc.chunks:
            if not chunk.section or chunk.heading_path in seen:
                continue
            seen.add(chunk.heading_path)
            heading_words = len(chunk.section.split()) + len(chunk.section_title.split())
            if len(chunk.text.split()) < heading_words + 5:
                failures.append((chunk.id, chunk.text[:80]))
    assert failures == []


def test_no_real_chunk_mixes_two_act_sections(real_documents):
    failures, starts = [], 0
    for doc in real_documents:
        for chunk in doc.chunks:
            lines = [Line(chunk.page_start, text) for text in chunk.text.split("\n")]
            sections = [h.label for h in find_headings(lines, "act") if h.kind == "section"]
            starts += len(sections) == 1
            if len(sections) > 1:
                failures.append((chunk.id, sections))
    assert failures == []
    assert starts > 150  # the detector does see headings inside chunk text


def test_real_chunks_keep_page_order_and_draft_status(real_documents):
    for doc in real_documents:
        assert [c.ordinal for c in doc.chunks] == list(range(len(doc.chunks)))
        assert all(1 <= c.page_start <= c.page_end <= doc.loaded.page_count for c in doc.chunks)
        assert {c.doc_status for c in doc.chunks} == {doc.source.status}
