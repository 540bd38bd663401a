"""The citation checker on hand-made passages: what is kept, what is stripped, how markers renumber."""
from __future__ import annotations

import pytest

from assistant.cite import MIN_OVERLAP, check_sentences, finalize, markers_of, split_sentences, support_score
from assistant.types import Chunk, DocStatus, Hit, Source

SPOOFING = ("Whoever with dishonest intention establishes a website or sends any information with a counterfeit "
            "source intended to be believed by the recipient to be an authentic source commits spoofing and shall "
            "be punished with imprisonment for a term which may extend to three years or with fine which may "
            "extend to five hundred thousand rupees or with both.")
STALKING = ("Whoever commits the offence of cyber stalking shall be punished with imprisonment for a term which "
            "may extend to 3 years or with fine which may extend to 1,000,000 rupees or with both.")
POLICY = ("The Government shall establish a National AI Fund to finance research and development of artificial "
          "intelligence in public universities.")


def chunk(cid: str, text: str, section: str, page: int, doc_id: str = "peca-2016-consolidated-2025",
          status: DocStatus = DocStatus.CONSOLIDATED) -> Chunk:
    return Chunk(id=cid, doc_id=doc_id, doc_status=status, section=section, section_title="", heading_path=(section,),
                 page_start=page, page_end=page, page_label=str(page - 10), ordinal=0, text=text)


HITS = [
    Hit(chunk("c-spoof", SPOOFING, "13", 21), 0.9),
    Hit(chunk("c-stalk", STALKING, "24", 24), 0.8),
    Hit(chunk("c-fund", POLICY, "4.1.2", 17, "draft-national-ai-policy-2023", DocStatus.DRAFT), 0.7),
]
SOURCES = [
    Source(id="peca-2016-consolidated-2025", title="Prevention of Electronic Crimes Act, 2016", short_name="PECA 2016",
           issuer="Parliament", date="2025-02", status=DocStatus.CONSOLIDATED, available=True),
    Source(id="draft-national-ai-policy-2023", title="Draft National AI Policy", short_name="Draft AI Policy",
           issuer="MoITT", date="2023", status=DocStatus.DRAFT, available=True),
]


def test_sentences_keep_their_markers():
    text = "Spoofing is punished with imprisonment. [1] Cyber stalking is punished too. [2][3]"
    assert split_sentences(text) == ["Spoofing is punished with imprisonment. [1]", "Cyber stalking is punished too. [2][3]"]
    assert markers_of("Cyber stalking is punished too. [2][3]") == [2, 3]


def test_support_score_counts_content_words():
    assert support_score("Spoofing is punished with imprisonment. [1]", SPOOFING) == 1.0
    assert support_score("Spoofing is punished with flogging at dawn.", SPOOFING) < MIN_OVERLAP
    assert support_score("[1]", SPOOFING) == 0.0


@pytest.mark.parametrize("claim, passage, supported", [
    # A table's timeline cell is a bare figure: the passage that states it supports it, no other.
    ("By 2026. [1]", "awareness of 90% of the public with internet access. By 2026", True),
    ("By 2027. [1]", "awareness of 90% of the public with internet access. By 2026", False),
    ("By the end. [1]", "awareness of 90% of the public with internet access. By 2026", False),
])
def test_a_bare_figure_is_supported_by_the_passage_that_states_it(claim, passage, supported):
    assert (support_score(claim, passage) >= MIN_OVERLAP) is supported


def test_a_number_missing_from_the_passage_makes_the_sentence_unsupported():
    # Right passage, wrong number: the passage says 3 years, the sentence says 7.
    assert support_score("Cyber stalking is punished with imprisonment up to 3 years.", STALKING) >= MIN_OVERLAP
    assert support_score("Cyber stalking is punished with imprisonment up to 7 years.", STALKING) == 0.0
    assert support_score("The fine for cyber stalking may extend to 5,000,000 rupees.", STALKING) == 0.0
    checked = check_sentences("Cyber stalking is punished with imprisonment up to 7 years. [2]", HITS)
    assert len(checked) == 1 and checked[0].markers == (2,) and not checked[0].supported


