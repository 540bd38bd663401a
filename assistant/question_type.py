"""What kind of answer a question expects (a figure, a penalty, a current fact), and whether a text has one.

Used twice: the extractive generator prefers sentences of the expected kind, and answer() declines
when the checked answer lacks what the question asks for (a fee with no amount in any passage is
"not in the documents", not the nearest sentence about fees).
"""
from __future__ import annotations

import re
from enum import StrEnum
from typing import Sequence

from assistant.language import STOPWORDS, is_roman_urdu, word_stem


class Expected(StrEnum):
    QUANTITY = "quantity"      # how many / how long / within how many days / what share
    AMOUNT = "amount"          # a fee, fine, capital or other sum of money
    PERCENT = "percent"
    PENALTY = "penalty"        # punishment: imprisonment and/or fine
    DATE = "date"              # by when, in what year, on what date
    PLACE = "place"            # in which city or province, where a body's office is
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
                           r"|\b(of|,)\s*(19|20)\d\d\b|\[\d+[A-Z]*"
                           # labels such as "Target-5", "Pillar 2", "Annex 3" name a thing, they count nothing
                           r"|\b[A-Z][A-Za-z]*-\d+\b|\b(targets?|pillars?|goals?|phases?|objectives?|annex(ure)?|schedule|"
                           r"figure|table|page|tier|stage|step)\s*-?\s*\d+\b"
                           # a policy's heading number opening a line ("5.1 Steering/Management Committee")
                           r"|^\s*\d+(?:\.\d+)+(?=\s)", re.I | re.M)
# "Fine which may extend to five million rupees" is what an offender pays: a sum asked for as a fee, a grant or
# assistance is not answered by it. The fine's sums run to the end of its clause ("... but not less than five
# hundred thousand rupees").
_FINE_SUM = re.compile(r"\bfine\b[^.;]*", re.I)
_ASKS_FINE = re.compile(r"\b(?:fine|fines|fined|penalt\w*|punish\w*|jurmana)\b", re.I)


def states_a_fine_sum(text: str) -> bool:
    """Whether one of text's fines states its sum ("fine which may extend to ten million rupees"); "or with fine or
    with both" states none."""
    return any(_AMOUNT_TEXT.search(clause.group()) for clause in _FINE_SUM.finditer(text))
# The sums a question may ask that are never a punishment. "What would it cost us if we fail to enlist?" may be
# answered by a fine, so only these asks set fines aside.
_ASKS_OTHER_SUM = re.compile(r"\b(?:fees?|grants?|assistance|compensation|capital|stipends?|salar(?:y|ies)|budget|"
                             r"funding|vouchers?|loans?|prices?|tax|subsid(?:y|ies)|allowances?)\b", re.I)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
# A deadline stated from an event dates it too: "three months before the commencement of every financial year",
# "within thirty days".
_RELATIVE_TIME = re.compile(rf"(?:\d|\b(?:{_NUMBER_WORDS})\b)[\w\s()\-]{{0,12}}?"
                            r"\b(?:hours?|days?|weeks?|months?|years?)\b", re.I)
# A day and month ("18th August, 2016", "29th January, 2025"), or a year that dates something ("By 2027").
_DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)\b", re.I)
# A year that names an instrument dates nothing: "Act, 2016", "(XL of 2016)", "ACT NO. II OF 2025".
_CITATION_YEAR = re.compile(r"\b(?:of|,)\s*(?:19|20)\d\d\b"
                            r"|\b(?:act|ordinance|order|code|rules|policy)\W{0,3}(?:19|20)\d\d\b", re.I)
# The places a text can name: Pakistan's provinces, territories and larger cities, and the texts' own general words
# for them ("the provincial capitals"). In the indexed documents, the draft policy places its Centres of Excellence
# and auxiliary centres in named cities (4.1.2, 3.4.2), and PECA s. 2A(3) seats the Authority "at Islamabad".
_PLACE_NAMES = (r"Islamabad|Karachi|Lahore|Peshawar|Quetta|Faisalabad|Multan|Rawalpindi|Hyderabad|Gilgit|Muzaffarabad|"
                r"Sialkot|Gwadar|Sukkur|Abbottabad|Bahawalpur|Gujranwala|Sargodha|Mardan|Skardu|Larkana|Punjab|Sindh|"
                r"Balochistan|Baluchistan|Khyber\s+Pakhtunkhwa|Azad\s+Jammu|Kashmir|"
                r"provincial\s+capitals?|(?:capital|federal)\s+territory|"
                r"اسلام\s?آباد|کراچی|لاہور|پشاور|کوئٹہ|فیصل\s?آباد|ملتان|پنجاب|سندھ|بلوچستان|خیبر")
_PLACE_TEXT = re.compile(rf"(?<!\w)(?:{_PLACE_NAMES})(?!\w)", re.I)
_PENALTY_TEXT = re.compile(r"\b(imprisonment|fine|punish\w*|penalt\w*)\b", re.I)

# What an executive act does to a body or office the law provides for: done by a notification, which no indexed
# text records.
_EXECUTIVE_ACTS = ("set up|established|constituted|notified|appointed|designated|formed|created|launched|"
                   "made operational|"
                   # choosing someone for a task: "which audit firm has been picked?"
                   "picked|chosen|selected|hired|engaged|awarded")
