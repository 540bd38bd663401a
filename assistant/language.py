"""Query language handling: script detection, tokens for keyword search, Roman-Urdu glossary."""
from __future__ import annotations

import re
import threading
import tomllib
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_TOKEN = re.compile(r"[a-z0-9]+")
# Statutes chain a rule's clauses with ";" and ":", so a passage sentence also ends there, or at a line break.
_PASSAGE_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z(“\"])|\n")

STOPWORDS = frozenset(
    "a an the of to in on for by with and or is are was were be been being what which who whom whose "
    "how when where why does do did can could should would may might shall will must this that these "
    "those it its as at from into about under any all there their they them we our you your i me my "
    "he his she her not no than then so if such per also has have had".split()
)

GLOSSARY_PATH = Path(__file__).with_name("glossary.toml")


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict[str, str]]:
    """The glossary tables ("everyday", "roman_urdu", "urdu"): a user's word -> the terms the indexed texts use."""
    return tomllib.loads(GLOSSARY_PATH.read_text(encoding="utf-8"))


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


# Two stopwords are also content words: "will" after an article or possessive is the noun ("a will or any form
# of testamentary disposition", ETO s. 31(d)), and "may" beside a number is the month ("30 May 2025"). Dropped as
# stopwords there, "Does the ETO cover wills?" meets no passage at all.
_STOPWORD_AS_CONTENT = re.compile(r"\b(?:a|the|any|his|her|their|its|such|my|our|your|every|no)\s+(will)\b"
                                  r"|\d\s+(may)\b|\b(may)\s+\d")


def keyword_tokens(text: str) -> list[str]:
    """Lower-case tokens for BM25; keeps section numbers (26a, 4.1.2 -> 4 1 2) and one-letter clauses."""
    low = text.lower()
    content_uses = {m.start(g) for m in _STOPWORD_AS_CONTENT.finditer(low) for g in (1, 2, 3) if m.group(g)}
    return [m.group() for m in _TOKEN.finditer(low) if m.group() not in STOPWORDS or m.start() in content_uses]


_STEMMERS = threading.local()


def word_stem(word: str) -> str:
    """The Snowball English stem (PyStemmer): "copied", "copies" and "copying" meet; "penalty" meets "penalties".

    The one stemmer of the project: keyword search, citation checking, topic matching and the decline
    model's word checks all use it. A Stemmer object is not thread-safe, so each thread has its own.
    """
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        import Stemmer

        stemmer = _STEMMERS.english = Stemmer.Stemmer("english")
    stem = stemmer.stemWord(word)
    # Snowball strips "-able" only past its R2 region, so "punishable" meets "punishment" but "bailable" keeps
    # its suffix and never meets "bail" ("lapsable"/"lapse", "suitable"/"suit" likewise).
    if stem.endswith(_ABLE) and len(stem) - 3 >= MIN_ABLE_ROOT:
        stem = stem[:-3]
    return stem


_ABLE = ("abl", "ibl")
# "capable", "liable", "table" keep theirs: their roots ("cap", "li", "t") are not the word.
MIN_ABLE_ROOT = 4


def stemmed_tokens(text: str) -> list[str]:
    """keyword_tokens(text), each stemmed: what the BM25 index holds and is searched with."""
    return [word_stem(t) for t in keyword_tokens(text)]


def roman_urdu_terms(text: str) -> list[str]:
    """The Roman-Urdu legal words of the glossary that the text uses."""
    table = glossary()["roman_urdu"]
    return [w for w in _TOKEN.findall(text.lower()) if w in table]


def glossary_terms(text: str) -> list[str]:
    """The statute terms for the everyday (and, in Roman Urdu, the Urdu) words the text uses, in order."""
    if is_urdu_script(text):
        table = glossary()["urdu"]
        words = _URDU_WORD.findall(text.translate(_URDU_LETTERS))
        return list(dict.fromkeys(table[w] for w in words if w in table))
    roman = glossary()["roman_urdu"]
    tables = [glossary()["everyday"]] + ([roman] if is_roman_urdu(text) else [])
    low = text.lower()
    if roman in tables:
        low = _ROMAN_URDU_DONE.sub(lambda m: _done_form(m.group(1), glossary()["everyday"], m.group(0)), low)
    # A key of several words is a phrase ("without a warrant"): it is found where it stands, like a word. So is a
    # hyphenated word ("made-up"), which the word pattern would read as two.
    phrases = [(m.start(), m.end(), table[key]) for table in tables for key in table if " " in key or "-" in key
               for m in re.finditer(_phrase_pattern(key), low)]
    found = [(start, term) for start, _, term in phrases]
    # A word inside a phrase found is read as part of it: "logs in" is signing in, not "logs".
    found += [(m.start(), table[key]) for m in _TOKEN.finditer(low)
              if not any(start <= m.start() < end for start, end, _ in phrases)
              for table in tables
              for key in [_entry_for(m.group(), table) or (_roman_urdu_spelling(m.group()) if table is roman else "")]
              if key]
    return list(dict.fromkeys(term for _, term in sorted(found, key=lambda pair: pair[0])))


