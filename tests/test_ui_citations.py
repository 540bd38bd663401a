"""Citation cards: highlighting of supporting words, [n] links, and escaping of document text."""
from __future__ import annotations

from assistant.types import Answer, AnswerStatus, Citation, DocStatus
from ui.citations import anchor, build_cards, card_html, highlight_segments, link_markers, supporting_terms

HOSTILE = 'Offence <script>alert("x")</script> [click](javascript:alert(1)) ![img](http://evil/x.png) **bold**'


def citation(number=1, quote="Whoever commits spoofing shall be punished with imprisonment up to three years.",
             status=DocStatus.CONSOLIDATED) -> Citation:
    return Citation(number, f"c{number}", "peca-2016-consolidated-2025", "PECA", "PECA 2016", status, "24",
                    ("Chapter II", "24. Spoofing"), 14, "", quote)


def test_supporting_terms_come_from_the_sentences_citing_that_number():
    text = "Spoofing is punished with imprisonment up to three years [1]. Fines apply to platforms [2]."
    terms = supporting_terms(text, 1)
    assert {"spoofing", "punished", "imprisonment", "three", "years"} <= terms
    assert "fines" not in terms and "platforms" not in terms


def test_highlight_joins_adjacent_supporting_words_into_one_mark():
    segments = highlight_segments("shall be punished with imprisonment up to three years.", {"punished", "imprisonment", "three", "years"})
    marked = [text for text, flag in segments if flag]
    assert marked == ["punished with imprisonment", "three years"]
    assert "".join(text for text, _ in segments) == "shall be punished with imprisonment up to three years."


def test_inline_markers_link_to_their_cards_and_unknown_markers_stay_plain():
    markdown = link_markers("Spoofing is punished [1]. Also [7].", turn=2, numbers={1})
    assert f"[\\[1\\]](#{anchor(2, 1)})" in markdown
    assert "\\[7\\]" in markdown and "#cite-2-7" not in markdown


def test_inline_markers_escape_markdown_link_tricks_in_the_answer():
    markdown = link_markers(HOSTILE + " [1]", turn=0, numbers={1})
    assert "](javascript" not in markdown and "<script>" not in markdown
    assert "\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in markdown
    assert markdown.endswith("[\\[1\\]](#cite-0-1)")


def test_card_html_escapes_the_quote_and_shows_the_draft_badge():
    result = Answer("q", AnswerStatus.ANSWERED, "Offence alert [1].", (citation(quote=HOSTILE, status=DocStatus.DRAFT),))
    card = build_cards(result, turn=3)[0]
    html = card_html(card)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "<img" not in html
    assert "DRAFT</span>" in html and 'id="cite-3-1"' in html
    assert "<mark>Offence</mark>" in html and "PDF page 14" in html


def test_card_of_a_final_document_has_no_draft_badge():
    result = Answer("q", AnswerStatus.ANSWERED, "Spoofing is punished [1].", (citation(),))
    assert "DRAFT" not in card_html(build_cards(result, 0)[0])
