"""Text from documents and questions is never markup."""
from __future__ import annotations

from ui.safe import escape_html, escape_markdown


def test_markdown_escape_neutralises_links_html_and_directives():
    text = "<script>alert(1)</script> [x](javascript:alert(1)) :red[big] **b** # h"
    escaped = escape_markdown(text)
    for raw in ("<script>", "[x](", ":red[", "**b**"):
        assert raw not in escaped
    assert escaped.startswith("\\<script\\>")


def test_html_escape_covers_quotes_for_attributes():
    assert escape_html('"><img src=x onerror=alert(1)>') == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
