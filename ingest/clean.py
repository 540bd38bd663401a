"""Per-page text repair: running headers, printed page labels, dashes, hyphens, whitespace."""
from __future__ import annotations

import re

from assistant.types import Page

# "Page 19 of 39" (Pakistan Code consolidations).
_PAGE_OF = re.compile(r"^\s*Page\s+(\d+)\s+of\s+\d+\s*$", re.I)
# Gazette running heads: "PART I] THE GAZETTE OF PAKISTAN, EXTRA., JAN. 29, 2025 35"
# and "24 THE GAZETTE OF PAKISTAN, EXTRA., JAN. 29, 2025 [PART I".
_GAZETTE_ODD = re.compile(r"^\s*PA\s?RT\s+I\]\s+THE GAZETTE OF PAKISTAN.*?(\d+)\s*$", re.I)
_GAZETTE_EVEN = re.compile(r"^\s*(\d+)\s+THE GAZETTE OF PAKISTAN.*\[PART\s+I\s*$", re.I)
# A bare printed page number (arabic or roman) near the top of a page.
_BARE_NUMBER = re.compile(r"^\s*([0-9]{1,3}|[ivxlc]{1,6})\s*$", re.I)
_GAZETTE_PRICE = re.compile(r"^\s*(\(\d+\)|Price:\s*Rs\..*|\[\d+\(\d{4}\)/Ex\. Gaz\.\]\.?)\s*$")
# Broken em-dashes in the ETO text layer.
_DASH_GLYPHS = re.compile(r"\s*¾¾\s*")
_SOFT_HYPHEN = "\u00ad"


def clean_page(page: Page) -> Page:
    """Remove running headers/footers and repair text; the printed page number becomes `label`."""
    lines = page.text.replace("\r", "").replace(_SOFT_HYPHEN, "-").split("\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in lines]
    label, lines = _strip_running_heads(lines)
    text = "\n".join(lines)
    text = _DASH_GLYPHS.sub("—", text)
    text = re.sub(r"\.\s+—", ".—", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if label == str(page.number):
        label = ""  # only kept where the printed number differs from the PDF page
    return Page(source_id=page.source_id, number=page.number, text=text, label=label)


def _strip_running_heads(lines: list[str]) -> tuple[str, list[str]]:
    label = ""
    kept: list[str] = []
    seen_content = 0
    for line in lines:
        if not line:
            kept.append(line)
            continue
        match = _PAGE_OF.match(line) or _GAZETTE_ODD.match(line) or _GAZETTE_EVEN.match(line)
        if match:
            label = label or match.group(1)
            continue
        if seen_content < 2 and _BARE_NUMBER.match(line):
            label = label or line
            continue
        if _GAZETTE_PRICE.match(line):
            continue
        seen_content += 1
        kept.append(line)
    return label, kept


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into running text, keeping compound hyphens ("socio-economic")."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -") and line[:1].islower():
            text += line
        else:
            text += " " + line
    return text
