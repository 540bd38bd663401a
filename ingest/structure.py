"""Find a document's own structure: chapters, Act sections (26A.), policy sections (4.1.2)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import Page, Section

# Act sections: optional footnote marker ("1[") then "26A." or "26A," then a title ending in a
# dash: ".—", ".__" or ". -". The dash is what tells a section from its table-of-contents line.
_ACT_START = re.compile(
    r"^[“\"]?(?:\d{1,2}\s?\[|\[)?\s*(?:(\d{1,3}[A-Z]{0,2})\s*[.,]|\((\d{1,3}[A-Z]{1,2})\))\s+([A-Z“\"(][^\n]*)$"
)
_ACT_TITLE_END = re.compile(r"^(.{2,240}?)\s*[.,]?\s*(?:—|__|_|--|:-|\.-)")
_CHAPTER = re.compile(r"^(?:\d{1,2}\[|\[|[“\"])?CHAPTER[\s\-–]*([IVXLC]+[A-Z]?|\d+[A-Z]?)\s*$", re.I)
_SCHEDULE = re.compile(r"^(?:THE\s+)?SCHEDULE\b.*$", re.I)
# Policy sections: "4.1.2 Center of Excellence ..." (no dot leaders, short line).
_POLICY = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+([A-Z0-9][^\n]{1,110})$")
_NAMED = {"foreword", "acknowledgments", "acknowledgements", "preamble", "table of contents", "contents"}
# Markers that open a sub-clause: (1) (a) (iv) I. a. 1. and bullets.
SUBCLAUSE = re.compile(r"^(\(\w{1,5}\)|[IVXL]{1,5}\.|[a-z]\.|\d{1,2}\.|[•●▪\-–])\s")
# A footnote at a page's foot: its marker is glued to its first word ("1Subs. by Act No. II of 2025, s.8.").
FOOTNOTE = re.compile(r"^\d{1,2}\[?[A-Z][a-z]")


@dataclass(frozen=True)
class Line:
    page: int
    text: str


@dataclass(frozen=True)
class Heading:
    index: int
    label: str
    title: str
    level: int
    kind: str  # chapter | section (of an Act) | policy (numbered policy section) | schedule | named

    @property
    def display(self) -> str:
        if self.kind == "section":
            return f"Section {self.label}. {self.title}"
        if self.kind in ("chapter", "named", "schedule"):
            return self.title if self.kind != "chapter" else f"{self.label} – {self.title}"
        return f"{self.label} {self.title}"


@dataclass(frozen=True)
class Span:
    """Lines from one heading to the next heading of any level: a leaf for chunking."""

    heading: Heading | None
    path: tuple[str, ...]
    lines: tuple[Line, ...]


def document_lines(pages: list[Page]) -> list[Line]:
    """All non-empty page lines in reading order, blank lines kept as paragraph breaks."""
    return [Line(page.number, line.strip()) for page in pages for line in page.text.split("\n")]


def guess_style(lines: list[Line]) -> str:
    """'act' if the text has dash-terminated numbered sections, else 'policy'."""
    act = sum(1 for i in range(len(lines)) if _act_heading(lines, i))
    policy = sum(1 for line in lines if _POLICY.match(line.text) and "..." not in line.text)
    return "act" if act >= max(3, policy // 3) else "policy"


def find_headings(lines: list[Line], style: str) -> list[Heading]:
    """Headings in order; labels made unique within the document."""
    headings: list[Heading] = []
    in_schedule = False
    top = 0  # policy chapters are numbered 1, 2, 3...: anything else is a table row or list item
    contents = _contents_titles(lines)
    for i, line in enumerate(lines):
        found = _named_heading(line, i) or (
            _act_structure(lines, i, in_schedule) if style == "act" else _policy_heading(line, i, top + 1)
        )
        if found is None:
            continue
        if contents and found.kind == "policy" and "." not in found.label:
            if _title_key(found.title) not in contents:
                continue
        if found.kind == "policy" and "." not in found.label:
            top = int(found.label)
        in_schedule = in_schedule or found.kind == "schedule"
        headings.append(found)
    return _unique_labels(headings)


def _contents_titles(lines: list[Line]) -> set[str]:
    """Title keys of table-of-contents entries ("4 Policy Directives ....... 1")."""
    keys = set()
    for line in lines:
        match = re.match(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(.+?)\s*\.{4,}\s*\d+\s*$", line.text)
        if match:
            keys.add(_title_key(match.group(1)))
    return keys


def _title_key(title: str) -> str:
    return re.sub(r"[^a-z]", "", title.lower())[:14]


def _named_heading(line: Line, index: int) -> Heading | None:
    text = line.text.strip()
    if text.lower() in _NAMED:
        title = "Contents" if "contents" in text.lower() else text.title()
        return Heading(index, title, title, 1, "named")
    return None


def _act_structure(lines: list[Line], i: int, in_schedule: bool) -> Heading | None:
    text = lines[i].text
    chapter = _CHAPTER.match(text)
    if chapter:
        title, next_index = _next_text(lines, i)
        # A chapter heading counts only when a real section follows (not in the contents list).
        following = [j for j in range(next_index, min(next_index + 6, len(lines))) if lines[j].text][:3]
        if title and any(_act_heading(lines, j) for j in following):
            return Heading(i, f"Chapter {chapter.group(1).upper()}", title.title(), 1, "chapter")
        return None
    if _SCHEDULE.match(text) and len(text) < 40:
        return Heading(i, "Schedule", "Schedule", 1, "schedule")
    found = _act_heading(lines, i)
    if found:
        label, title = found
        if in_schedule:
            label = f"Schedule {label}"
        return Heading(i, label, title, 2, "section")
    return None


def _act_heading(lines: list[Line], i: int) -> tuple[str, str] | None:
    if i >= len(lines):
        return None
    start = _ACT_START.match(lines[i].text)
    if not start:
        return None
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    end = _ACT_TITLE_END.match(start.group(3) + " " + following)
    if not end:
        return None
    title = re.sub(r"\s+", " ", end.group(1)).strip(" .,“\"")
    return start.group(1) or start.group(2), title


def _policy_heading(line: Line, index: int, next_top: int) -> Heading | None:
    match = _POLICY.match(line.text)
    if not match or "..." in line.text or "…" in line.text:
        return None
    label, title = match.group(1), match.group(2).strip().rstrip(",")
    if len(title) > 75 or len(title.split()) > 12 or title.endswith(";") or not re.search(r"[A-Za-z]{3}", title):
        return None
    if "." not in label and (int(label) != next_top or not title[0].isupper()):
        return None
    return Heading(index, label, title, label.count(".") + 1, "policy")


def _next_text(lines: list[Line], i: int) -> tuple[str, int]:
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j].text:
            return lines[j].text, j
    return "", min(i + 1, len(lines))


def _unique_labels(headings: list[Heading]) -> list[Heading]:
    seen: dict[str, int] = {}
    out = []
    for h in headings:
        count = seen.get(h.label, 0) + 1
        seen[h.label] = count
        out.append(h if count == 1 else Heading(h.index, f"{h.label} #{count}", h.title, h.level, h.kind))
    return out


def split_spans(lines: list[Line], headings: list[Heading]) -> list[Span]:
    """Leaf spans between consecutive headings, each with its heading path."""
    spans: list[Span] = []
    if headings and headings[0].index > 0:
        spans.append(Span(None, ("Front matter",), tuple(lines[: headings[0].index])))
    elif not headings:
        return [Span(None, ("Front matter",), tuple(lines))]
    stack: list[Heading] = []
    for n, heading in enumerate(headings):
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
        end = headings[n + 1].index if n + 1 < len(headings) else len(lines)
        spans.append(Span(heading, tuple(h.display for h in stack), tuple(lines[heading.index : end])))
    return spans


def build_sections(doc_id: str, lines: list[Line], headings: list[Heading], labels: dict[int, str]) -> list[Section]:
    """One whole-clause record per heading: its text runs to the next heading at its level or above."""
    sections = []
    spans = split_spans(lines, headings)
    by_heading = {span.heading.index: span for span in spans if span.heading}
    for n, heading in enumerate(headings):
        end = next((h.index for h in headings[n + 1 :] if h.level <= heading.level), len(lines))
        body = [line for line in lines[heading.index : end] if line.text]
        if not body:
            continue
        text = "\n".join(p.text for p in paragraphs(body))
        sections.append(
            Section(
                doc_id=doc_id, label=heading.label, title=heading.title, heading_path=by_heading[heading.index].path,
                page_start=body[0].page, page_end=body[-1].page, text=text, page_label=labels.get(body[0].page, ""),
            )
        )
    return sections


@dataclass(frozen=True)
class Paragraph:
    page_start: int
    page_end: int
    text: str


def paragraphs(lines: list[Line] | tuple[Line, ...]) -> list[Paragraph]:
    """Group wrapped lines into paragraphs at blank lines and sub-clause markers."""
    from ingest.clean import join_lines

    out: list[Paragraph] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            out.append(Paragraph(current[0].page, current[-1].page, join_lines([l.text for l in current])))
            current.clear()

    for line in lines:
        if not line.text:
            flush()
            continue
        if current and (SUBCLAUSE.match(line.text) or _resumes_cut_sentence(out, current, line)):
            flush()
        current.append(line)
    flush()
    return _join_across_page_breaks(out)
# Where a paragraph ends a sentence, or a list item or heading ends: a page break after it is a real break.
_SENTENCE_END = re.compile(r"[.:;!?—\-–_)\]”\"']\s*$")


def _resumes_cut_sentence(out: list[Paragraph], current: list[Line], line: Line) -> bool:
    """Whether `line`, atop a new page, resumes the sentence the last paragraph left unfinished, with only the
    page's footnote (`current`) between them: the footnote is then a paragraph of its own."""
    return (line.page != current[-1].page and bool(FOOTNOTE.match(current[0].text)) and bool(out)
            and not _SENTENCE_END.search(out[-1].text) and line.text[:1].islower())


def _join_across_page_breaks(pieces: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs with a sentence cut by a page break made whole again: "... with fine which" at a page's foot and
    "may extend to ten million rupees ..." atop the next are one sentence, and a penalty split in two is quoted
    in halves. The footnotes between them follow the joined paragraph."""
    out: list[Paragraph] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        j = i + 1
        while j < len(pieces) and pieces[j].page_start == piece.page_end and FOOTNOTE.match(pieces[j].text):
            j += 1
        after = pieces[j] if j < len(pieces) else None
        if (after is not None and after.page_start > piece.page_end and after.text[:1].islower()
                and not _SENTENCE_END.search(piece.text)):
            pieces = [*pieces[:i], Paragraph(piece.page_start, after.page_end, f"{piece.text} {after.text}"),
                      *pieces[i + 1:j], *pieces[j + 1:]]
            continue  # the joined paragraph may end at another page break
        out.append(piece)
        i += 1
    return out