# Roman Urdu tells a deed done with an English verb and "kar diya" ("data delete kar diya", "account hack kar liya"):
# the verb's past form is what the everyday table lists ("deleted": interfering with data), while its plain form
# may be another thing ("delete" a post: its removal).
_ROMAN_URDU_DONE = re.compile(r"\b([a-z]+) kar (?:diya|di|diye|dia|liya|li|liye|lia|chuka|chuki|chuke|gaya|gayi|gaye)\b")


def _done_form(verb: str, everyday: dict[str, str], phrase: str) -> str:
    """The verb's past form ("deleted", "copied") when the everyday table lists it; else the phrase as it was."""
    past = verb + "d" if verb.endswith("e") else verb[:-1] + "ied" if verb.endswith("y") else verb + "ed"
    return past if past in everyday else phrase


def _phrase_pattern(key: str) -> str:
    """A glossary phrase as it stands, or for two content words, with up to MAX_PHRASE_GAP words between them: "a fake
    copy of our bank's website" is a "fake website"."""
    words = key.split()
    if len(words) == 2 and not any(w in STOPWORDS for w in words):
        gap = rf"(?:\s+[a-z0-9'’]+){{0,{MAX_PHRASE_GAP}}}\s+"
        return rf"(?<![a-z0-9]){re.escape(words[0])}{gap}{re.escape(words[1])}(?![a-z0-9])"
    return rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])"


MAX_PHRASE_GAP = 4


def _entry_for(word: str, table: dict[str, str]) -> str:
    """The table's key for word, or for the word's singular or plural ("clients", "laptops", "grant" find "client",
    "laptop", "grants"... whichever the table lists), or ''. Other inflections are left to the table: a past
    participle says where a thing is, not what is done to it ("emails stored on our servers" is not "store"'s
    "retain"), and an -ing form may be another word ("marketing" is not "market")."""
    if word in table:
        return word
    return next((form for form in _number_forms(word) if form in table), "")


# Roman Urdu has no fixed spelling: "dahshatgardi" and "dehshatgardi", "tasveer" and "tasaveer", "qanooni" and
# "qanun" are one word. A word the glossary lacks is read as a key with the same consonants in the same order
# whose letters are close once long vowels are written short and "e" as "a". Both tests are needed: consonants
# alone join "bech" (sell) and "bacha" (child); closeness alone joins "karein" (do) and "khabrein" (news).
# Calibrated on the dev sets' Roman Urdu questions: six variants found, no wrong one (tests/test_language.py).
MIN_SPELLING_VARIANT_LENGTH = 5
MIN_SPELLING_CLOSENESS = 0.85
_VOWELS = re.compile(r"[aeiouy]")


def _spelling_key(word: str) -> str:
    """The word with doubled letters single, long vowels short ("ee" -> "i", "oo" -> "u") and "e" after the first
    letter as "a"."""
    word = re.sub(r"(.)\1+", r"\1", word.replace("ee", "i").replace("oo", "u"))
    return word[:1] + word[1:].replace("e", "a")


def _consonants(word: str) -> str:
    return word[:1] + _VOWELS.sub("", re.sub(r"(.)\1+", r"\1", word[1:]))


@lru_cache(maxsize=1)
def _roman_urdu_keys_by_consonants() -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for key in glossary()["roman_urdu"]:
        if " " not in key:
            keys.setdefault(_consonants(key), []).append(key)
    return keys


def _roman_urdu_spelling(word: str) -> str:
    """The Roman Urdu glossary key that word is another spelling of, or '' (also when two keys with different
    terms fit equally)."""
    if len(word) < MIN_SPELLING_VARIANT_LENGTH:
        return ""
    table = glossary()["roman_urdu"]
    candidates = _roman_urdu_keys_by_consonants().get(_consonants(word), [])
    close = [key for key in candidates
             if SequenceMatcher(None, _spelling_key(word), _spelling_key(key)).ratio() >= MIN_SPELLING_CLOSENESS]
    return close[0] if close and len({table[key] for key in close}) == 1 else ""


