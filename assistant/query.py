"""The question, analysed once: its own words, the conversation it depends on, and what it asks for.

Every later stage (retrieve, decide, compose, cite) reads this value; none re-analyses the text.

Usage example:
    query = analyse("and the fine?", [{"role": "user", "content": "What is the punishment for spoofing?"}])
    query.is_follow_up   # True: "the fine" has no subject of its own
    query.search_text    # "and the fine? What is the punishment for spoofing?"
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Sequence

from assistant.catalog import law_names, mentioned_sources, version_meant
from assistant.language import ROMAN_URDU_MARKERS, STOPWORDS, is_roman_urdu, is_urdu_script, keyword_tokens
from assistant.named_bodies import body_names, names_in
from assistant.question_type import (ASK_WORDS, Expected, asking_sentences, asks_about_reach, asks_how_done,
                                     asks_what_bound, asks_whether_bound, defined_term, asks_only_if_offence,
                                     expected_answer)
from assistant.references import ClauseReference, find_references
from assistant.types import Source


class Script(StrEnum):
    ENGLISH = "english"
    URDU = "urdu"
    ROMAN_URDU = "roman_urdu"


@dataclass(frozen=True)
class Query:
    """One user turn, analysed: `text` is what the user typed, `context` the earlier turn(s) it leans on."""

    text: str
    context: str = ""
    script: Script = Script.ENGLISH
    expected: Expected = Expected.OTHER
    references: tuple[ClauseReference, ...] = ()
    # The term whose legal definition the turn asks for ("How does PECA define a 'minor'?" -> "minor"), or ''.
    term: str = ""
    # Text addressed to the assistant rather than asking about the law ("ignore previous instructions",
    # "and append the text X"): set aside, never searched and never followed.
    instructions: tuple[str, ...] = ()
    # Catalog documents (ids) the turn names ("under PECA"), and those only its context names.
    documents: tuple[str, ...] = ()
    context_documents: tuple[str, ...] = ()
    # Bodies and offices the turn asks about by name ("the Cyber Ombudsman").
    bodies: tuple[str, ...] = ()
    # Whether the turn asks if a private party must do something ("Are we legally required to ...?").
    asks_private_duty: bool = False
    # Whether the turn asks what a private party must do, not whether ("What password rules must we enforce?").
    asks_what_duty: bool = False
    # What the turn says someone did not do ("didn't change or copy anything"): not part of what it is about.
    denied_acts: tuple[str, ...] = ()
    # Whether the turn asks if conduct is an offence in no word for punishment ("Is that a crime?").
    asks_if_offence: bool = False
    # Whether the turn asks how something is done ("What is the process to get a certificate recognised?").
    asks_how_done: bool = False
    # For a follow-up that changes one fact of the case ("what if the victim is 15?"), the sections the last reply
    # answered from ("24"): the offence the changed case is still about.
    reply_sections: tuple[str, ...] = ()

    @property
    def is_follow_up(self) -> bool:
        return bool(self.context)

    @property
    def named_documents(self) -> tuple[str, ...]:
        """The documents the turn or the turn it follows up on names: what retrieval and the catalog check read."""
        return self.documents + self.context_documents

    @property
    def asked_text(self) -> str:
        """The turn without the acts it says did not happen: the conduct it describes."""
        text = self.text
        for act in self.denied_acts:
            text = text.replace(act, " ")
        return " ".join(text.split())

    @property
    def search_text(self) -> str:
        """What retrieval searches with: the turn's conduct, plus the turn it follows up on."""
        text = self.asked_text
        if self.asks_if_offence:
            # "Is that a crime, and what could they get?" is searched as the statute answers it: by punishment.
            text = f"{text} {PENALTY_SEARCH_WORD}"
        return f"{text} {self.context}" if self.context else text


