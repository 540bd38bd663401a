"""Which passage a follow-up's own ask may add to the topic's; every candidate scored by the multilingual model."""
from __future__ import annotations

import pytest

from types import SimpleNamespace

from assistant.retrieve import body_first, brings_new_words, scored_by_all, tops_both_rankings
from assistant.types import Chunk, DocStatus, Hit


def _hit(text: str) -> Hit:
    chunk = Chunk(id=text[:20], doc_id="doc", doc_status=DocStatus.IN_FORCE, section="1", section_title="",
                  heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)
    return Hit(chunk, 1.0, {})


TOPIC = [_hit("Issue of false certificate.—Every director of a certification service provider which issues a "
              "certificate containing false information shall be punished with imprisonment up to seven years."),
         _hit("Whoever makes a false statement to obtain a certificate shall be punished with a fine.")]


@pytest.mark.parametrize("ask, passage, brings", [
    # "bail" opens "non-bailable", which no topic passage uses
    ("Are those offences bailable?", "All offences under this Ordinance shall be non-bailable and cognizable.", True),
    ("Which court tries that?", "No Court inferior to the Court of Sessions shall try any offence.", True),
    # every word of the ask is already in the topic's passages
    ("Is that punishment imprisonment?", "The punishment shall be imprisonment for a term of five years.", False),
    ("What about the director?", "A director shall hold office for three years.", False),
    # the passage does not use the new word either
    ("Are those offences bailable?", "The Council shall meet once a month.", False),
    # the statute's word for an everyday one counts: "register" is the glossary's "enlistment"
    ("Do we need to register with anyone?", "The Authority may require any platform to enlist with it.", True),
    ("Do we need to register with anyone?", "The Council shall meet once a month.", False),
])
def test_an_own_ask_passage_must_bring_a_word_of_the_ask_the_topic_lacks(ask, passage, brings):
    assert brings_new_words(ask, _hit(passage).chunk, TOPIC) is brings


def _scored(section: str, **scores: float) -> Hit:
    return Hit(_hit(section).chunk, scores.get("rrf", 0.0), scores)


@pytest.mark.parametrize("hits, agree", [
    ([_scored("s43", dense=0.42, bm25=6.0, rrf=0.033), _scored("s38", dense=0.40, bm25=5.1, rrf=0.032)], True),
    # first by keywords only: the dense search ranks another passage higher
    ([_scored("s35", dense=0.11, bm25=2.1, rrf=0.020), _scored("s1", dense=0.30, bm25=1.0, rrf=0.019)], False),
    # first by dense only
    ([_scored("s45", dense=0.34, bm25=3.0, rrf=0.032), _scored("s2B", dense=0.30, bm25=3.5, rrf=0.031)], False),
    # found by one search alone
    ([_scored("s22", bm25=4.0, rrf=0.016)], False),
])
def test_an_ask_of_a_standalone_question_adds_a_passage_only_when_both_searches_rank_it_first(hits, agree):
    assert tops_both_rankings(hits) is agree


class _Vectors:
    """Stored vectors by chunk id, as the index returns them."""

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = vectors

    def vectors_of(self, space: str, chunk_ids):
        return {cid: self.vectors[cid] for cid in chunk_ids if cid in self.vectors}


def test_a_candidate_another_ranking_found_is_scored_by_this_one():
    first, second, third = _hit("review every three years"), _hit("the policy's purpose"), _hit("working groups")
    rankings = {"dense": [(first.chunk, 0.5), (third.chunk, 0.4)], "bm25": [(first.chunk, 6.7)],
                "multi": [(second.chunk, 0.87)]}
    store = _Vectors({first.chunk.id: [0.9, 0.1], third.chunk.id: [0.0, 1.0]})
    ranked = scored_by_all(rankings, "multi", "multi", [1.0, 0.0], SimpleNamespace(store=store))
    assert [(chunk.id, round(score, 2)) for chunk, score in ranked] == [
        (first.chunk.id, 0.9), (second.chunk.id, 0.87), (third.chunk.id, 0.0)]
    # Nothing to add: the ranking is returned as it was.
    assert scored_by_all({"multi": rankings["multi"]}, "multi", "multi", [1.0, 0.0],
                         SimpleNamespace(store=store)) == rankings["multi"]


@pytest.mark.integration
@pytest.mark.parametrize("question, section", [
    # First by the English model and by keywords, but missing from the multilingual model's own list.
    ("AI policy ka comprehensive review kitne saal baad hoga?", "5.4"),
])
def test_a_roman_urdu_question_keeps_the_passage_two_rankings_put_first(resources, question, section):
    from assistant.retrieve import retrieve

    hits = retrieve(question, resources, resources.settings)
    assert section in [h.chunk.section for h in hits[:5]]
    assert all("multi" in h.scores for h in hits[:5])


def _in(heading: str, name: str) -> Hit:
    chunk = Chunk(id=name, doc_id="policy", doc_status=DocStatus.DRAFT, section="", section_title=heading,
                  heading_path=(heading,), page_start=1, page_end=1, page_label="1", ordinal=0, text=name)
    return Hit(chunk, 0.5, {"rrf": 0.5})


@pytest.mark.parametrize("question, order", [
    # A policy's survey annex and its references come after its body unless the question asks for them.
    ("Is there money for AI startups?", ["fund", "directives", "survey", "sources"]),
    ("What does the survey annex say about AI readiness?", ["survey", "fund", "directives", "sources"]),
    ("Which works does the policy list in its references?", ["sources", "fund", "directives", "survey"]),
])
def test_supporting_matter_comes_after_the_documents_body(question, order):
    hits = [_in("8 Annex I – Sectoral Survey Regarding AI Adoption", "survey"), _in("9 References", "sources"),
            _in("4 Policy Directives", "fund"), _in("4 Policy Directives", "directives")]
    assert [h.chunk.id for h in body_first(question, hits)] == order
