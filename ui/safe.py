"""Text from documents and questions is data, never markup: escape it for Markdown and for HTML."""
from __future__ import annotations

import html
import re

# Every character CommonMark or Streamlit's Markdown gives a meaning to (links, emphasis, HTML,
# tables, math, colour directives `:red[...]`, emoji shortcodes `:x:`).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def escape_markdown(text: str) -> str:
    """Text that st.markdown shows literally: every Markdown/HTML special character backslash-escaped."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A line break inside a passage is kept as a line break, never as a paragraph or heading start.
    return escaped.replace("\n", "  \n")


def escape_html(text: str) -> str:
    """Text safe inside an HTML element or a quoted attribute."""
    return html.escape(text, quote=True)