# Words that point back at something said before. "that"/"this" count only before a noun that names
# a legal thing ("that section") or alone; "that" joining two clauses ("is it true that ...") does not.
_POINTERS = frozenset("it its they them their he she him her the_same such above former latter".split())
_DEMONSTRATIVES = frozenset("that this these those".split())
# Demonstrative + a legal thing ("that section", "the same offence") always refers to an earlier turn.
_REFERRING = re.compile(r"\b(that|this|these|those|the same|such|the said|the above)\s+(sections?|clauses?|provisions?|"
                        r"offen[cs]es?|acts?|laws?|crimes?|rules?|penalt(y|ies)|punishments?|bod(y|ies)|authority|"
                        r"tribunals?|policy|document|ordinance|case|duty|duties|obligations?|requirements?)\b", re.I)
# "its board", "their decisions": whose? A possessive pronoun needs an earlier turn unless its owner is named
# before it in the same turn ("can someone be forced to reveal the key behind their signature?").
_POSSESSIVE = re.compile(r"\b(its|their)\b", re.I)
# "Is it a crime to ...", "is it legal", "does it matter": a dummy "it", followed by one of these, refers to nothing.
_DUMMY_IT_FOLLOWERS = ("a", "an", "legal", "illegal", "true", "possible", "necessary", "mandatory", "compulsory",
                       "required", "allowed", "matter", "matters")
# A pronoun standing for a noun names nothing of its own, however many other words the turn has: after a
# preposition ("accused of that", "appeal against it") or closing a clause ("which court tries that?").
_PREPOSITIONS = ("of", "for", "about", "with", "under", "against", "to", "on", "from", "by", "into", "behind", "over",
                 "at", "after", "before", "without", "within", "through", "toward", "towards", "upon", "onto", "via",
                 "beyond", "around", "across", "like", "despite", "regarding", "concerning", "in", "inside")
_PRONOUN_OBJECT = re.compile(
    rf"\b(?:{'|'.join(_PREPOSITIONS)})\s+(?:that|this|it|them)\b(?=\s*(?:[,?.!;]|$)|\s+(?:and|or|but|"
    r"get|gets|be|is|are|was|were|has|have|can|could|would|will|should|must|may|in|under|too|also)\b)"
    r"|\b(?:that|this)\s*[?,!]", re.I)
# A demonstrative before any noun ("is that number", "this fund") points back too. "that" counts only where a
# relative or a conjunction cannot stand: opening the turn, or after an auxiliary or a preposition ("a story
# that turns out", "true that PECA ..." are not references).
_DEMONSTRATIVE_NOUN = re.compile(
    r"(?:^|\b(?:is|are|was|were|does|do|did|will|would|can|could|should|of|for|in|on|about|under|with|to|from|by|"
    r"against|and)\s+)that\s+(?!_)|\b(?:this|these|those)\s+(?!_)", re.I)
_NOT_A_NOUN = frozenset(
    "the a an it he she they we you i our his her their its is are was were be will would can could should must may "
    "has have had does do did if when there no any all some every".split())
# Function words beyond STOPWORDS that carry no subject ("does that apply to companies too?").
_FILLER = frozenset("too either again else well just only still even yes please tell explain against over through "
                    "within without between after before during upon onto via regarding concerning "
                    # fragments of contractions ("doesn't" -> "doesn") and verbs any question may use
                    "doesn don isn aren wasn weren didn won shouldn couldn wouldn happen happens".split())
# Roman Urdu's pointers: possessives ("iski saza" is "its punishment") and demonstratives before a noun ("ye data",
# "this data"). "is", "us", "in" and "un" are read so only in a turn that is Roman Urdu by its function words.
_ROMAN_URDU_POSSESSIVES = frozenset("iska iski iske uska uski uske inka inki inke unka unki unke".split())
_ROMAN_URDU_DEMONSTRATIVES = frozenset("ye yeh yah wo woh".split())
_ROMAN_URDU_SHORT_DEMONSTRATIVES = frozenset("is us in un".split())
_CONTINUATIONS = re.compile(r"^\s*(and|also|then|so|but|what about|how about|same for|what if)\b", re.I)
_WORDS = re.compile(r"[a-z]+(?:'[a-z]+)?")
_CONDITION_ON_THE_LAST = re.compile(r"^\s*(?:and|but|or|so)\s*,?\s+(?:what\s+)?(?:if|suppose)\b", re.I)
# A turn that is a condition ("what if it's my 15-year-old sister?", "and if the victim is 15?", "suppose he
# deleted it") asks the last question again with one fact changed; "what about cyber stalking?" asks it of
# something else.
_CONDITION = re.compile(r"^\s*(?:(?:and|but|or|so)\s*,?\s+)?(?:what\s+)?(?:if|suppose|supposing)\b", re.I)
# A turn with fewer own subject words than this leans on the conversation for its subject. Set on the
# follow-up and topic-change cases in tests/test_query.py: "who hears appeals against it?" has 2,
# "What is the punishment for hacking into a bank's computer system?" has 5.
MIN_OWN_SUBJECT_WORDS = 3