def test_markers_pointing_to_no_passage_are_dropped():
    checked = check_sentences("Spoofing is punished with imprisonment. [1][9] Cyber stalking is an offence. [0]", HITS)
    assert [c.markers for c in checked] == [(1,), ()]
    assert checked[0].supported and not checked[1].supported
    text, citations = finalize("Spoofing is punished with imprisonment. [7]", HITS, SOURCES)
    assert text == "" and citations == ()


def test_a_sentence_is_checked_against_the_passage_it_cites():
    checked = check_sentences("Spoofing is punished with imprisonment. [3]", HITS)
    assert checked[0].markers == (3,) and not checked[0].supported


def test_finalize_keeps_supported_sentences_and_renumbers_from_one():
    raw = ("The Government shall establish a National AI Fund. [3] "
           "Cyber stalking is punished with imprisonment up to 7 years. [2] "
           "Spoofing is punished with imprisonment. [1] "
           "The Fund finances research in public universities. [3]")
    text, citations = finalize(raw, HITS, SOURCES)
    assert text == ("The Government shall establish a National AI Fund. [1] "
                    "Spoofing is punished with imprisonment. [2] "
                    "The Fund finances research in public universities. [1]")
    assert [(c.number, c.chunk_id) for c in citations] == [(1, "c-fund"), (2, "c-spoof")]
    fund, spoof = citations
    assert (fund.doc_id, fund.section, fund.page, fund.page_label, fund.doc_status) == (
        "draft-national-ai-policy-2023", "4.1.2", 17, "7", DocStatus.DRAFT)
    assert (fund.title, fund.short_name, fund.quote) == ("Draft National AI Policy", "Draft AI Policy", POLICY)
    assert (spoof.doc_id, spoof.section, spoof.page) == ("peca-2016-consolidated-2025", "13", 21)


def test_only_the_supporting_markers_of_a_sentence_are_kept():
    text, citations = finalize("Spoofing is punished with imprisonment. [3][1]", HITS, SOURCES)
    assert text == "Spoofing is punished with imprisonment. [1]"
    assert [c.chunk_id for c in citations] == ["c-spoof"]


def test_sentences_without_markers_are_dropped():
    text, citations = finalize("Spoofing is punished with imprisonment. Spoofing is punished with a fine. [1]", HITS, SOURCES)
    assert text == "Spoofing is punished with a fine. [1]"
    assert len(citations) == 1


@pytest.mark.parametrize("raw, kept", [
    # the same sentence quoted twice, from two passages that hold it, stands once, with its first citation
    ("Spoofing is punished with imprisonment. [1] Cyber stalking is an offence. [2] "
     "Spoofing is punished with imprisonment. [1]",
     "Spoofing is punished with imprisonment. [1] Cyber stalking is an offence. [2]"),
    # spacing and case do not make it another sentence
    ("Spoofing is punished with imprisonment. [1] spoofing  is punished with IMPRISONMENT. [1]",
     "Spoofing is punished with imprisonment. [1]"),
    # a sentence that differs in a word is another sentence
    ("Spoofing is punished with imprisonment. [1] Spoofing is punished with a fine. [1]",
     "Spoofing is punished with imprisonment. [1] Spoofing is punished with a fine. [1]"),
])
def test_a_sentence_quoted_twice_is_kept_once(raw, kept):
    hits = [HITS[0], Hit(chunk("c-stalk2", "Cyber stalking is an offence.", "24", 24), 0.8)]
    text, _ = finalize(raw, hits, SOURCES)
    assert text == kept


def test_no_supported_sentence_means_no_citations():
    for raw in ("", "PECA allows hacking. [1]", "Cyber stalking carries 7 years. [2]", "Unmarked claim about spoofing."):
        text, citations = finalize(raw, HITS, SOURCES)
        assert text == "" and citations == (), raw


def test_unknown_source_falls_back_to_the_document_id():
    hits = [Hit(chunk("c-x", SPOOFING, "13", 21, doc_id="user-doc"), 1.0)]
    _, citations = finalize("Spoofing is punished with imprisonment. [1]", hits, SOURCES)
    assert citations[0].title == "user-doc" and citations[0].short_name == "user-doc"


