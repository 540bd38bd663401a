"""Which passages the extractive generator may quote, and the [n] each keeps."""
from __future__ import annotations

import pytest

from assistant.generate import is_near_repeat, quoted_passages, retrieval_ranks, sentence_words
from assistant.types import Chunk, DocStatus, Hit


def _hit(name: str, **scores: float) -> Hit:
    chunk = Chunk(id=name, doc_id="peca", doc_status=DocStatus.CONSOLIDATED, section=name.split("-")[0],
                  section_title="", heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0,
                  text=f"text of {name}")
    return Hit(chunk, 0.5, {"rrf": 0.5, **scores})


GOVERNING = _hit("2V-a", governing=1.0)
CONTINUED = [_hit(f"2V-{part}", continuation=1.0, governing=1.0) for part in "bcd"]
RANKED = [_hit(name) for name in ("2X-a", "47-a", "2W-a", "37-a")]
OWN_ASK = _hit("30A-a", own_ask=1.0)
CLAUSE = _hit("26A-a", clause=1.0)
REFERENCED = _hit("9-a", continuation=1.0, reference=1.0)


def _names(hits: list[Hit], passages: int) -> list[tuple[int, str]]:
    return [(n, h.chunk.id) for n, h in quoted_passages(hits, passages)]


@pytest.mark.parametrize("hits, passages, expected", [
    # The governing section's continuations do not use up the places of the next-ranked sections.
    ([GOVERNING, *CONTINUED, *RANKED], 4,
     [(1, "2V-a"), (2, "2V-b"), (3, "2V-c"), (4, "2V-d"), (5, "2X-a"), (6, "47-a"), (7, "2W-a")]),
    ([GOVERNING, *RANKED], 2, [(1, "2V-a"), (2, "2X-a")]),
    # A follow-up's own-ask passage is quotable wherever it stands.
    ([GOVERNING, *RANKED, OWN_ASK], 2, [(1, "2V-a"), (2, "2X-a"), (6, "30A-a")]),
    # Named clauses, and the sections they apply, are all that is quoted when the question names one.
    ([CLAUSE, *RANKED, REFERENCED], 4, [(1, "26A-a"), (6, "9-a")]),
    # The governing section's own passage retrieved further down is quotable too (its penalty, past a page break).
    ([GOVERNING, *RANKED, _hit("2V-e", governing=1.0)], 2, [(1, "2V-a"), (2, "2X-a"), (6, "2V-e")]),
])
def test_quoted_passages(hits, passages, expected):
    assert _names(hits, passages) == expected


def _text_hit(name: str, doc_id: str, text: str) -> Hit:
    chunk = Chunk(id=name, doc_id=doc_id, doc_status=DocStatus.CONSOLIDATED, section="29", section_title="",
                  heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)
    return Hit(chunk, 0.5, {"rrf": 0.5})


def test_a_passage_repeating_a_better_one_takes_no_place_among_the_best():
    # The amending Act's text of s. 29 beside the consolidated Act's: the place goes to the next passage.
    rule = "The Federal Government shall appoint the Director General of the NCCIA for a term of three years."
    hits = [_text_hit("amending", "peca-amendment", f"“{rule}”"), _text_hit("consolidated", "peca", rule),
            _text_hit("remand", "peca", "The total period of remand shall not exceed thirty days."),
            _text_hit("other", "peca", "The Authority shall decide complaints within ninety days.")]
    assert [h.chunk.id for _, h in quoted_passages(hits, 2)] == ["amending", "consolidated", "remand"]


@pytest.mark.parametrize("hits, expected", [
    # Continuations share the rank of the section they continue; the next section is ranked second.
    ([GOVERNING, *CONTINUED, *RANKED[:2]], {1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 3}),
    ([*RANKED[:2], OWN_ASK], {1: 1, 2: 2, 3: 3}),
    # A section added for a reference counts as a continuation: it takes the rank of the passage before it.
    ([GOVERNING, RANKED[0], REFERENCED], {1: 1, 2: 2, 3: 2}),
    ([REFERENCED, GOVERNING], {1: 1, 2: 2}),
])
def test_retrieval_ranks(hits, expected):
    assert retrieval_ranks(hits) == expected


@pytest.mark.parametrize("question, multilingual_loaded, expected", [
    ("What is the punishment for spoofing?", True, "sentences"),
    ("PECA mein fake news ki saza kya hai?", True, "multilingual"),
    ("پیکا میں سائبر اسٹاکنگ کی سزا کیا ہے؟", True, "multilingual"),
    ("PECA mein fake news ki saza kya hai?", False, "sentences"),
])
def test_sentences_are_scored_by_a_model_that_reads_the_question_language(question, multilingual_loaded, expected):
    from types import SimpleNamespace

    from assistant.answer import sentence_model
    from assistant.query import analyse

    resources = SimpleNamespace(sentences="sentences", multilingual="multilingual" if multilingual_loaded else None)
    assert sentence_model(analyse(question), resources) == expected


_PENALTY = ("whoever commits the offence shall be punished with imprisonment for a term which may extend to three "
            "years or with fine which may extend to one million rupees or with both")


@pytest.mark.parametrize("sentence, kept, repeat", [
    # The same clause from the consolidated Act and the amending Act, punctuation and a closing "and" apart.
    (_PENALTY + ";]", _PENALTY + ";”; and", True),
    ("The ARD will provide regulatory support regarding AI policy issues like using AI-based doctors' assistants in "
     "hospitals, indirect AI policy issues like intellectual property laws, and relevant AI policy issues like "
     "education, urban planning, and welfare policies, among other things.",
     "The ARD will provide regulatory support for direct AI policy issues like using AI-based doctors' assistants "
     "in hospitals, indirect AI policy issues like intellectual property laws, and relevant AI policy issues like "
     "education, urban planning, and welfare policies, among other things.", True),
    # A different figure is a different rule: the harsher punishment is kept.
    (_PENALTY.replace("three", "seven"), _PENALTY, False),
    (_PENALTY.replace("one million", "five million"), _PENALTY, False),
    # A list item inside a longer sentence, and a rule with other parties, are not repeats.
    ("(b) any fee prescribed by the Authority", "(b) any fee prescribed by the Authority and all other sums received "
     "by the Authority from any other source", False),
    (_PENALTY.replace("whoever", "any service provider who"), _PENALTY, False),
])
def test_a_near_repeat_is_quoted_once(sentence, kept, repeat):
    assert is_near_repeat(sentence_words(sentence), sentence_words(kept)) is repeat


@pytest.mark.parametrize("sentence, furniture", [
    ("PREVENTION OF ELECTRONIC CRIMES ACT, 2016", True),
    ("1Subs. by Act No.", True),
    # A footnote's end cut off from its start, alone or with the next footnote's start.
    ("II of 2025, s.9-10. 2Ins. by Act No.", True),
    ("XXXVII of 2023, s.3.", True),
    # A footnote's end followed by the law's words carries them.
    ("II of 2025, s.8. may extend to ten million rupees and upon any subsequent conviction", False),
    ("Whoever commits the offence shall be punished with imprisonment.", False),
])
def test_titles_and_footnotes_answer_nothing(sentence, furniture):
    from assistant.generate import _is_furniture

    assert _is_furniture(sentence) is furniture