def subject_words(text: str) -> list[str]:
    """Content words that say what a question is about: not function words, pointers or what-is-asked words."""
    return [w for w in keyword_tokens(text)
            if len(w) > 2 and not w.isdigit() and w not in ASK_WORDS and w not in _POINTERS and w not in _FILLER]


PENALTY_SEARCH_WORD = "punishment"
# "He didn't copy anything", "an outsider broke in but did not change anything": an act a third party did not do is
# no part of the conduct a question describes, and its words pull retrieval to the offence of doing it (copying, not
# access). Only a past act denied of someone other than the asker counts: "we didn't register" and "what if the
# platform doesn't comply?" describe an omission, which is the question's subject.
_DENIED_ACT = re.compile(r"\b(?:did\s+not|didn'?t|did\s+never)\s+[^.;:!?,]+", re.I)
# The subject nearest before the denial, read from the words that can be one.
_SUBJECT_PRONOUN = re.compile(r"\b(we|i|he|she|they|someone|somebody|anyone|anybody)\b", re.I)
_SENTENCE_START = re.compile(r"[.;:!?]\s+")


# Roman Urdu puts the denial after the act: "lekin kuch badla ya copy nahi kiya" (but changed or copied nothing).
# The act runs from the clause's start (a comma or "lekin"/"magar", but) to a past "nahi kiya"; "nahi karte" (do
# not) is present, the question's subject as in English. The doer is marked by "ne": "hum ne"/"main ne" is the
# asker.
_BUT = r"\b(?:lekin|magar|balke)\b"
_DENIED_ACT_ROMAN_URDU = re.compile(rf"(?:(?<=[,.;:!?])|{_BUT}|^)\s*((?:(?!{_BUT})[^,.;:!?])*?\b(?:nahi|nahin|nahee|na)"
                                    r"\s+(?:kiya|kia|kiye|kie|ki|kee)\b)", re.I)
_ROMAN_URDU_SUBJECT = re.compile(r"\b(\w+)\s+ne\b|\b(maine|humne|hamne)\b", re.I)
_ROMAN_URDU_ASKER = frozenset({"hum", "ham", "main", "mein", "maine", "humne", "hamne"})


def denied_acts(text: str) -> tuple[str, ...]:
    """The spans of the turn that say a third party did not do something ("didn't change or copy anything", Roman
    Urdu "kuch copy nahi kiya")."""
    spans = []
    for match in _DENIED_ACT.finditer(text):
        before = _SENTENCE_START.split(text[:match.start()])[-1]
        subjects = _SUBJECT_PRONOUN.findall(before)
        if subjects and subjects[-1].lower() in ("we", "i"):
            continue
        spans.append(match.group().strip())
    if is_roman_urdu(text):
        for match in _DENIED_ACT_ROMAN_URDU.finditer(text):
            before = _SENTENCE_START.split(text[:match.end(1)])[-1]
            doers = [a or b for a, b in _ROMAN_URDU_SUBJECT.findall(before)]
            if doers and doers[-1].lower() in _ROMAN_URDU_ASKER:
                continue
            spans.append(match.group(1).strip())
    return tuple(spans)


