"""Passage sentences embedded once per build: answers read them instead of embedding them again."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.language import passage_sentences
from assistant.sentence_vectors import (SENTENCE_VECTORS_VERSION, SentenceVectors, chunk_sentences, store_sentence_vectors,
                                       vectors_folder)
from assistant.types import Chunk, DocStatus


class CountingModel:
    """Stands in for the dense model in the bookkeeping tests: a vector per text, and a count of texts."""

    name = "counting"
    max_tokens = 256

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed_passages(self, texts):
        self.embedded.extend(texts)
        return [[float(len(t)), 1.0] for t in texts]

    def embed_query(self, text):
        return [float(len(text)), 1.0]

    def count_tokens(self, text):
        return len(text.split())


def _chunk(chunk_id: str, text: str) -> Chunk:
    return Chunk(id=chunk_id, doc_id="doc", doc_status=DocStatus.IN_FORCE, section="1", section_title="",
                 heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)


@pytest.mark.parametrize("text, expected", [
    ("Whoever does X shall be punished. (2) The Authority may act.", ["Whoever does X shall be punished.",
                                                                      "(2) The Authority may act."]),
    ("the following: (a) one; (b) two.", ["the following:", "(a) one;", "(b) two."]),  # each list item
    ("any data; and any system.", ["any data; and any system."]),  # no capital or "(" after the ";"
    ("First rule; Second rule.\nA new line.", ["First rule;", "Second rule.", "A new line."]),
    ("A title line\n\nNext.", ["A title line", "", "Next."]),  # empty pieces keep sentence positions
    # a targets table's timeline cell closes the row above, though the next row's title follows it on its line
    ("Train 60% of graduates.\nBy 2025 Higher Education Scholarships Currently, HEC offers some.",
     ["Train 60% of graduates.", "By 2025", "Higher Education Scholarships Currently, HEC offers some."]),
    ("Build labs.\nBy 2028 at Aux Centers Target-8 Special", ["Build labs.", "By 2028 at Aux Centers Target-8 Special"]),
    ("Fund research.\nBy 2026 Target-3", ["Fund research.", "By 2026 Target-3"]),
])
def test_passage_sentences(text, expected):
    assert passage_sentences(text) == expected


def test_stored_sentences_are_not_embedded_again(tmp_path):
    chunks = [_chunk("a", "One rule applies here. Another rule follows."), _chunk("b", "One rule applies here.")]
    folder = vectors_folder(tmp_path, "policy")
    model = CountingModel()
    assert store_sentence_vectors(chunks, model, folder, "build1", progress=False) == (2, 2)
    model.embedded.clear()

    sentences = SentenceVectors.load(model, folder, "build1")
    vectors = sentences.embed_passages(["Another rule follows.", "A sentence no passage has."])
    assert model.embedded == ["A sentence no passage has."]
    assert vectors == [[21.0, 1.0], [26.0, 1.0]]
    sentences.embed_passages(["A sentence no passage has."])
    assert model.embedded == ["A sentence no passage has."], "a sentence embedded once is remembered"
    assert sentences.embed_query("question?") == [9.0, 1.0]


def test_a_new_build_embeds_only_its_new_sentences_and_replaces_the_old_file(tmp_path):
    folder = vectors_folder(tmp_path, "policy")
    model = CountingModel()
    store_sentence_vectors([_chunk("a", "One rule applies here.")], model, folder, "build1", progress=False)
    model.embedded.clear()
    count = store_sentence_vectors([_chunk("a", "One rule applies here."), _chunk("c", "A third document speaks.")],
                                   model, folder, "build2", progress=False)
    assert count == (2, 1)
    assert model.embedded == ["A third document speaks."]
    assert [p.name for p in folder.iterdir()] == [f"build2-v{SENTENCE_VECTORS_VERSION}.npz"]
    model.embedded.clear()
    assert store_sentence_vectors([_chunk("a", "One rule applies here.")], model, folder, "build2",
                                  progress=False)[1] == 0, "an unchanged build is not embedded again"


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04broken"])
def test_an_unreadable_file_means_embedding_on_demand_not_a_failed_start(tmp_path, content):
    folder = vectors_folder(tmp_path, "policy")
    folder.mkdir(parents=True)
    (folder / f"build1-v{SENTENCE_VECTORS_VERSION}.npz").write_bytes(content)
    model = CountingModel()
    sentences = SentenceVectors.load(model, folder, "build1")
    assert sentences.stored_count == 0
    assert sentences.embed_passages(["Some passage sentence."]) == [[22.0, 1.0]]


def test_vectors_of_another_model_are_not_used(tmp_path):
    folder = vectors_folder(tmp_path, "policy")
    store_sentence_vectors([_chunk("a", "One rule applies here.")], CountingModel(), folder, "build1", progress=False)
    other = CountingModel()
    other.name = "another-model"
    assert SentenceVectors.load(other, folder, "build1").stored_count == 0


def test_the_real_index_stores_every_passage_sentence_with_the_dense_model(resources, embedders):
    """On the real corpus the stored vectors are the dense model's own, so answers score sentences the same."""
    sentences = resources.sentences
    distinct = chunk_sentences(resources.chunks)
    assert sentences.stored_count == len(distinct) > 1000
    sample = [s for s in distinct if len(s.split()) >= 5][:8]
    stored = np.array(sentences.embed_passages(sample))
    fresh = np.array(embedders.dense.embed_passages(sample))
    assert np.allclose(stored, fresh, atol=1e-5)


def test_a_question_is_embedded_once_while_it_is_recent():
    from assistant.sentence_vectors import RECENT_QUERIES, SentenceVectors

    class CountingModel:
        name, max_tokens = "counting", 256

        def __init__(self) -> None:
            self.queries = 0

        def embed_query(self, text: str) -> list[float]:
            self.queries += 1
            return [float(len(text)), 1.0]

    model = CountingModel()
    vectors = SentenceVectors(model)
    first = vectors.embed_query("How long must traffic data be kept?")
    assert vectors.embed_query("How long must traffic data be kept?") == first and model.queries == 1
    for n in range(RECENT_QUERIES):
        vectors.embed_query(f"question {n}")
    vectors.embed_query("How long must traffic data be kept?")
    assert model.queries == RECENT_QUERIES + 2, "the oldest question is dropped and embedded again"