# An office one person holds: who holds it, or the holder's name, is in a notification, never in the law, which
# says how the holder is appointed. ("Who heads the NCCIA?" and "who chairs the board?" ask which office does.)
_ONE_PERSON_OFFICE = r"(?:chair(?:person|man|woman)?|director[- ]general|dg|minister|president|ceo)"
_WORLD_STATE = re.compile(
    r"\b(who is the current|who currently|who (?:is|are) (?:currently|presently|at present)|"
    rf"who(?:\s+is|'s|’s)\s+the\s+{_ONE_PERSON_OFFICE}\s+of|"
    rf"names?\s+of\s+the\s+(?:current\s+|present\s+|new\s+|first\s+)?{_ONE_PERSON_OFFICE}\b|"
    # Who was put in an office, or held it first: a person chosen by a notification. "Who can be appointed?" and
    # "who appoints?" ask what the law says.
    rf"who\s+(?:was|were|has\s+been|have\s+been|got|became)\s+(?:\w+\s+){{0,2}}?"
    r"(?:appointed|named|nominated|selected|chosen|picked|hired|elected|sworn\s+in)\b|"
    rf"who(?:\s+was|\s+were|\s+is|'s|’s)\s+the\s+(?:first|former|previous|last|outgoing|new)\s+(?:\w+\s+){{0,2}}?"
    rf"{_ONE_PERSON_OFFICE}\b|"
    # "the name of the person appointed as ...": a person's name, which laws and a policy draft do not give
    r"names?\s+of\s+the\s+(?:\w+\s+)?(?:person|individual|office[- ]holder)\b|"
    r"(?:currently|presently) (heads|leads|chairs|holds|runs)|so far|to date|till now|until now|"
    # ... in Roman Urdu: "DG kaun muqarrar hua hai?" (who has been appointed), "ab tak" (so far)
    r"kaun\s+(?:\w+\s+){0,2}?(?:muqarrar|mukarrar|tayinat|taienat|namzad)\s+(?:hua|hui|hue|huay|hoa|kiya\s+gaya|"
    r"kia\s+gaya|ki\s+gayi|ki\s+gai|kiye\s+gaye)|ab\s+tak|abhi\s+tak|"
    r"how many (\w+ ){0,4}(have|has|did|were) (\w+ ){0,3}"
    r"(register|enlist|file|report|arrest|convict|block|issue|license|receive|charg|prosecut|sentenc|jail|accredit)\w*|"
    # "how many AI startups received grants": a count of what happened, which no statute records
    r"how many (?:(?!(?:can|may|must|shall|will|would|should|is|are|be|a|an|the)\b)\w+ ){1,3}"
    r"(registered|enlisted|filed|reported|arrested|convicted|blocked|received|obtained|won|got)|"
    # Whether a body the law provides for has been set up: the law says it "shall be established", not when it was.
    # No dev question that asks this is answerable (3 dev questions match, all unanswerable).
    r"(?:has|have)\s+(?:\w+[\s,]+){0,8}?been\s+(?:actually\s+|already\s+|formally\s+)?"
    rf"(?:{_EXECUTIVE_ACTS})|"
    # ... said of the government ("which forensic laboratory has the government designated?"): the law says a body
    # "may designate" one; which one it did is in a notification, not in the law.
    r"(?:has|have)\s+(?:the\s+)?(?:federal\s+|provincial\s+)?government\s+(?:actually\s+|already\s+|formally\s+)?"
    rf"(?:{_EXECUTIVE_ACTS}|designate|notify|appoint|establish|set up)\b|"
    r"(?:set up|established|constituted|operational|functional)\s+yet|"
    # ... or when it was: "on what date was the NCCIA notified and set up?". No indexed text dates a body's setting
    # up (they say it "shall be established"); an instrument's own making ("when was PECA enacted?") is on its cover.
    r"(?:when|what\s+date|which\s+date|what\s+year|which\s+year)\s+(?:was|were|did)\b[^?]{0,80}?\b"
    r"(?:set\s+up|established|constituted|notified|formed|created|launched|made\s+operational))\b", re.I)
# A time word ("today", "tomorrow", "right now") asks about the world as it is, "what is today's exchange rate?",
# unless the question asks what the law is: "are those provisions still in force today?", "if I post this video
# tomorrow, could I be punished?" are answered by the texts.
_NOW = re.compile(r"\b(?:as of (?:now|today)|in practice|tomorrow|today|tonight|yesterday|next week|right now|"
                  r"at the moment|"
                  # Roman Urdu: today, right now, for the time being ("aaj kal", nowadays, asks about the law as it is)
                  r"aaj(?! ?kal)|abhi|filhal)\b", re.I)
_ASKS_THE_LAW = re.compile(r"\b(?:legal|illegal|lawful|unlawful|legally|allowed|permitted|punish\w*|penalt\w*|crimes?|"
                           r"criminal|offen[cs]es?|in force|in effect|repealed|omitted|valid|enforceable|require\w*|"
                           r"obliged|must|appl(?:y|ies)\s+to|jurm|saza|qanoon\w*)\b", re.I)


def asks_state_of_world(question: str) -> bool:
    """Whether the question asks who holds an office, what has happened so far, or, by a time word, how the world
    is now, rather than what the law is."""
    return bool(_WORLD_STATE.search(question) or (_NOW.search(question) and not _ASKS_THE_LAW.search(question)))


# Whether the law as it is now is asked for, against what a provision said when it stood: "is that still the
# punishment today?" of an omitted offence, not "what punishment did the removed provisions carry?".
_LAW_NOW = re.compile(r"\b(?:still|now|nowadays|today|currently|current|any\s?more|these\s+days|at\s+present|"
                      r"in\s+force|ab\s+bhi|abhi\s+bhi)\b", re.I)


def asks_about_the_law_now(question: str) -> bool:
    """Whether the question asks what the law is now ("does that still apply?")."""
    return bool(_LAW_NOW.search(asking_sentences(question)))


# Advice on what to buy or where to put money ("suggest a good laptop under 200,000 rupees", "should I buy gold or
# savings certificates?") is no question about a law, whatever everyday words it shares with the texts ("laptop" is
# PECA's "information system", a sum of rupees looks like a fine). Asked of the law ("which e-signature product
# should we buy to comply with the ETO?"), it is one.
_PURCHASE_ADVICE = re.compile(
    r"\b(?:suggest|recommend)\w*\b[^?]{0,60}\b(?:buy|purchase|laptop|phone|computer|product|brand|model|gold|shares?|"
    r"stocks?|invest\w*)\b|\b(?:suggest|recommend)\w*\s+(?:me\s+|us\s+)?(?:a|an|some|the\s+best)\s+(?:good\s+|cheap\s+)?\w+"
    r"\s+(?:for|under|below|within)\b|\bshould\s+(?:i|we)\s+(?:buy|purchase|invest|put\s+(?:it|my|our|the)\b)"
    r"|\bwhich\s+\w+(?:\s+\w+)?\s+(?:should|to)\s+(?:i\s+|we\s+)?(?:buy|purchase|invest\s+in)\b"
    r"|\bbest\s+\w+\s+to\s+(?:buy|invest\s+in)\b", re.I)