def points_back(text: str) -> bool:
    """True when the turn uses a pronoun, 'the same', or a demonstrative that is not a conjunction."""
    words = _WORDS.findall(text.lower().replace("the same", "the_same"))
    for n, word in enumerate(words):
        if word in _POINTERS:
            # "Is it a crime to ..." / "is it legal": a dummy subject, not a reference.
            if word == "it" and n + 1 < len(words) and words[n + 1] in _DUMMY_IT_FOLLOWERS:
                continue
            return True
        if word in _DEMONSTRATIVES:
            following = words[n + 1] if n + 1 < len(words) else ""
            # "that" followed by a subject + verb is a conjunction ("true that hacking is ..."); before a
            # noun or at the end it points back ("that section", "does that apply").
            if word == "that" and following and following not in STOPWORDS and n > 0 and words[n - 1] in (
                    "true", "say", "says", "said", "mean", "means", "state", "states", "provide", "provides"):
                continue
            return True
    return False


def needs_context(text: str) -> bool:
    """A turn is a follow-up only when it cannot stand alone.

    It cannot when it has no subject word at all ("and the fine?"), when it refers to something named
    before ("that section", "its board"), when it continues ("and ...") and uses a pronoun, or when it points
    back (a pronoun) or continues ("what about ...") with fewer than MIN_OWN_SUBJECT_WORDS subject words of its
    own. A turn that names its own clause stands alone unless it refers back.
    """
    if _NEW_TOPIC.match(text):
        # The user says the turn starts a new topic: its pronouns stand for what it names itself ("Changing topic:
        # when is an email considered received by them?").
        return False
    text = without_opener(text)
    own = subject_words(text)
    if _points_back_in_roman_urdu(text):
        return True
    if not own or _REFERRING.search(text) or _owner_is_earlier(text) or _pronoun_is_earlier(text) \
            or _PRONOUN_OBJECT.search(text) or _points_at_a_noun(text):
        return True
    if _CONTINUATIONS.match(text) and _PERSONAL_PRONOUN.search(text):
        # A turn that goes on from the last ("And ...", "So ...") and speaks of "they" or "it" leans on what was
        # said however much it names itself: "And can we get a copy of our data back while they hold it?"
        return True
    if _CONDITION_ON_THE_LAST.match(text):
        # "And if the victim is my 16-year-old son?" changes one fact of the case just discussed: whatever it names,
        # it asks the last question again under that condition.
        return True
    if find_references(text):
        return False
    leans = points_back(text) or bool(_CONTINUATIONS.match(text))
    return leans and len(own) < MIN_OWN_SUBJECT_WORDS


def _points_back_in_roman_urdu(text: str) -> bool:
    """Whether a Roman Urdu turn uses a possessive pronoun, or a demonstrative before a word that is not an Urdu
    function word ("ye data", not "ye kya hai")."""
    words = _WORDS.findall(text.lower())
    demonstratives = _ROMAN_URDU_DEMONSTRATIVES | (_ROMAN_URDU_SHORT_DEMONSTRATIVES if is_roman_urdu(text) else set())
    return any(word in _ROMAN_URDU_POSSESSIVES
               or (word in demonstratives and n + 1 < len(words) and words[n + 1] not in ROMAN_URDU_MARKERS)
               for n, word in enumerate(words))


def _owner_is_earlier(text: str) -> bool:
    """Whether a possessive pronoun's owner must come from an earlier turn: fewer than MIN_OWN_SUBJECT_WORDS
    subject words precede it ("who chairs its board?", "under PECA, who appoints its members?")."""
    return any(len(subject_words(text[:match.start()])) < MIN_OWN_SUBJECT_WORDS for match in _POSSESSIVE.finditer(text))


# A pronoun for a thing or a body in any place of the turn, the ask's subject ("how quickly does it have to decide?",
# "can they be reappointed?") or its object ("who manages it day to day?"); a person's only as the ask's subject
# ("can he appeal?"): "someone leaked her pictures" speaks of a person the scenario itself brings in.
_PERSONAL_PRONOUN = re.compile(
    rf"(?:\b(?:it|they|them)\b|\b(?:does|do|did|is|are|was|were|can|could|will|would|should|must|may|might|has|have|"
    rf"had|shall)\s+(?:he|she)\b)(?!\s+(?:{'|'.join(_DUMMY_IT_FOLLOWERS)})\b)", re.I)


