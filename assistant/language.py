"""Query language handling: script detection, tokens for keyword search, Roman-Urdu glossary."""
from __future__ import annotations

import re

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_TOKEN = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    "a an the of to in on for by with and or is are was were be been being what which who whom whose "
    "how when where why does do did can could should would may might shall will must this that these "
    "those it its as at from into about under any all there their they them we our you your i me my "
    "he his she her not no than then so if such per also has have had".split()
)

# Roman-Urdu legal words -> the English terms the statutes use, so keyword search can match.
ROMAN_URDU_GLOSSARY: dict[str, str] = {
    "saza": "punishment imprisonment", "sazaa": "punishment imprisonment", "qaid": "imprisonment",
    "jurmana": "fine", "jurmane": "fine", "qanoon": "law act", "qanun": "law act", "dafa": "section",
    "shiq": "section", "jurm": "offence", "jaraim": "offences crimes", "jhooti": "false", "jhoothi": "false",
    "jhuti": "false", "khabar": "information news", "khabrein": "information news", "fake": "fake false",
    "tehqiqat": "investigation", "idara": "agency authority", "adalat": "court tribunal", "tribunal": "tribunal",
    "shikayat": "complaint", "data": "data", "maloomat": "information data", "raaz": "privacy confidential",
    "nijee": "personal private", "zaati": "personal", "bachon": "children child", "bachay": "child children",
    "hacking": "unauthorized access information system", "barhas": "cyberbullying", "dhamki": "threat",
    "daskhat": "signature", "dastakhat": "signature", "barqi": "electronic", "muahida": "contract",
    "policy": "policy", "masnooi": "artificial", "zahanat": "intelligence", "fund": "fund", "saal": "years",
    "mahine": "months", "din": "days", "rupay": "rupees", "lakh": "hundred thousand", "crore": "ten million",
    "social": "social", "media": "media", "platform": "platform", "register": "enlistment register",
    "appeal": "appeal", "ikhtiyar": "powers", "ikhtiyarat": "powers functions", "wazarat": "ministry",
    "hukumat": "government", "mulk": "country", "dehshatgardi": "terrorism", "nafrat": "hate",
}

ROMAN_URDU_MARKERS = frozenset(
    "kya hai hain ki ka ke mein main se ko kaun kon kitni kitna kitne kab kahan kaise kyun agar ya aur "
    "nahi nahin bataen batain batao chahiye hota hoti".split()
)


def is_urdu_script(text: str) -> bool:
    """True when most letters are Arabic-script (Urdu)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if _ARABIC_SCRIPT.match(c)) / len(letters) > 0.4


def is_roman_urdu(text: str) -> bool:
    """True when a Latin-script question uses several common Urdu function words."""
    words = _TOKEN.findall(text.lower())
    return sum(1 for w in words if w in ROMAN_URDU_MARKERS) >= 2


def keyword_tokens(text: str) -> list[str]:
    """Lower-case tokens for BM25; keeps section numbers (26a, 4.1.2 -> 4 1 2) and one-letter clauses."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


_SUFFIXES = (("ies", "y"), ("ally", "al"), ("ly", ""), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def word_stem(word: str) -> str:
    """A light suffix strip so "criminally" meets "criminal", "disclosed" meets "discloses", "penalty" "penalties"."""
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + replacement
    return word


def roman_urdu_terms(text: str) -> list[str]:
    """The Roman-Urdu legal words of the glossary that the text uses."""
    return [w for w in _TOKEN.findall(text.lower()) if w in ROMAN_URDU_GLOSSARY]


def expand_roman_urdu(text: str) -> str:
    """Append English equivalents of Roman-Urdu legal words found in the text."""
    extra = [ROMAN_URDU_GLOSSARY[w] for w in _TOKEN.findall(text.lower()) if w in ROMAN_URDU_GLOSSARY]
    return text if not extra else f"{text} {' '.join(extra)}"