_NAMES_THE_LAW = re.compile(r"\b(?:laws?|act|acts|ordinance|policy|section|clause|peca|eto|rules?|regulations?|comply|"
                            r"compliance|complian\w+|court|tribunal)\b", re.I)


def asks_for_purchase_advice(question: str) -> bool:
    """Whether the question asks what to buy or where to invest, and not what a law or the policy says."""
    question = asking_sentences(question)
    return bool(_PURCHASE_ADVICE.search(question) and not _ASKS_THE_LAW.search(question)
                and not _NAMES_THE_LAW.search(question))


# A rate ("what tax rate", "the literacy rate") is a share, stated as a percentage: "$20 billion in funds" near the
# question's words does not answer "what income tax exemption rate does the policy give?".
_PERCENT_Q = re.compile(r"\b(percentage|per ?cent|percent|rates?)\b|%", re.I)
_AMOUNT_Q = re.compile(r"\b(fee|fees|capital|cost|costs|price|how much money|amount of money|paid-up|stipends?|"
                       r"how much funding|"
                       # "how much is each voucher worth?", "how much is the grant per project?": what a thing of money
                       # is worth ("how much data", "how much time" are quantities)
                       r"how much(?:\s+[\w'’-]+){0,5}?\s+(?:worth|grants?|vouchers?|loans?|scholarships?|allowances?|"
                       r"subsid(?:y|ies)|awards?|prizes?)|"
                       r"how many (?:rupees|dollars)|(?:in|of) (?:rupees|pkr|dollars)|"
                       r"salary|salaries|wages?|tax|levy|tariffs?|"
                       # a budget asked for ("what's the total rupee budget"), not one sent by a date
                       r"(?:what(?:'s|\s+is|\s+was|\s+will\s+be)?|how\s+(?:much|big|large))(?:\s+[\w-]+){0,3}\s+budgets?|"
                       # Roman Urdu: fare or rent, price, salary
                       r"kiraya|kiraaya|qeemat|keemat|tankhwah)\b|\b(what|how much) (does|do|will|would)\b.{0,40}\bcharge\b"
                       # Urdu: fee, price, salary, rent, sum of money
                       r"|فیس|قیمت|تنخواہ|کرایہ|رقم",
                       re.I)
# Where something is: "in which cities will the centres be?", "where is the Authority's principal office?". "Where
# can we appeal?" asks for a forum, which the texts name as a body, and is not one of these.
_PLACE_Q = re.compile(r"\b(?:which|what)\s+(?:cit(?:y|ies)|provinces?|towns?|districts?)\b"
                      r"|\b(?:head|principal|main|registered|central)\s+offices?\b|\bheadquarter\w*"
                      r"|\bwhere\b[^?.!]{0,80}\b(?:located|based|situated|seated)\b"
                      # Roman Urdu: which city or cities; the office ... where. Urdu: which city; office ... where.
                      r"|\b(?:kis|kin|kaun\s+se|kon\s+se)\s+(?:shehr|shahar|shahr|shehron|shaharon|shahron)\b|\b(?:daftar|dafter)\b[^?]{0,40}\bkahan\b"
                      r"|کس\s+شہر|دفتر[^؟?]{0,40}کہاں", re.I)
# The stems of the words that ask where, which say nothing of what is placed.
_PLACE_ASK_STEMS = frozenset(word_stem(w) for w in (
    "city cities town towns province provinces district districts where located based situated seated head principal "
    "main registered central office offices headquarters headquartered headquarter").split())
# A question asks for a date when it asks "by when", for a year or a date, or when an instrument or a body came
# into being ("when was PECA enacted?"). "When" alone asks about conditions as often ("when can the NCCIA
# arrest?"), so it counts only before such an event.
_DATE_Q = re.compile(r"\b(?:by|until|till)\s+when\b|\b(?:what|which)\s+(?:year|date)\b|\bwhat\s+deadline\b|"
                     r"\b(?:last|closing|final|due|start|starting|commencement|effective)\s+date\b|"
                     # the words between "when" and the event may hold a bracketed short name: "the 2023 amendment to
                     # the cybercrime law (PECA) come into force"
                     r"\bwhen\s+(?:was|were|did|will|is|are|does)\b[^?.!;]{0,80}?\s(?:enacted|passed|promulgated|"
                     r"published|assented|signed|notified|established|set\s+up|launched|introduced|become\s+law|came|"
                     r"come\s+into\s+(?:force|effect)|take\s+effect|took\s+effect|start|begin|aim|due|expected)\b|"
                     # Roman Urdu: until when, which year
                     r"\bkab\s+tak\b|\bkis\s+saal\b|کب\s+تک", re.I)
# Words that ask for a figure rather than say what it is about ("what FEE does the Board charge").
ASK_WORDS = frozenset(
    "fee fees fine fines charge charges cost costs price much many long amount money percentage percent cent number figure "
    "total maximum minimum paid pay payable rate within days months years hours weeks annual annually monthly "
    "punishment punishments punished punishable penalty penalties imprisonment sentence "
    "pakistan pakistani under according year when date".split())
# "fine" is the noun when a determiner or a measure comes before it ("what fine will we face?", "and the
# fine?", "the maximum fine") or a phrase on what it is for follows it ("a fine for spoofing"); it is the adjective
# after a verb of being and its subject ("is it fine to share ...", "is that fine under PECA?", "we're fine with").
_FINE_NOUN = (r"(?:what|which|a|an|the|any|no|max(?:imum)?|min(?:imum)?|heavy|big|bigger|biggest|hefty|huge|large|"
              r"larger|largest|highest|total|daily|such|same|kind\s+of|type\s+of)\s+fine"
              r"|(?<!\bit\s)(?<!\bthat\s)(?<!\bthis\s)(?<!'s\s)(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bwe\s)"
              r"(?<!\bthey\s)(?<!\bam\s)fine(?=\s+(?:for|of|under|if|on|and|or|in)\b)")