def _pronoun_is_earlier(text: str) -> bool:
    """Whether a personal pronoun stands for something the turn does not name before it: fewer than
    MIN_OWN_SUBJECT_WORDS subject words precede it ("who manages it day to day, and will its accounts be
    audited?" has many words of its own, all after "it"). As for a possessive or a pronoun subject."""
    return any(len(subject_words(text[:match.start()])) < MIN_OWN_SUBJECT_WORDS
               for match in _PERSONAL_PRONOUN.finditer(text))


def _points_at_a_noun(text: str) -> bool:
    for match in _DEMONSTRATIVE_NOUN.finditer(text.strip()):
        following = _WORDS.match(text.strip().lower(), match.end())
        if following and len(following.group()) >= 3 and following.group() not in _NOT_A_NOUN:
            return True
    return any(match.group(1).lower() not in _NOT_A_NOUN and match.group(1).lower() not in STOPWORDS
               for match in _THAT_NOUN_ENDING_A_CLAUSE.finditer(text))


# "Who would actually run that fund?": after a verb, "that" and one singular noun closing the clause point back. A
# relative "that" is followed by its verb, which in that place ends in -s or -ed ("a law that applies?", "the data
# that leaked?"); a conjunction "that" by a whole clause ("says that hacking is a crime").
_THAT_NOUN_ENDING_A_CLAUSE = re.compile(
    r"\bthat\s+([a-z]{3,}?(?<![^s]s)(?<!ed))\s*(?:[?.!,;:]|$|\s(?:and|or|but|too|now)\b)", re.I)


def conversation_turns(history: Sequence[object]) -> list[dict]:
    """The history as role-and-content turns. A plain string is a user's earlier question (a caller may keep only
    those); an entry with no role or no text is left out rather than failing the answer."""
    turns = []
    for turn in history or ():
        if isinstance(turn, str):
            turn = {"role": "user", "content": turn}
        if (isinstance(turn, dict) and turn.get("role") in ("user", "assistant")
                and isinstance(turn.get("content"), str)):
            turns.append(turn)
    return turns


def conversation_context(history: Sequence[dict], sources: Sequence[Source] = ()) -> str:
    """The user turns since the last one that stood alone, oldest first, then what the last reply named: what a
    follow-up is about. "Who accredits certification service providers?" is answered "the Electronic
    Certification Accreditation Council"; "what is its composition?" asks about the Council, which no user turn
    names."""
    turns = [t["content"].strip() for t in history if t.get("role") == "user" and str(t.get("content", "")).strip()]
    context: list[str] = []
    for turn in reversed(turns):
        context.insert(0, turn)
        if not needs_context(turn):
            break
    return " ".join(context + list(reply_subjects(history, sources)))


# The opening of a reply says what it is about; a quoted section's later sentences name other bodies in passing
# ("... in consultation with the Chief Justice of respective High Court").
REPLY_OPENING_SENTENCES = 2
# A question that asks to identify something ("Which agency investigates ...?", "Who accredits ...?", "What is
# CoE-AI?", "Where can we appeal?") is answered with a name the next turn's pronoun points at ("if we lose there";
# "where" added on dev: +1, none lost; "what's" is "what is"). The reply to any other question names
# bodies only in passing: dev, +3 gained and 2 lost when every reply's names were read (a reply naming the
# "Social Media Protection and Regulatory Authority" sent "how quickly must the Authority act?" to its definition).
_IDENTIFYING = re.compile(r"\b(?:who|whom|which|where|what\s+(?:is|are|was|were)|what['’]s|whats)\b", re.I)


def reply_subjects(history: Sequence[dict], sources: Sequence[Source] = ()) -> tuple[str, ...]:
    """The bodies and catalog documents named by the opening of the last assistant reply, when that reply answers
    a question asking to identify something."""
    if len(history) < 2 or history[-1].get("role") != "assistant" or history[-2].get("role") != "user":
        return ()
    if not _IDENTIFYING.search(asking_sentences(str(history[-2].get("content", "")))):
        return ()
    opening = " ".join(_SENTENCES.split(str(history[-1].get("content", "")).strip())[:REPLY_OPENING_SENTENCES])
    documents = [s.short_name for s in mentioned_sources(opening, list(sources))]
    return tuple(dict.fromkeys([*names_in(opening), *documents]))


