"""Rendering a cited page with the passage highlighted (pypdfium2), on a real corpus PDF and a made one."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from assistant.errors import AssistantError
from pdf_factory import text_pdf
from ui.pdf_pages import match_spans, phrase_windows, render_page


def test_windows_skip_lone_words_and_cut_long_phrases():
    assert phrase_windows(["spoofing"]) == []
    assert phrase_windows(["three years"]) == [["three", "years"]]
    assert phrase_windows(["a b c d e f"]) == [["a", "b", "c", "d"], ["c", "d", "e", "f"], ["c", "d", "e", "f"]]


def test_matches_cross_line_breaks_and_ignore_a_stray_repeat():
    page = "intro text\r\nthe same meaning given to\r\nsexual abuse in section 377A " + "x " * 200 + "the same meaning"
    spans = match_spans(page, phrase_windows(["the same meaning given to sexual abuse in section 377A"]))
    assert spans and all(end < 80 for _, end in spans)


def test_render_highlights_the_passage_on_a_made_pdf(tmp_path):
    path = text_pdf(tmp_path, [["Cover page"], ["Section 24. Whoever commits spoofing shall be punished", "with imprisonment."]])
    image = render_page(path, 2, ["commits spoofing shall be punished"], scale=1.0)
    assert image.page_count == 2 and image.highlighted >= 1
    picture = Image.open(io.BytesIO(image.png))
    assert picture.size == (612, 792)
    colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    assert any(b < 120 and r > 200 for _, (r, g, b) in colours)  # the yellow highlight is drawn


def test_render_without_a_match_draws_no_highlight(tmp_path):
    path = text_pdf(tmp_path, [["Nothing relevant here"]])
    assert render_page(path, 1, ["commits spoofing shall be punished"], scale=1.0).highlighted == 0


def test_a_page_outside_the_document_is_a_clear_error(tmp_path):
    path = text_pdf(tmp_path, [["Only page"]])
    with pytest.raises(AssistantError, match="has 1 pages; page 5 does not exist"):
        render_page(path, 5)


@pytest.mark.integration
def test_real_corpus_page_is_rendered_with_the_definition_highlighted(corpus_dir):
    image = render_page(corpus_dir / "peca-2016-consolidated-2025.pdf", 10,
                        ["the same meaning given to sexual abuse in section 377A of the Pakistan Penal Code"])
    assert image.page_count == 39 and image.highlighted >= 2
    assert image.png.startswith(b"\x89PNG")