# ... and the verb, asked how much: "how much can a court fine someone?" ("can they fine us?" asks whether they may,
# which a power to impose fines answers)
_FINE_VERB = (r"how\s+(?:much|heavily)\s+(?:can|could|may|might|will|would|shall)\s+(?:[\w-]+\s+){0,2}?fine\s+"
              r"(?:us|me|him|her|them|you|someone|somebody|anyone|anybody|a|an|the|our|my|their|his|its|your)")
_PENALTY_Q = re.compile(rf"\b(punish\w*|penalt\w*|sentences?|sentenced|jail\w*|prison|imprison\w*|fined|fines|"
                        rf"{_FINE_NOUN}|{_FINE_VERB}|saza|sazaa|jurmana)\b|سزا", re.I)
# "Is that actually a crime?", "is it illegal to ...?": whether conduct is an offence, which the law answers with
# the offence and its punishment.
_OFFENCE_Q = re.compile(r"\b(?:is|are|was|were|would|will|could)\s+(?:it|that|this|these|those|what\s+\w+\s+did)\s+"
                        r"(?:\w+\s+)?(?:a\s+crime|an?\s+(?:criminal\s+|cyber\s+)?offen[cs]e|illegal|criminal|"
                        r"punishable|against\s+the\s+law)\b"
                        # "What can the fraudster be charged with?": the offence is answered with its punishment
                        # ("Can a company be charged with an offence?" asks whether, not what).
                        r"|\b(?:what|which)\b[^?.!]{0,60}\bbe\s+charged\s+(?:with|under)\b"
                        # "What could they get?", "the most he can get for this": a sentence is what an offender gets.
                        r"|\b(?:(?:can|could|would|will|might)\s+(?:he|she|they|someone|somebody|the\s+\w+)|"
                        r"(?:he|she|they|someone|somebody)\s+(?:can|could|would|will|might))\s+get\b"
                        r"(?=\s*(?:for\b|[?.!]|$))", re.I)


def asks_for_punishment(question: str) -> bool:
    """Whether an asking sentence asks for a punishment or a fine ("What fine does the policy impose ...?")."""
    asking = asking_sentences(question)
    return bool(_PENALTY_Q.search(asking) or _ASKS_FINE.search(asking))


def asks_only_if_offence(question: str) -> bool:
    """Whether the question asks if conduct is an offence, or what an offender gets, in no word for punishment
    ("Is that a crime, and what could they get?"; not "is it a crime, and what is the sentence?")."""
    question = asking_sentences(question)
    return bool(_OFFENCE_Q.search(question)) and not _PENALTY_Q.search(question)


# "The minimum age", "the maximum remand": a limit is a measure, asked for as surely as by "how many". So is a
# ranking asked for by "what" ("what AI readiness ranking does the policy aim for?"): it is a number or nothing. Not a
# "rank" (an officer's is "equivalent rank", a name) nor a "position" ("the legal position").
# So are nouns that name a figure, asked for by "what (is the) ...": a quorum and a term of office are counts, an age a
# number of years, a deadline or a time limit a period. On the twenty-eight dev sets, typing them so declined two
# unanswerable questions (the quorum of a council whose section states none; the deadline for notifying a data
# breach, which no text sets) and changed no answer. "What is the age limit for members of the Authority?", which
# the decline model once put below its threshold when so typed, is answered from s. 2D.
# The noun heads its phrase: "what age verification must apps do?" asks no age.
_FIGURE_NOUNS = (r"(?:quorum|term\s+of\s+office|tenure|age(?:\s+limit)?|deadline|time\s+limit)"
                 r"(?=\s*[?,.;!]|\s*$|\s+(?:for|of|at|to|in|under|on|by|from|that|which|when|is|are|was|were|does|do|"
                 r"can|could|must|should|would|will|shall|a|an|the|set|given|allowed|applies|apply)\b)")
_QUANTITY_Q = re.compile(r"\b(how many|how much|how long|how old|within how|what share|what proportion|minimum|maximum|"
                         r"kitne|kitni|kitna)\b"
                         r"|\bwhat(?:['’]s)?\s+(?:[\w-]+\s+){0,4}?ranking\b"
                         # a noun that names a figure: "what is the quorum", "what's the deadline"
                         rf"|\bwhat(?:['’]s|\s+is|\s+are|\s+was|\s+will\s+be)?\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
                         rf"(?:{_FIGURE_NOUNS})\b"
                         # whether a limit exists asks for it: "is there an upper age limit for ...?", "is there a
                         # deadline by which ...?" (the law states "sixty-two years of age", "within thirty days")
                         rf"|\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:[\w-]+\s+){{0,2}}?"
                         rf"(?:{_FIGURE_NOUNS})\b"
                         r"|کتنے|کتنی|کتنا", re.I)



# A yes/no question ("Will there be a fee?", "Do we pay tax on it?") asks whether a charge exists, not how much
# it is: the texts answer it with "on payment of such fee as may be prescribed" though they state no amount. It
# opens with an auxiliary verb, and no part of it asks for the figure ("what rate", "how much") or names one.
# Roman Urdu opens a yes/no question with "kya" ("kya un mein stipend milega?", "will they carry a stipend?"); at the
# end of one, "kya" is "what" ("saza kya hai?").
_AUXILIARY = r"(?:is|are|was|were|will|would|do|does|did|can|could|must|should|shall|has|have|had|may|might|kya)\b"
_POLAR = re.compile(rf"^\W*(?:(?:and|also|so|but|then|or|aur)\s+)?{_AUXILIARY}", re.I)
# "Under the draft policy or PECA, do we have to label it?", "In Pakistan, is it legal ...?": a phrase that sets the
# scene before a comma leaves the yes/no ask after it.
_SCENE_BEFORE_ASK = re.compile(rf"^[^,?]{{1,200}},\s*(?={_AUXILIARY})", re.I)


def main_clause(part: str) -> str:
    """An ask without the scene-setting phrase before its yes/no clause, or the ask itself."""
    return part if _POLAR.search(part) else _SCENE_BEFORE_ASK.sub("", part, count=1)
_ASKS_FOR_FIGURE = re.compile(r"\b(?:how much|how many|what|which|kitn[aei])\b|\d", re.I)