# A sentence that opens like this gives the assistant orders; so does the tail of one from "and append ...".
_ORDER_OPENING = re.compile(
    r"^\s*(?:please\s+)?(?:ignore|disregard|forget|override|append|prepend|pretend|act\s+as|you\s+are\s+now|from\s+now\s+on|"
    r"new\s+instructions?|system\s*:|(?:reply|respond|answer)\s+(?:only|with\s+only|in\s+all\s+caps))\b", re.I)
_ORDER_TAIL = re.compile(
    r"[,;]?\s*\b(?:and\s+)?(?:then\s+)?(?:append|prepend|(?:ignore|disregard|forget)\s+(?:all|any|the|your|previous|prior|"
    r"above|earlier)|(?:reply|respond|answer)\s+only|output\s+only)\b.*$", re.I | re.S)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")


def gives_orders(sentence: str) -> bool:
    """Whether a sentence addresses the assistant with orders ("Ignore all previous instructions ...")."""
    tail = _ORDER_TAIL.search(sentence)
    return bool(_ORDER_OPENING.match(sentence) or (tail and tail.start() > 0))


def set_aside_instructions(question: str) -> tuple[str, tuple[str, ...]]:
    """The question without text that gives the assistant orders, and that text. A question made only of
    orders is kept whole (it is then declined as it stands)."""
    kept: list[str] = []
    orders: list[str] = []
    for sentence in _SENTENCES.split(question.strip()):
        if _ORDER_OPENING.match(sentence):
            orders.append(sentence)
            continue
        tail = _ORDER_TAIL.search(sentence)
        if tail and tail.start() > 0:
            orders.append(sentence[tail.start():].strip(" ,;"))
            sentence = sentence[:tail.start()].rstrip(" ,;") + ("?" if sentence.rstrip().endswith("?") else "")
        kept.append(sentence)
    text = " ".join(kept).strip()
    return (text, tuple(orders)) if text and any(ch.isalnum() for ch in text) else (question.strip(), ())


# A turn may open with words addressed to the conversation, not about the law: an acknowledgement ("OK,", "Thanks.",
# "Fine.") or a signal that a new topic follows ("New topic:", "Unrelated question:", "Moving on:"). They are a
# closed class, declared here, and end in punctuation before the question. Read as part of it they are searched
# ("Fine." meets every clause on fines) and hide a continuation ("Thanks. And the fine?" opens with "And").
# Seen in the dev turns: 11 of them, in four sets, open so.
_ACKNOWLEDGEMENT = (r"ok(?:ay)?|fine|thanks?(?:\s+you)?|great|good|nice|perfect|cool|sure|alright|all\s+right|got\s+it|"
                    r"i\s+see|noted|understood|makes\s+sense|shukriya|theek\s+hai|ach+a")
_TOPIC_SIGNAL = (r"(?:(?:a\s+)?(?:new|different|another|unrelated|separate|other|next|one\s+more|last|final|quick)\s+"
                 r"(?:topic|question|subject|thing|one)|moving\s+on|changing\s+(?:the\s+)?(?:topic|subject)|"
                 r"separately|unrelated|next)")
# Typed without a stop before "and"/"so" ("ok and who runs it?"), an acknowledgement is known by words that can
# only acknowledge: "good and bad uses of AI" and "fine and imprisonment" begin questions.
# The signals that say the turn starts a new topic, not merely another question ("next question: and its fine?"):
# a different, unrelated or separate question, thing or point is not about the last one; another or a next one may be.
_NEW_TOPIC = re.compile(
    rf"^\s*(?:(?:{_ACKNOWLEDGEMENT})\s*[.!:,;\u2014\u2013-]+\s*)*(?:(?:a\s+|on\s+(?:a(?:n)?\s+)?)?(?:new|different|"
    r"another|unrelated|separate|other)\s+(?:topic|subject|matter|note)|(?:(?:a\s+|on\s+a\s+)?(?:different|unrelated|"
    r"separate)\s+(?:question|thing|point|issue))|changing\s+(?:the\s+)?(?:topic|subject)|"
    r"moving\s+on|separately|unrelated)\b", re.I)
