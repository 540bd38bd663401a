"""Citation cards: what each card shows, the supporting words highlighted, [n] markers linked to cards."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language import STOPWORDS
from assistant.types import Answer, Citation
from ui.safe import escape_html, escape_markdown

_MARKER = re.compile(r"\[(\d{1,2})\]")
# A claim and the run of markers after it: "Spoofing is punished. [1][2]" cites 1 and 2.
_CLAIM = re.compile(r"([^\[\]]*?)((?:\s*\[\d{1,2}\])+)")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)
# Highlighted words separated by at most this much punctuation/space are shown as one mark.
_MAX_GAP = 4


@dataclass(frozen=True)
class CitationCard:
    """Everything a citation card shows, with the quote split into (text, highlighted) segments."""

    anchor: str
    number: int
    doc_id: str
    short_name: str
    is_draft: bool
    section: str
    heading_path: str
    page: int
    page_label: str
    segments: tuple[tuple[str, bool], ...]
    # Added through the upload form or `ingest add`: shown so, never as an official text.
    is_user_added: bool = False

    @property
    def quote(self) -> str:
        return "".join(text for text, _ in self.segments)

    @property
    def highlighted(self) -> list[str]:
        """The highlighted runs, which are also what the page view looks for on the PDF page."""
        return [text for text, marked in self.segments if marked]


def anchor(turn: int, number: int) -> str:
    """The HTML id of card `number` under answer `turn`; [n] markers link here."""
    return f"cite-{turn}-{number}"


def supporting_terms(answer_text: str, number: int) -> set[str]:
    """Content words of the answer text that cites [number] (the text before each run of markers)."""
    terms: set[str] = set()
    for claim, markers in _CLAIM.findall(answer_text):
        if number in {int(n) for n in _MARKER.findall(markers)}:
            words = _WORD.findall(claim)
            terms.update(w.lower() for w in words if (len(w) > 2 or w.isupper()) and w.lower() not in STOPWORDS)
            terms.update(w for w in words if w.isdigit())
    return terms


def highlight_segments(quote: str, terms: set[str]) -> tuple[tuple[str, bool], ...]:
    """Split a quote into runs, marking runs of supporting words (short gaps between them included)."""
    tokens = _TOKEN.findall(quote)
    marked = [bool(_WORD.fullmatch(t)) and t.lower() in terms for t in tokens]
    # Join marked words across spaces and little words ("punished with imprisonment" is one mark).
    marked_at = [i for i, flag in enumerate(marked) if flag]
    for left, right in zip(marked_at, marked_at[1:]):
        gap = tokens[left + 1:right]
        words = [t for t in gap if _WORD.fullmatch(t)]
        if gap and len(words) <= 2 and all(w.lower() in STOPWORDS for w in words) \
                and all(len(t) <= _MAX_GAP and "\n" not in t for t in gap if t not in words):
            for i in range(left + 1, right):
                marked[i] = True
    segments: list[tuple[str, bool]] = []
    for token, flag in zip(tokens, marked):
        if segments and segments[-1][1] == flag:
            segments[-1] = (segments[-1][0] + token, flag)
        else:
            segments.append((token, flag))
    return tuple(segments)


def build_cards(result: Answer, turn: int) -> list[CitationCard]:
    """One card per citation of an answer, in citation order."""
    return [card_for(c, result.text, turn) for c in result.citations]


def card_for(citation: Citation, answer_text: str, turn: int) -> CitationCard:
    """The card of one citation; its highlighted words are those the answer relies on."""
    terms = supporting_terms(answer_text, citation.number)
    return CitationCard(
        anchor=anchor(turn, citation.number), number=citation.number, doc_id=citation.doc_id,
        short_name=citation.short_name, is_draft=citation.doc_status.value in ("draft", "bill"),
        section=citation.section, heading_path=" › ".join(citation.heading_path), page=citation.page,
        page_label=citation.page_label, segments=highlight_segments(citation.quote, terms),
        is_user_added=citation.doc_status.value == "user-added",
    )


def link_markers(text: str, turn: int, numbers: set[int]) -> str:
    """Answer text as safe Markdown, each [n] that has a card turned into a link to that card."""
    out: list[str] = []
    position = 0
    for match in _MARKER.finditer(text):
        out.append(escape_markdown(text[position:match.start()]))
        number = int(match.group(1))
        label = f"\\[{number}\\]"
        out.append(f"[{label}](#{anchor(turn, number)})" if number in numbers else label)
        position = match.end()
    out.append(escape_markdown(text[position:]))
    return "".join(out)


def card_html(card: CitationCard) -> str:
    """The card body as HTML; every piece of document text is escaped, marks are ours."""
    draft = ('<span class="pa-draft" title="2023 public-consultation draft, not the approved policy">'
             "DRAFT</span>") if card.is_draft else ""
    if card.is_user_added:
        draft = ('<span class="pa-draft" title="added by a user of this deployment; not an official text">'
                 "USER-ADDED, UNVERIFIED</span>")
    printed = f" (printed p. {escape_html(card.page_label)})" if card.page_label else ""
    quote = "".join(f"<mark>{escape_html(text)}</mark>" if marked else escape_html(text) for text, marked in card.segments)
    return (
        f'<div class="pa-card" id="{escape_html(card.anchor)}">'
        f'<div class="pa-head"><span class="pa-num">[{card.number}]</span> '
        f'<b>{escape_html(card.short_name)}</b> {draft}</div>'
        f'<div class="pa-where">Section {escape_html(card.section)} · PDF page {card.page}{printed}</div>'
        f'<div class="pa-path">{escape_html(card.heading_path)}</div>'
        f'<blockquote class="pa-quote">{quote}</blockquote></div>'
    )


CARD_CSS = """<style>
.pa-card{border-left:4px solid #2e7d32;padding:2px 10px;margin:0 0 4px 0;font-size:0.92rem}
.pa-head{font-size:1rem}.pa-num{color:#555;font-weight:600}
.pa-draft{background:#c62828;color:#fff;border-radius:4px;padding:1px 6px;font-size:0.75rem;font-weight:700;letter-spacing:.05em}
.pa-where{color:#333;margin-top:2px}.pa-path{color:#666;font-size:0.85rem}
.pa-quote{margin:6px 0;padding:4px 8px;border-left:2px solid #ccc;color:#222;white-space:pre-wrap}
.pa-quote mark{background:#fff176;padding:0 1px}
/* The page view stays in sight while the chat scrolls. */
div[data-testid="stColumn"]:has(.pa-viewer){position:sticky;top:3.5rem;align-self:flex-start;max-height:calc(100vh - 4.5rem);overflow-y:auto}
</style>"""