def asks_whether(question: str) -> bool:
    """Whether some ask of the question is a yes/no one ("can the buyer sign it digitally?")."""
    return any(_POLAR.search(main_clause(part)) for part in question_parts(asking_sentences(question)))


def asks_only_whether(question: str) -> bool:
    """Whether every ask of the question is a yes/no one that names no figure and asks for none."""
    parts = question_parts(question)
    return all(_POLAR.search(main_clause(part)) and not _ASKS_FOR_FIGURE.search(part) for part in parts)


# "Are we legally required to ...?", "If we ..., must our shop ...?", "Does the law make us ...?": whether a private
# party (the asker, or a business) is bound to do something. Only a statute can bind one: a policy directs
# government bodies, and the indexed AI policy is a draft. The duty words and the private parties are grammatical
# classes, declared here; a question on what a government body must do is not one of these.
_LEADING_CLAUSE = re.compile(r"^\W*(?:if|when|whenever|before|after|once|since|as|while|now\s+that)\b[^,?]{1,200},\s*",
                             re.I)
_DUTY_WORDS = re.compile(r"\b(?:required|requires?|requirements?|obliged|obligated|obligations?|obligatory|have\s+to|"
                         r"has\s+to|needs?\s+to|legally\s+needs?|bound\s+to|supposed\s+to|must|duty|mandatory|"
                         r"compulsory|make\s+(?:us|me|our|my))\b", re.I)
_PRIVATE_PARTY = re.compile(r"\b(?:we|us|our|i|me|my|compan(?:y|ies)|business(?:es)?|firms?|startups?|shops?|stores?|"
                            r"websites?|apps?|employers?|organi[sz]ations?|sellers?|merchants?|fintechs?|banks?|isps?|"
                            r"platforms?|(?:service\s+)?providers?|retailers?|vendors?|traders?|operators?|developers?|"
                            r"publishers?|e-?commerce|enterprises?|smes?|clinics?|hospitals?|landlords?)\b"
                            # "a business body", "an industry association": a body that speaks for businesses
                            r"(?!\s+(?:bod(?:y|ies)|associations?|chambers?|federations?|councils?)\b)", re.I)
# Who the ask is about is the party it names first: in "Must the Authority notify platforms before blocking?" the
# Authority is bound, not the platforms.
_PUBLIC_BODY = re.compile(r"\b(?:government|ministry|ministries|authority|pta|fia|nccia|moitt|council|tribunal|"
                          r"court|regulator|commission|division|directorate|state|police|officers?|agency|"
                          # a body that speaks for businesses ("is any business body supposed to help?") is not
                          # the asker, whoever the question's scene names
                          r"bod(?:y|ies)|associations?|chambers?|federations?)\b", re.I)


# The same classes in Roman Urdu: a yes/no ask opens with "kya"; its duty is "zaroori"/"lazmi" (necessary),
# "qanoonan" (by law), "paband" (bound) or a verb with "parega"/"hoga" (will have to); its private party is the
# asker ("hamein", "meri dukaan") or a business named in English. "main"/"mein" also mean "in" and are not read.
_ROMAN_URDU_POLAR = re.compile(r"^\W*kya\b", re.I)
_ROMAN_URDU_DUTY_WORDS = re.compile(r"\b(?:zaroo?ri|zaruri|zarori|laa?zmi|qanoonan|qanunan|farz|paband|"
                                    r"(?:karna|karwana|karana|hona|rakhna|dena|lena|lagana|batana)\s+"
                                    r"(?:hoga|hogi|hoge|parega|padega|paregi|padegi|parta|padta))\b", re.I)
_ROMAN_URDU_PRIVATE_PARTY = re.compile(r"\b(?:hum|ham|hamein|humein|hamain|hame|hamari|hamara|hamare|humari|humara|"
                                       r"humare|mujhe|meri|mera|mere|dukaan|dukan)\b|" + _PRIVATE_PARTY.pattern, re.I)


def _asks_whether_bound_in_roman_urdu(question: str) -> bool:
    """Whether a Roman Urdu yes/no ask ("Kya hamein ... register karwana qanoonan zaroori hai?") is whether a private
    party must do something: its first party named is private, as for an English ask."""
    for sentence in _QUESTION_SENTENCE.split(asking_sentences(question).strip()):
        private = _ROMAN_URDU_PRIVATE_PARTY.search(sentence)
        public = _PUBLIC_BODY.search(sentence)
        if (_ROMAN_URDU_POLAR.search(sentence) and _ROMAN_URDU_DUTY_WORDS.search(sentence) and private
                and (public is None or private.start() < public.start())):
            return True
    return False


def _binds_private_party(main: str) -> bool:
    private = _PRIVATE_PARTY.search(main)
    public = _PUBLIC_BODY.search(main)
    return bool(private) and (public is None or private.start() < public.start())


def duty_ask(question: str) -> str:
    """The ask of a question that asks whether someone must do something ("Do I have to check every single post?"
    in "If a seller posts something illegal, will I be held liable? Do I have to check every single post?"); the
    asking sentences when no ask does."""
    asking = asking_sentences(question)
    for part in question_parts(asking):
        main = main_clause(_LEADING_CLAUSE.sub("", part, count=1))
        if _POLAR.search(main) and _DUTY_WORDS.search(main):
            return part
    return asking


def asks_whether_bound(question: str) -> bool:
    """Whether a yes/no ask of the question is whether a private party must do something. The party may be named
    in the scene the question sets rather than in the ask: "We keep our customer database in Germany. Does the law
    require personal data to be stored in Pakistan?" asks about the asker's duty, unless the ask names a public body."""
    scene = [s for s in _QUESTION_SENTENCE.split(question.strip()) if not s.rstrip().endswith(("?", "؟"))]
    scene_party = len(scene) < len(_QUESTION_SENTENCE.split(question.strip())) and any(
        _PRIVATE_PARTY.search(sentence) for sentence in scene)
    for part in question_parts(asking_sentences(question)):
        main = main_clause(_LEADING_CLAUSE.sub("", part, count=1))
        if _POLAR.search(main) and _DUTY_WORDS.search(main) and (
                _binds_private_party(main) or (scene_party and not _PUBLIC_BODY.search(main))):
            return True
    return is_roman_urdu(question) and _asks_whether_bound_in_roman_urdu(question)


