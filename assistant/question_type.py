"""What kind of answer a question expects (a figure, a penalty, a current fact), and whether a text has one.

Used twice: the extractive generator prefers sentences of the expected kind, and answer() declines
when the checked answer lacks what the question asks for (a fee with no amount in any passage is
"not in the documents", not the nearest sentence about fees).
"""
from __future__ import annotations

import re
from enum import StrEnum


class Expected(StrEnum):
    QUANTITY = "quantity"      # how many / how long / within how many days / what share
    AMOUNT = "amount"          # a fee, fine, capital or other sum of money
    PERCENT = "percent"
    PENALTY = "penalty"        # punishment: imprisonment and/or fine
    WORLD_STATE = "world_state"  # who holds an office now, statistics so far: laws do not record these
    OTHER = "other"


_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                 r"hundred|thousand|lakh|million|billion|crore|half|double")
_QUANTITY_TEXT = re.compile(rf"\d|\b({_NUMBER_WORDS})\b|[۰-۹]", re.I)
_AMOUNT_TEXT = re.compile(rf"(rs\.?|rupees?|pkr|\$|usd)\s*\d|\d[\d,.]*\s*(rupees|million|billion|lakh|crore|pkr)"
                          rf"|\b({_NUMBER_WORDS})\b[\w\s-]{{0,30}}\brupees\b", re.I)
_PERCENT_TEXT = re.compile(r"\d\s*%|\bper\s?cent\b|\bpercent\b", re.I)
_NOT_A_FIGURE = re.compile(r"\(\d+[A-Za-z]?\)|\b(sections?|sub-sections?|clauses?|chapter|act|ordinance|no\.)\s*[\dIVXL]+\w*"
                           r"|\b(of|,)\s*(19|20)\d\d\b|\[\d+[A-Z]*", re.I)
_PENALTY_TEXT = re.compile(r"\b(imprisonment|fine|punish\w*|penalt\w*)\b", re.I)

_WORLD_STATE = re.compile(
    r"\b(who is the current|who currently|currently (heads|leads|chairs)|so far|to date|till now|until now|"
    r"as of (now|today)|in practice|how many (\w+ ){0,4}(have|has|did|were) (\w+ ){0,3}"
    r"(register|enlist|file|report|arrest|convict|block|issue|license|receive)\w*)\b", re.I)
_PERCENT_Q = re.compile(r"\b(percentage|per ?cent|percent)\b|%", re.I)
_AMOUNT_Q = re.compile(r"\b(fee|fees|capital|cost|costs|price|how much money|amount of money|paid-up)\b", re.I)
_PENALTY_Q = re.compile(r"\b(punish\w*|penalt\w*|sentence|jail|imprison\w*|saza|sazaa)\b|سزا", re.I)
_QUANTITY_Q = re.compile(r"\b(how many|how much|how long|within how|what share|what proportion|kitne|kitni|kitna)\b"
                         r"|کتنے|کتنی|کتنا", re.I)


# answer.rewrite_follow_up appends the previous question after this marker; its words say what the
# follow-up is about, not what kind of answer it wants.
CONTEXT_MARKER = " (about: "


def expected_answer(question: str) -> Expected:
    """The kind of answer the question asks for, most specific first."""
    question = question.split(CONTEXT_MARKER)[0]
    if _WORLD_STATE.search(question):
        return Expected.WORLD_STATE
    if _PERCENT_Q.search(question):
        return Expected.PERCENT
    if _AMOUNT_Q.search(question):
        return Expected.AMOUNT
    if _PENALTY_Q.search(question):
        return Expected.PENALTY
    if _QUANTITY_Q.search(question):
        return Expected.QUANTITY
    return Expected.OTHER


def has_expected(text: str, expected: Expected, question: str = "") -> bool:
    """Whether text contains an answer of the expected kind (numbers the question itself states do not count)."""
    if expected in (Expected.OTHER, Expected.WORLD_STATE):
        return bool(text.strip())
    if expected is Expected.PENALTY:
        return bool(_PENALTY_TEXT.search(text))
    # Sub-clause numbers "(2)" and cross-references "section 24" are not figures that answer anything.
    text = _NOT_A_FIGURE.sub(" ", text)
    own = set(re.findall(r"\d+", question))
    text = re.sub(r"\d+", lambda m: "" if m.group() in own else m.group(), text)
    if expected is Expected.PERCENT:
        return bool(_PERCENT_TEXT.search(text))
    if expected is Expected.AMOUNT:
        return bool(_AMOUNT_TEXT.search(text))
    return bool(_QUANTITY_TEXT.search(text))


_VERSION_Q = re.compile(
    r"\b(which|what) (version|edition|text)\b|\bversion of\b"
    r"|(?<!what )(?<!which )\b(is|are) (the|this|your|these) .{0,60}\b(final|approved|draft|up[- ]to[- ]date|latest|in force)\b"
    r"|\b(your|the indexed|in your library|you have)\b.{0,60}\b(include|final|approved|version|amendments?)\b"
    r"|\b(does|do) (your|the indexed|this) .{0,40}\b(include|contain|have)\b.{0,40}\bamendments?\b", re.I)


def asks_about_version(question: str) -> bool:
    """'Is the AI policy final?', 'which version of PECA do you have?': a question about the library's copies."""
    return bool(_VERSION_Q.search(question.split(CONTEXT_MARKER)[0]))


_PART_BOUNDARY = re.compile(
    r"\?\s+(?=\S)|;\s+|,?\s+and\s+(?=(what|which|who|whom|how|when|where|whether|is|are|does|do|can|for what|"
    r"in what|by when|within)\b)", re.I)


def question_parts(question: str) -> list[str]:
    """The separate asks of a compound question ("Who heads X, and for what term?"), or the question itself."""
    own = question.split(CONTEXT_MARKER)[0]
    pieces = [p.strip(" ,?") for p in _PART_BOUNDARY.split(own) if p and p.strip(" ,?")]
    # re.split also returns the captured wh-word; keep only real pieces of three words or more.
    parts = [p for p in pieces if len(p.split()) >= 3]
    return parts if len(parts) >= 2 else [question]