_ACKNOWLEDGEMENT_ONLY = (r"ok(?:ay)?|thanks?(?:\s+you)?|alright|all\s+right|got\s+it|i\s+see|noted|understood|"
                         r"shukriya|ach+a")
_OPENER = re.compile(rf"^\s*(?:(?:{_ACKNOWLEDGEMENT}|{_TOPIC_SIGNAL})\s*[.!:,;\u2014\u2013-]+\s*"
                     rf"|(?:{_ACKNOWLEDGEMENT_ONLY})\s+(?=(?:and|so|but|then)\b))+(?=\w)", re.I)


def without_opener(text: str) -> str:
    """The turn without the acknowledgement or topic signal it opens with ("Fine. Who sits on ...?" -> "Who
    sits on ...?"; "New topic: who ...?" -> "Who ...?", as the question is typed alone: the multilingual model
    reads case); the turn itself when nothing would be left."""
    rest = _OPENER.sub("", text, count=1)
    return rest[:1].upper() + rest[1:] if rest and rest != text else text


def script_of(text: str) -> Script:
    if is_urdu_script(text):
        return Script.URDU
    return Script.ROMAN_URDU if is_roman_urdu(text) else Script.ENGLISH


def analyse(question: str, history: Sequence[dict] = (), context: str | None = None,
            sources: Sequence[Source] = ()) -> Query:
    """The Query for one turn. Context comes from the history only when the turn cannot stand alone.

    `context` overrides the history (an LLM rewrite that already made the turn standalone passes "").
    `sources`, the catalog, lets the documents the turn names be found.
    """
    text, instructions = set_aside_instructions(question)
    if context is None:
        # Read with its opener: "New topic:" is the user saying the turn stands alone.
        context = conversation_context(history, sources) if history and needs_context(text) else ""
    text = without_opener(text)
    expected = expected_answer(text)
    if expected is Expected.OTHER and context and _CONTINUATIONS.match(text):
        # "and for companies?" / "what about stalking?" asks the earlier question again about something
        # else; "Is that offence bailable?" asks something new and keeps its own kind.
        expected = expected_answer(context)
    references = tuple(find_references(text)) or (tuple(find_references(context)) if context else ())
    query = Query(text=text, context=context, script=script_of(text), expected=expected, references=references,
                  term=defined_term(text), instructions=instructions, bodies=body_names(text),
                  asks_private_duty=asks_whether_bound(text) and not asks_about_reach(text, law_names(text, sources)),
                  asks_what_duty=asks_what_bound(text),
                  denied_acts=denied_acts(text),
                  asks_if_offence=asks_only_if_offence(text), asks_how_done=asks_how_done(text),
                  reply_sections=reply_sections(history) if context and _CONDITION.match(text) else ())
    return with_documents(query, sources)


def reply_sections(history: Sequence[dict]) -> tuple[str, ...]:
    """The sections the last reply answered from: its citations when the conversation kept them (the chat app
    stores each Answer beside its text), else the sections its text names ("Under section 24 of PECA, ...")."""
    if not history or history[-1].get("role") != "assistant":
        return ()
    kept = getattr(history[-1].get("answer"), "citations", None)
    if kept:
        return tuple(dict.fromkeys(c.section for c in kept if c.section))
    return tuple(dict.fromkeys(ref.label for ref in find_references(str(history[-1].get("content", "")))))


def with_documents(query: Query, sources: Sequence[Source]) -> Query:
    """The query with the catalog documents its turn and its context name."""
    own = tuple(s.id for s in version_meant(mentioned_sources(query.text, list(sources)), query.text, sources))
    leaned_on = tuple(s.id for s in mentioned_sources(query.context, list(sources)) if s.id not in own)
    return replace(query, documents=own, context_documents=leaned_on)


def with_context(query: Query, context: str, sources: Sequence[Source]) -> Query:
    """The turn read as a follow-up of `context` (the conversation's subject it leans on)."""
    return with_documents(replace(query, context=context), sources)