def asks_what_bound(question: str) -> bool:
    """Whether an ask of the question, not a yes/no one, is what a private party must do, and asks for no figure,
    punishment, place or date ("What password rules am I legally required to enforce on customer accounts?")."""
    for part in question_parts(asking_sentences(question)):
        main = main_clause(_LEADING_CLAUSE.sub("", part, count=1))
        if (not _POLAR.search(main) and _DUTY_WORDS.search(main) and _binds_private_party(main)
                and expected_answer(main) is Expected.OTHER):
            return True
    return False


# "How does the Council handle a complaint?", "What is the process to get a foreign certificate recognised?": how
# something is done, step by step. A law often leaves that to rules ("in such manner as may be prescribed"), which
# decide() reads in the passages. The acts are those of applying to, or being dealt with by, an authority.
_PROCEDURE_ACTS = (r"apply|applies|register|registered|enlist|enlisted|file|filed|handle|handles|handled|appeal|"
                   r"complain|submit|submitted|recogni[sz]e|recogni[sz]ed|accredit|accredited|designate|designated|"
                   r"declare|declared|challenge|challenged|decide|decides|decided|review|reviewed|process|processed|"
                   r"approve|approved|licen[sc]e|licen[sc]ed|certif(?:y|ied)|select|selected|admit|admitted|empanel\w*")
_PROCEDURE_Q = re.compile(
    r"\bstep[- ]by[- ]step\b|\b(?:what|which)\s+(?:is\s+the\s+|are\s+the\s+)?(?:\w+\s+)?(?:process|procedure|steps)\b"
    r"|\bwhat\s+(?:process|procedure|steps)\b"
    rf"|\bhow\s+(?:do|does|did|can|could|should|would|will|is|are|may)\b[^?.!,;]{{0,60}}?\b(?:{_PROCEDURE_ACTS})\b",
    re.I)


def asks_how_done(question: str) -> bool:
    """Whether an asking sentence asks how something is done: a process, procedure or steps."""
    return bool(_PROCEDURE_Q.search(asking_sentences(question)))


# "Does the electronic transactions law cover trusts?", "Does PECA apply to acts done abroad?": whether a law
# reaches a case at all, which the law's own sections on its extent and application answer.
# The law must be what covers or applies: "does the offence of cyber stalking cover repeated messages?" asks
# about the offence's section, not the Act's extent.
# Bound to follow a law as a whole ("do we have to follow PECA?", "are we bound by the law?") is the same ask: a duty
# whose object is the law itself is answered by its extent, not by any one duty in it.
_REACH = re.compile(r"\b(?:law|laws|act|ordinance|statute|policy)\b(?:\s+\w+){0,2}?\s+(?:cover|covers|apply|applies|"
                    r"extend|extends)\b|\b(?:covered|applicable)\s+(?:by|under)\s+(?:the\s+)?(?:\w+\s+){0,3}?"
                    r"(?:law|act|ordinance|statute|policy)\b|"
                    r"\b(?:follow|comply\s+with|obey|abide\s+by|bound\s+by|subject\s+to)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?"
                    r"(?:law|laws|act|ordinance|statute)\b(?!\s*(?:'s|’s|section|s\.))", re.I)


def asks_about_reach(question: str, law_names: Sequence[str] = ()) -> bool:
    """Whether a yes/no ask of the question is whether a law covers, or applies to, a case. `law_names` are the
    names the question gives the documents it mentions ("PECA", "the ETO"), which count as "the law"."""
    for part in question_parts(asking_sentences(question)):
        generic = part
        for name in law_names:
            generic = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "law", generic, flags=re.I)
        if _POLAR.search(main_clause(part)) and _REACH.search(generic):
            return True
    return False


def expected_answer(question: str) -> Expected:
    """The kind of answer the question asks for, most specific first, read from its asking sentences: in
    "Fees are a barrier for our staff. Does the policy foresee education loans?" the fee is background."""
    question = asking_sentences(question)
    if asks_state_of_world(question):
        return Expected.WORLD_STATE
    if _PERCENT_Q.search(question):
        return Expected.PERCENT
    if _AMOUNT_Q.search(question) and not asks_only_whether(question):
        return Expected.AMOUNT
    if _PENALTY_Q.search(question) or _OFFENCE_Q.search(question):
        return Expected.PENALTY
    if _PLACE_Q.search(question) and not asks_only_whether(question):
        return Expected.PLACE
    if _QUANTITY_Q.search(question):
        return Expected.QUANTITY
    if _DATE_Q.search(question):
        return Expected.DATE
    return Expected.OTHER


_QUESTION_SENTENCE = re.compile(r"(?<=[.!?؟])\s+")


def asking_sentences(question: str) -> str:
    """The sentences that ask (end in a question mark), or the whole text when none does."""
    asking = [s for s in _QUESTION_SENTENCE.split(question.strip()) if s.rstrip().endswith(("?", "؟"))]
    return " ".join(asking) or question