def _number_forms(word: str) -> list[str]:
    """The word's singular (as spelt regularly) and its plural."""
    forms = [word[:-3] + "y"] if word.endswith("ies") else []
    forms += [word[:-2]] if word.endswith(("ses", "xes", "ches", "shes")) else []
    forms += [word[:-1]] if word.endswith("s") and not word.endswith("ss") else []
    forms += [word[:-1] + "ies"] if word.endswith("y") else [word + "s", word + "es"]
    return [form for form in forms if len(form) >= 3]


_URDU_WORD = re.compile(r"[\u0600-\u06FF\u0750-\u077F]+")
# Arabic letter forms keyboards also produce for Urdu's yeh, keheh and heh goal.
_URDU_LETTERS = str.maketrans({"\u064A": "\u06CC", "\u0649": "\u06CC", "\u0643": "\u06A9", "\u0647": "\u06C1"})


def expand_query(text: str) -> str:
    """The text with the glossary's statute terms for its words appended (what search reads)."""
    terms = glossary_terms(text)
    return f"{text} {' '.join(terms)}" if terms else text


# A word the texts never use may be two they do, written as one: "cyberstalking" is the statutes' "cyber
# stalking", "cyberterrorism" their "cyber terrorism". Both parts must be real words of the texts; the right one
# at least MIN_COMPOUND_TAIL letters, so "laptop" is not "lap" + "top".
MIN_COMPOUND_HEAD = 3
MIN_COMPOUND_TAIL = 4


def compound_parts(word: str, known_stems: frozenset[str] | set[str]) -> tuple[str, str] | None:
    """The two known words an unknown word is made of (longest known head first), or None."""
    if word in known_stems or word_stem(word) in known_stems:
        return None
    for cut in range(len(word) - MIN_COMPOUND_TAIL, MIN_COMPOUND_HEAD - 1, -1):
        head, tail = word[:cut], word[cut:]
        if word_stem(head) in known_stems and word_stem(tail) in known_stems:
            return head, tail
    return None


def split_compounds(text: str, known_stems: frozenset[str] | set[str]) -> str:
    """The parts of the text's unknown compound words, space-separated ('' when there are none)."""
    parts = [compound_parts(w, known_stems) for w in _TOKEN.findall(text.lower()) if w.isalpha()]
    return " ".join(" ".join(p) for p in parts if p)


# A targets table's timeline cell opens the line that goes on with the next row's title: "By 2025 Higher Education
# Scholarships Currently, HEC ..." on the draft policy's page 10. The cell closes the row before it, so it is a
# sentence of its own; a lower-case word after the year ("By 2028 at Aux Centers") continues the cell.
_TIMELINE_OPENING = re.compile(r"^((?:By|Till|Until)\s+(?:19|20)\d\d)[ \t]+(?=[A-Z][\w-]*(?:[ \t]+\S+){3})", re.M)


# A policy item's marker, printed at the start of its line: "VI.", "b.", "3.". The sentence splitter leaves a bare
# one ("VI.") as a sentence of its own; the item's first sentence follows it.
ITEM_MARKER = r"(?:[IVXL]{1,5}|[a-z]|\d{1,2})\."
BARE_ITEM_MARKER = re.compile(rf"^{ITEM_MARKER}$")


def passage_sentences(text: str) -> list[str]:
    """A passage cut into sentences, stripped; empty pieces stay so positions count from the passage start."""
    return [piece.strip() for piece in _PASSAGE_SENTENCE.split(_TIMELINE_OPENING.sub("\\1\n", text))]


# A sentence whose subject is an abbreviation ("The ARD will provide regulatory support ...") speaks of what the
# sentence introducing it in brackets named: "An AI Regulatory Directorate (ARD) shall be constituted under the NCPDP".
_ABBREVIATION_OPENING = re.compile(
    r"^(?:[IVX]+\.\s+)?(?:The\s+)?(?![IVXLC]+\b)([A-Z][A-Za-z]*[A-Z](?:-[A-Z]+)?)\s+[a-z]")


def abbreviation_subject(sentence: str) -> str:
    """The bracketed form, "(ARD)", of the abbreviation a sentence opens with when the sentence does not itself
    introduce it; else ''."""
    opening = _ABBREVIATION_OPENING.match(sentence)
    introduced = f"({opening.group(1)})" if opening else ""
    return introduced if introduced and introduced not in sentence else ""