def test_quantities_read_digits_and_number_words_alike():
    from assistant.cite import quantities

    assert quantities("five hundred thousand rupees") == quantities("500,000 rupees") == {"500000"}
    assert quantities("two hundred and fifty thousand") == {"250000"}
    assert quantities("fourteen years or fifty million rupees") == {"14", "50000000"}
    assert quantities("1 million") == quantities("1M") == quantities("one million") == {"1000000"}
    assert quantities("10k new trainers") == {"10000"}
    assert quantities("six (6) months, not less than 30%") == {"6", "30"}
    assert quantities("twenty-four hours") == {"24"}
    # Sub-clause labels are not quantities; a clause label followed by a number word is two things.
    assert quantities("(2) Five members, including at least two") == {"5", "2"}
    assert quantities("section 4.1.2") == {"4.1.2"}
    assert quantities("any one of them") == set()


def test_a_number_written_in_words_is_checked_too():
    """Regression: the old check looked at digits only, so 'seven years' passed against 'three years'."""
    assert support_score("Spoofing is punished with imprisonment up to seven years.", SPOOFING) == 0.0
    assert support_score("Spoofing is punished with imprisonment up to three years.", SPOOFING) >= MIN_OVERLAP
    assert support_score("The fine for spoofing may extend to 500,000 rupees.", SPOOFING) >= MIN_OVERLAP
    assert support_score("The fine for spoofing may extend to five million rupees.", SPOOFING) == 0.0
    assert support_score("Cyber stalking is punished with imprisonment up to three years.", STALKING) >= MIN_OVERLAP


def test_support_score_matches_inflected_words():
    assert support_score("Spoofing brings punishment for members.", "A member who commits spoofing shall be punished.") == 0.75


def test_a_sentence_ends_after_its_markers_whatever_follows():
    """Regression: statute text quoted after a marker may start with '[26A,' or a clause number; without a
    split there, one 'sentence' held two passages' numbers and no single passage supported it."""
    text = "Hate speech is punished up to seven years. [1] [26A, Fake information is punished up to three years. [2]"
    assert split_sentences(text) == ["Hate speech is punished up to seven years. [1]",
                                     "[26A, Fake information is punished up to three years. [2]"]
    assert split_sentences("Spoofing is an offence. [1] 13. Electronic forgery is too. [2][3]")[0] == "Spoofing is an offence. [1]"
    # A bracket that is not a marker does not end a sentence.
    assert split_sentences("Offences under sections 1[10, 13, 14] and abetment are cognizable. [1]") == [
        "Offences under sections 1[10, 13, 14] and abetment are cognizable. [1]"]


def test_markers_written_before_a_sentence_belong_to_it():
    text = "[1] Spoofing is punished with imprisonment. [2][3] Cyber stalking is punished too."
    assert split_sentences(text) == ["Spoofing is punished with imprisonment. [1]", "Cyber stalking is punished too. [2][3]"]
    assert split_sentences("[1] The fine may extend to 50,000 rupees") == ["The fine may extend to 50,000 rupees [1]"]
    # the usual style is untouched: markers after a sentence are that sentence's
    assert split_sentences("Spoofing is an offence. [1] [2] Forgery is too. [3]") == [
        "Spoofing is an offence. [1] [2]", "Forgery is too. [3]"]


@pytest.mark.parametrize("text, sentences", [
    # A policy item's marker stays with its sentence.
    ("VI. The fund shall be administered through a Board. [1]", ["VI. The fund shall be administered through a Board. [1]"]),
    ("b. Such projects shall be attributed to issues. [2] c. At least 400 projects. [2]",
     ["b. Such projects shall be attributed to issues. [2]", "c. At least 400 projects. [2]"]),
    # A sentence that merely ends in a marker-like word is not one.
    ("The Authority shall decide. The Board may act. [1]", ["The Authority shall decide.", "The Board may act. [1]"]),
])
def test_an_item_marker_opens_its_sentence(text, sentences):
    assert split_sentences(text) == sentences