def has_expected(text: str, expected: Expected, question: str = "") -> bool:
    """Whether text contains an answer of the expected kind (numbers the question itself states do not count)."""
    if expected in (Expected.OTHER, Expected.WORLD_STATE):
        return bool(text.strip())
    if expected is Expected.PENALTY:
        return bool(_PENALTY_TEXT.search(text))
    if expected is Expected.PLACE:
        # The place must be where the asked thing is: "the principal office of the Authority shall be at Islamabad"
        # does not seat the NCCIA.
        topic = topic_stems(question) - _PLACE_ASK_STEMS
        return any(_PLACE_TEXT.search(sentence) and (not topic or topic & topic_stems(sentence))
                   for sentence in _FIGURE_SENTENCE.split(text))
    if expected is Expected.DATE:
        # A date is about what was asked when its sentence shares a topic word: "By 2025, 97 million jobs" does
        # not date the training target.
        topic = topic_stems(question)
        return any((_DAY_MONTH.search(sentence) or _YEAR.search(_CITATION_YEAR.sub(" ", sentence))
                    or _RELATIVE_TIME.search(sentence))
                   and (not topic or topic & topic_stems(sentence)) for sentence in _FIGURE_SENTENCE.split(text))
    # Sub-clause numbers "(2)" and cross-references "section 24" are not figures that answer anything.
    text = _NOT_A_FIGURE.sub(" ", text)
    own = set(re.findall(r"\d+", question))
    text = re.sub(r"\d+", lambda m: "" if m.group() in own else m.group(), text)
    if re.search(r"\bhow many\b", question, re.I):
        text = _YEAR.sub(" ", text)  # "in 2024" dates a count, it is not one
    if expected is Expected.AMOUNT and _ASKS_OTHER_SUM.search(question) and not _ASKS_FINE.search(question):
        text = _FINE_SUM.sub(" ", text)
    figure = {Expected.PERCENT: _PERCENT_TEXT, Expected.AMOUNT: _AMOUNT_TEXT}.get(expected, _QUANTITY_TEXT)
    unit = _ASKED_UNIT.search(question) if expected is Expected.QUANTITY else None
    if unit:
        figure = _period_in(unit.group(1))
    elif expected is Expected.QUANTITY and _ASKS_FREQUENCY.search(question):
        figure = _FREQUENCY_TEXT
    topic = topic_stems(question)
    # The figure must be about what was asked: "a fee not exceeding ten rupees for a certificate" does not
    # answer "what fee does the Software Export Board charge?".
    return any(figure.search(sentence) and (not topic or topic & topic_stems(sentence))
               for sentence in _FIGURE_SENTENCE.split(text))


_FIGURE_SENTENCE = re.compile(r"(?<=[.;?!\]])\s+")


def figure_sentences(text: str) -> list[str]:
    """The pieces a figure is looked for in: sentences, and the items of a list ("(b) fee for ...;")."""
    return [piece for piece in _FIGURE_SENTENCE.split(text) if piece.strip()]


# The sum a question names ("what FEE", "how much will it COST"): the word its figure must stand beside.
_SUM_NOUN = re.compile(r"\b(fees?|costs?|prices?|budgets?|grants?|salar(?:y|ies)|compensation|capital|stipends?|"
                       r"vouchers?|loans?|levy|tariffs?|allowances?|subsid(?:y|ies))\b", re.I)
# What a count counts is the last word of the phrase after "how many": "how many AI scholarships per year".
_COUNTED = re.compile(r"\bhow many\s+((?:(?!(?:can|could|may|might|must|shall|will|would|should|is|are|was|were|do|"
                      r"does|did|has|have|had|per|a|an|each|every|in|of|for|on|under|by|to|at|with|from|be|sit|"
                      r"serve)\b)[\w-]+\s+)+)", re.I)


def asked_figure_noun(question: str, expected: Expected) -> str:
    """The thing an amount or count question asks the figure of ("fee", "members"), or '' when it names none."""
    question = asking_sentences(question)
    if expected is Expected.AMOUNT:
        named = _SUM_NOUN.search(question)
        return named.group(1).lower() if named else ""
    if expected is Expected.QUANTITY:
        counted = _COUNTED.search(question + " ")
        if counted:
            return counted.group(1).split()[-1].lower()
        measure = _MEASURE_ASKED.search(question)
        return measure.group(1).lower() if measure else ""
    return ""


# What a limit or a "what" question measures ("the maximum AGE", "what RANKING", "what is the QUORUM"): a section
# states such a figure only by naming what it measures ("not more than sixty-two years of age", "Five members ...
# shall constitute a quorum"), unlike a count, whose thing a section may call otherwise ("how many people" are its
# "members").
_MEASURE_ASKED = re.compile(r"\b(?:(?:minimum|maximum|upper|lower)\s+|what(?:['’]s)?\s+(?:[\w-]+\s+){0,4}?|"
                            r"(?:is|are)\s+there\s+(?:a|an|any)\s+(?:[\w-]+\s+){0,2}?)"
                            r"(age|ranking|quorum)\b", re.I)


def asks_a_measure(question: str) -> bool:
    """Whether a quantity question asks for a measure it names (an age, a ranking, a quorum) rather than a count."""
    asking = asking_sentences(question)
    return not _COUNTED.search(asking + " ") and bool(_MEASURE_ASKED.search(asking))


# "Within how many hours ...?" is answered by a count of hours: a passage that states days, or a count of
# something else, states some other period.
_ASKED_UNIT = re.compile(r"\bhow many (hours?|days?|weeks?|months?|years?)\b", re.I)


# How many sentences after the one naming a thing its figure may stand and still be read as that thing's figure:
# a policy states a programme's sum a sentence or two on ("the CoE-AI shall organize a special grant ..." then "up
# to PKR 1 million per project"). Composition (generate) and the decline (decide) read figures so.
FIGURE_REACH = 2


# "How many times a year must it meet?" is answered by how often ("twice a year", "at least once every quarter",
# "four times a year", "monthly"); a passage's "seven days' notice" or "five members" counts something else.
_ASKS_FREQUENCY = re.compile(r"\bhow many times\b", re.I)
_FREQUENCY_TEXT = re.compile(rf"\b(?:once|twice|thrice)\b|(?:\d+|\b(?:{_NUMBER_WORDS}))\s+times\b|"
                             r"\b(?:annually|quarterly|monthly|weekly|fortnightly|bi-?annually|half-yearly)\b|"
                             r"\b(?:every|each)\s+(?:\w+\s+)?(?:day|week|month|quarter|year)s?\b", re.I)


def _period_in(unit: str) -> re.Pattern:
    """A figure followed by the unit ("twenty-four hours", "six (6) months", "3 to 6 months", "seven working days")."""
    stem = unit.lower().rstrip("s")
    return re.compile(rf"(?:\d|\b(?:{_NUMBER_WORDS})\b)[\w\s()\-,]{{0,20}}?\b{stem}s?\b", re.I)


def topic_stems(text: str) -> set[str]:
    """Stems of the content words, so 'punished' meets 'punishment'."""
    words = re.findall(r"[a-z]+", text.lower())
    return {word_stem(w) for w in words if len(w) >= 3 and w not in STOPWORDS and w not in ASK_WORDS}


# "compared with the earlier version of the law" asks what changed between versions, which their texts answer; it
# does not ask which copy is indexed.
_VERSION_Q = re.compile(
    r"\b(which|what) (version|edition|text)\b"
    r"|(?<!earlier )(?<!previous )(?<!older )(?<!old )(?<!original )(?<!first )(?<!prior )\bversion of\b"
    r"|(?<!what )(?<!which )\b(is|are) (the|this|your|these) .{0,60}\b(final|approved|draft|up[- ]to[- ]date|latest|in force)\b"
    r"|\b(your|the indexed|in your library|you have)\b.{0,60}\b(include|final|approved|version|amendments?|"
    r"as (originally )?(passed|enacted))\b"
    r"|\b(does|do) (your|the indexed|this) .{0,40}\b(include|contain|have)\b.{0,40}\bamendments?\b", re.I)


def asks_about_version(question: str) -> bool:
    """'Is the AI policy final?', 'which version of PECA do you have?': a question about the library's copies."""
    return bool(_VERSION_Q.search(question))


# When an instrument was made, and under what number: its enactment line and cover state both ("received the
# assent of the President on 29th January, 2025 ... ACT NO. II OF 2025").
_MAKING_Q = re.compile(r"\bwhen\b(?:\s+\w+){1,8}?\s+(?:enacted|passed|promulgated|published|gazetted|assented|"
                       r"signed|bec[oa]me\s+law|c[oa]me\s+into\s+force|t[oa]ke\s+effect)\b"
                       r"|\b(?:act|ordinance)(?:'s)?\s+(?:number|no\.?)(?!\w)|\bwhich\s+gazette\b"
                       r"|\bgazette\s+(?:notification|publication)\b"
                       r"|\bdate\s+of\s+(?:enactment|assent|promulgation|publication|commencement)\b", re.I)


def asks_when_made(question: str) -> bool:
    """'When was PECA enacted?', 'what is its Act number?': a question the instrument's own cover answers."""
    return bool(_MAKING_Q.search(question))


# A new ask after "and" opens with a wh-word, which a preposition may lead ("and by what year", "and for what
# term") and an adverb may lead ("and roughly how much"), or with an auxiliary verb ("and will there be a fee?").
_PART_BOUNDARY = re.compile(
    r"\?\s+(?=\S)|;\s+|,?\s+and\s+(?=(?:\w+ly\s+|also\s+|then\s+)?"
    r"(?:(?:by|for|in|on|at|to|from|with|under|after|before|until|within|about)\s+)?"
    r"(?:what|which|who|whom|whose|how|when|where|whether)\b|(?:is|are|does|do|can|within|will|would|should|must|"
    r"could|has|have|was|were)\b)"
    # Roman Urdu: "aur" before a question word ("... kitni internships di jayengi aur kya un mein stipend milega?")
    r"|,?\s+aur\s+(?=(?:kya|kitn[aei]|kab|kahan|kaun|kon|kaise|kis|kin)\b)", re.I)


def question_parts(question: str) -> list[str]:
    """The separate asks of a compound question ("Who heads X, and for what term?"), or the question itself."""
    pieces = [p.strip(" ,?") for p in _PART_BOUNDARY.split(question) if p and p.strip(" ,?")]
    # re.split also returns the captured wh-word; keep only real pieces of three words or more.
    parts = [p for p in pieces if len(p.split()) >= 3]
    return parts if len(parts) >= 2 else [question]


_QUOTED = re.compile(r"(?<!\w)[‘'\"“]([\w][\w\s-]{1,40}?)[’'\"”]")
_DEFINITION_ASK = re.compile(
    r"\b(?:define[sd]?|defining|definition of|meaning of|meant by|what does)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:terms?\s+|words?\s+|expressions?\s+)?([\w][\w\s-]{1,40}?)(?=\s+(?:mean|in|under|as|according)\b|[?.,;]|$)",
    re.I)
_DEFINITION_WORDS = re.compile(r"\b(defin\w*|meaning|meant|means?)\b", re.I)
# "Would we count as a 'social media platform'?", "Is an ISP treated as an intermediary under the ETO?": whether
# something falls within a term is answered by the term's definition, its exclusions included ("but shall not
# include the licensees of Pakistan Telecommunication Authority").
_CLASSIFICATION_ASK = re.compile(
    r"\b(?:counts?|counted|treated|regarded|considered|classed|classified|qualif(?:y|ies)|deemed)\s+"
    r"(?!for\b|to\s+(?!be\b))(?:as\s+)?(?:to\s+be\s+)?(?:an?\s+|the\s+)?([‘'\"“]?[\w][\w\s-]{1,40}?)"
    r"(?=[’'\"”]|\s+(?:under|in|by|for|that|which|according|if|when|and|or)\b|[?.,;]|$)", re.I)


_DEFINING_VERB = r"\s*(?:means|includes|shall mean|shall include|shall have)(?![a-z])"


def definition_opening(term: str = "") -> re.Pattern:
    """Where the definition of `term` begins in a text ("“minor” means", "(xxviiib) “social media platform”
    means__"), singular or plural; with no term, where any term's definition begins."""
    if not term:
        return re.compile(rf"[“\"‘'][^”\"’']{{1,60}}[”\"’']{_DEFINING_VERB}")
    singular = term[:-1] if term.lower().endswith("s") else term
    return re.compile(rf"[“\"‘']{re.escape(singular)}s?[”\"’']{_DEFINING_VERB}", re.I)


def defined_term(question: str) -> str:
    """The term a question asks the legal definition of ("How does PECA define a 'minor'?" -> "minor"), or
    whether something falls within ("would we count as a 'social media platform'?"), or ''."""
    classification = _CLASSIFICATION_ASK.search(question)
    if not _DEFINITION_WORDS.search(question) and not classification:
        return ""
    quoted = _QUOTED.search(question)
    if quoted:
        return quoted.group(1).strip()
    if classification:
        words = [w for w in classification.group(1).split() if w.lower() not in STOPWORDS]
        return " ".join(words)
    asked = _DEFINITION_ASK.search(question)
    term = asked.group(1).strip() if asked else ""
    words = [w for w in term.split() if w.lower() not in STOPWORDS]
    return " ".join(words) if words and not any(w.lower() in ("peca", "eto", "policy", "act") for w in words) else ""
