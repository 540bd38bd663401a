"""Question analysis: a turn is a follow-up only when it cannot stand alone; context is a field, never text."""
from __future__ import annotations

import pytest

from assistant.catalog import load_catalog
from assistant.config import Settings
from assistant.query import (Script, analyse, conversation_context, denied_acts, needs_context, reply_sections,
                             reply_subjects, without_opener)
from assistant.question_type import Expected


@pytest.mark.parametrize("turn", [
    "and the fine?",
    "And the fine?",
    "who runs it?",
    "How long does it last?",
    "Does that apply to companies too?",
    "Is that offence bailable?",
    "Can the victim get the content taken down under that section?",
    "what about cyber stalking?",
    "and for a company?",
    "penalty?",
    "Who hears appeals against it?",
    "What does the same section say about minors?",
    "Is it the same for them?",
    "and what is the fine for that?",
    "Who chairs its board, and how many members can the board have?",
    "How are its decisions taken if the members are tied?",
    # a pronoun standing for the subject, however many other words the turn has
    "Would someone accused of that get bail, and can the police arrest without a warrant?",
    "Which court tries that, and can the accused get bail?",
    "Is that number supposed to grow each year?",
    "Does this fund have a board of directors and a chief executive?",
    "Who would actually run that fund?",
    "What happens after that hearing, and who decides?",
    # a possessive whose owner the turn does not name before it
    "Under PECA, who appoints its members?",
    "What are their powers?",
    # a pronoun the subject of the ask, with nothing named before it
    "How quickly does it have to decide, and where do I go if I lose there?",
    "How long do members serve, and can they be reappointed?",
    "How many members will it have, and who sits on it ex officio?",
    # a pronoun object with the turn's own words all after it
    "Who manages it day to day, and will its accounts be audited?",
    "Who funds them, and for how many years?",
    # a pronoun after any preposition names nothing of its own
    "How much jail time could the person behind it get?",
    "What penalty applies to everyone involved in it?",
    "Is there a fine for the company over that?",
    "What happens to the data after that?",
    # a turn that goes on from the last and speaks of "they" or "it", however much it names itself
    "And can we get a copy of our data back while they hold it?",
    "So what happens to our servers after they are returned, and who pays for it?",
    # Roman Urdu pointers: a possessive ("iski saza", its punishment) or a demonstrative before a noun
    "aur iski saza kya hai?",
    "Ye data kitne din tak preserve karna parega?",
    "Is qanoon ke tehat appeal kahan hogi?",
    "Uska chairman kaun hai?",
    # another or a next question may be about the last one
    "Another question: who appoints its members?",
    "Next question - and its fine?",
])
def test_turns_that_cannot_stand_alone_are_follow_ups(turn):
    assert needs_context(turn)


@pytest.mark.parametrize("turn", [
    "What is the punishment for hacking into a bank's computer system?",
    "Is it a crime to write and sell malware in Pakistan, and what is the maximum sentence?",
    "We run a news website. Can we be fined for publishing a story that turns out to be false?",
    "Is it true that electronic signatures are valid for contracts?",
    "What does section 20 of PECA say?",
    "Quote section 26A.",
    "What funding will the government give to AI startups under the draft policy?",
    "Our shop sells SIM cards; what checks must we do on customers?",
    "How long must an internet service provider keep traffic data?",
    "Are electronic signatures legally valid for loan applications?",
    "Who chairs the Social Media Protection and Regulatory Authority?",
    # "that" as a relative or a conjunction, not a reference
    "Is it true that PECA applies to foreigners?",
    "I heard that hacking is a crime; what is the punishment for hacking a bank?",
    "Our app stores photos that users upload; must we remove unlawful ones when asked?",
    # a possessive whose owner the turn names before it
    "Under the Electronic Transactions Ordinance, can someone be forced to reveal the password behind their key?",
    "When does an electronic record satisfy a legal requirement to keep a document in its original form?",
    "Can a social media platform be blocked for ignoring its duties to users?",
    # a pronoun subject whose antecedent the turn names first, or a dummy "it"
    "On another matter: if someone is convicted by a court under PECA, how long do they have to file an appeal?",
    "Does it matter whether the hacker was abroad when he broke into our server?",
    "Someone leaked her private pictures online. What can she do under PECA?",
    "Hackers locked our billing PC and demand money to unlock it. Is it legal to pay them?",
    # a relative "that" with its verb closing the clause
    "Is there any law on deepfake videos of politicians that applies?",
    "What is the fine for publishing data that leaked?",
    # the user says a new topic starts: its pronouns stand for what it names
    "Changing topic: legally, when is an email we send to a supplier considered to have been received by them?",
    "OK. New topic: can a court order a platform to block content, and who hears appeals against it?",
    "Moving on - when is an electronic record received by them?",
    # a different, unrelated or separate question, thing or point is not about the last one
    "Different question: older laws talk about a 'register' or a 'seal'. Do those words cover electronic versions?",
    "On a different point: who performs their functions until the new bodies are set up?",
    "Separate thing - how many academics does it plan to train?",
    # a continuation naming its own subject, with no pronoun
    "And what is the punishment for hacking into a bank's computer system?",
    # Roman Urdu questions that name their subject; English "is" and "in" are no pointers
    "PECA mein hacking ki saza kya hai?",
    "Fake news ki saza kya hai?",
    "Is data retention required in Pakistan for internet service providers?",
    "Is a scanned signature valid in an electronic contract?",
])
def test_new_questions_stand_alone(turn):
    assert not needs_context(turn)


HISTORY = [
    {"role": "user", "content": "What is the punishment for spoofing under PECA?"},
    {"role": "assistant", "content": "Up to three years' imprisonment. [1]"},
]


def test_a_follow_up_keeps_its_own_text_and_gets_the_earlier_question_as_context():
    query = analyse("and the fine?", HISTORY)
    assert query.text == "and the fine?"
    assert query.context == HISTORY[0]["content"]
    assert query.search_text == f"and the fine? {HISTORY[0]['content']}"


def test_a_new_topic_never_inherits_the_previous_question():
    query = analyse("What is the punishment for hacking into a bank's computer system?", HISTORY)
    assert query.context == "" and not query.is_follow_up
    assert "spoofing" not in query.search_text


def test_a_chain_of_follow_ups_reaches_back_to_the_question_that_stood_alone():
    history = [
        {"role": "user", "content": "What is the punishment for cyber stalking under PECA?"},
        {"role": "assistant", "content": "..."},
        {"role": "user", "content": "and the fine?"},
        {"role": "assistant", "content": "..."},
    ]
    assert conversation_context(history) == "What is the punishment for cyber stalking under PECA? and the fine?"
    assert analyse("is it bailable?", history).context.startswith("What is the punishment for cyber stalking")


@pytest.mark.parametrize("asked, reply, subjects", [
    # a question that asks to identify something: its reply names what the next turn points at
    ("Who accredits certification service providers?",
     "Under section 18 of the ETO, the Electronic Certification Accreditation Council (the Certification Council) "
     "accredits them. It is set up by the Federal Government.",
     ("Electronic Certification Accreditation Council", "Certification Council")),
    ("After the 2025 amendment, which agency investigates cybercrime?",
     "The National Cyber Crime Investigation Agency (NCCIA) replaces the FIA's Cyber Crime Wing.",
     ("National Cyber Crime Investigation Agency", "NCCIA", "FIA's Cyber Crime Wing")),
    ("What is CoE-AI?", "The draft policy proposes Centers of Excellence in AI. They are funded by the National AI "
     "Fund. They run incubators. The Tribunal is elsewhere.", ("Centers of Excellence", "National AI Fund")),
    # "where" asks for a place or a forum, which the reply names ("if we lose there ...")
    ("If the Authority decides against us, where can we appeal?",
     "Any person aggrieved by a decision of the Authority may appeal to the Social Media Protection Tribunal.",
     ("Authority", "Social Media Protection Tribunal")),
    # "what's" is "what is"
    ("what's the name of the new social media regulator created in 2025?",
     "The 2025 amendment to PECA creates the Social Media Protection and Regulatory Authority, with its principal "
     "office in Islamabad.", ("Social Media Protection and Regulatory Authority",)),
    # any other question's reply names bodies only in passing
    ("Can we complain to the new social media Authority?",
     "Yes: the Social Media Protection and Regulatory Authority receives complaints.", ()),
    ("How long must we keep traffic data?", "One year, or as the Authority notifies.", ()),
])
def test_the_reply_to_an_identifying_question_names_what_a_follow_up_points_at(asked, reply, subjects):
    history = [{"role": "user", "content": asked}, {"role": "assistant", "content": reply}]
    assert reply_subjects(history) == subjects
    query = analyse("What is its composition?", history)
    assert query.context == " ".join((asked, *subjects))


def test_a_reply_names_the_catalog_documents_it_opens_with():
    sources = load_catalog(Settings.from_env(env={}))
    history = [{"role": "user", "content": "Which law created the NCCIA?"},
               {"role": "assistant", "content": "The PECA (Amendment) Act 2025, in its section 6."}]
    query = analyse("When was that Act passed?", history, sources=sources)
    assert "peca-amendment-act-2025" in query.context_documents


def test_a_continuation_without_a_kind_of_its_own_takes_the_earlier_questions_kind():
    assert analyse("and for a company?", HISTORY).expected is Expected.PENALTY
    assert analyse("what about cyber stalking?", HISTORY).expected is Expected.PENALTY
    assert analyse("How long does it last?", HISTORY).expected is Expected.QUANTITY
    assert analyse("Is that offence bailable?", HISTORY).expected is Expected.OTHER


def test_clause_references_come_from_the_turn_or_else_from_its_context():
    history = [{"role": "user", "content": "What does section 24 of PECA say?"}]
    assert [r.label for r in analyse("Quote section 26A.", history).references] == ["26A"]
    assert [r.label for r in analyse("and what is the penalty under that section?", history).references] == ["24"]


@pytest.mark.parametrize("text, script", [
    ("What is the punishment for spoofing?", Script.ENGLISH),
    ("hacking ki saza kya hai?", Script.ROMAN_URDU),
    ("سائبر دہشت گردی کی سزا کیا ہے؟", Script.URDU),
])
def test_script_is_detected_once(text, script):
    assert analyse(text).script is script


@pytest.mark.parametrize("question, term", [
    ("How does PECA define a 'minor'?", "minor"),
    ("Would we count as a 'social media platform'?", "social media platform"),
    ("What is the punishment for spoofing?", ""),
])
def test_the_defined_term_asked_for_is_part_of_the_query(question, term):
    assert analyse(question).term == term


def _catalog_row(doc_id: str, short_name: str, *aliases: str):
    from assistant.types import DocStatus, Source

    return Source(id=doc_id, title=short_name, short_name=short_name, issuer="", date="", status=DocStatus.IN_FORCE,
                  available=True, aliases=aliases)


CATALOG = [_catalog_row("peca", "PECA", "prevention of electronic crimes act"), _catalog_row("eto", "ETO"),
           _catalog_row("peca-amendment", "PECA (Amendment) Act 2025")]


@pytest.mark.parametrize("question, history, documents, context_documents", [
    ("What does section 20 of PECA say?", [], ("peca",), ()),
    ("Compare ETO s. 36 with the Prevention of Electronic Crimes Act", [], ("peca", "eto"), ()),
    # the longer name is the Amendment Act, not PECA itself
    ("What did the PECA (Amendment) Act 2025 change?", [], ("peca-amendment",), ()),
    # a follow-up leans on the document its context names; a new question does not
    ("and the fine?", [{"role": "user", "content": "What is spoofing under PECA?"}], (), ("peca",)),
    ("Does the ETO cover wills?", [{"role": "user", "content": "What is spoofing under PECA?"}], ("eto",), ()),
    ("What is the punishment for hacking?", [], (), ()),
])
def test_the_query_names_the_catalog_documents_once(question, history, documents, context_documents):
    query = analyse(question, history, sources=CATALOG)
    assert (query.documents, query.context_documents) == (documents, context_documents)
    assert query.named_documents == documents + context_documents


@pytest.mark.parametrize("question, denied", [
    # what a third party did not do
    ("They logged into our server and looked through customer records. They didn't change or copy anything.",
     ("didn't change or copy anything",)),
    ("An outsider broke into it but didn't change anything. What is the punishment?", ("didn't change anything",)),
    ("He did not delete anything, but read the files.", ("did not delete anything",)),
    # the asker's own omission is the subject
    ("We didn't register with the Authority. What fine do we face?", ()),
    ("I didn't keep the logs. Is that an offence?", ()),
    # present-tense omissions are what the question asks about
    ("What if the platform doesn't comply with the Authority's direction?", ()),
    ("What happens if we don't keep connection logs?", ()),
    # Roman Urdu: the denial follows the act, and the clause starts at a comma or "lekin"/"magar" (but)
    ("Purane mulazim ne admin panel mein login kar ke orders dekhe, lekin kuch badla ya copy nahi kiya. Kya saza hai?",
     ("kuch badla ya copy nahi kiya",)),
    ("Kisi ne hamare server mein ghus kar files parhi magar koi file delete nahin ki. Kya saza hai?",
     ("koi file delete nahin ki",)),
    # ... the asker's own omission ("hum ne", "maine"), and what is not done now, are the subject
    ("Hum ne PTA ke saath registration nahi kiya. Kya jurmana hoga?", ()),
    ("Maine logs save nahi kiye, kya ye jurm hai?", ()),
    ("Agar platform authority ki baat nahi maanta to kya hoga?", ()),
])
def test_acts_a_third_party_did_not_do_are_denied(question, denied):
    assert denied_acts(question) == denied


def test_denied_acts_are_not_searched_and_a_bare_offence_ask_is_searched_by_punishment():
    query = analyse("Someone logged into our billing server. They didn't copy anything. Is that a crime?")
    assert query.text.endswith("Is that a crime?")  # the turn itself is kept as typed
    assert "copy" not in query.search_text
    assert query.expected is Expected.PENALTY and query.search_text.endswith("punishment")
    named = analyse("What is the punishment for hacking?")
    assert named.search_text == named.text


@pytest.mark.parametrize("turn, question", [
    # acknowledgements and topic signals are conversation, not part of the question
    ("Fine. Who sits on the Social Media Protection and Regulatory Authority?",
     "Who sits on the Social Media Protection and Regulatory Authority?"),
    ("New topic: who hears appeals from the Tribunal?", "Who hears appeals from the Tribunal?"),
    ("OK, unrelated question: do I have to pay stamp duty on an e-contract?",
     "Do I have to pay stamp duty on an e-contract?"),
    ("Okay. Thanks. Who chairs the board?", "Who chairs the board?"),
    ("Acha, iski saza kya hai?", "Iski saza kya hai?"),
    # typed without a stop, an acknowledgement before "and"/"so" is known by a word that only acknowledges
    ("ok and who would actually run it?", "And who would actually run it?"),
    ("Thanks so what is the fine?", "So what is the fine?"),
    ("Good and bad uses of AI: what does the policy say?", "Good and bad uses of AI: what does the policy say?"),
    ("Fine and imprisonment both?", "Fine and imprisonment both?"),
    # a subject before the colon, and a turn with nothing after the opener, are kept
    ("Spoofing: what is the penalty?", "Spoofing: what is the penalty?"),
    ("Good faith: is it a defence under PECA?", "Good faith: is it a defence under PECA?"),
    ("Fine for spamming?", "Fine for spamming?"),
    ("Thanks!", "Thanks!"),
])
def test_a_turns_opening_acknowledgement_is_not_part_of_its_question(turn, question):
    assert without_opener(turn) == question


def test_an_acknowledged_follow_up_is_still_a_follow_up_and_a_new_topic_is_not():
    history = [{"role": "user", "content": "What is the punishment for spoofing under PECA?"}]
    follow_up = analyse("Thanks. And the fine?", history)
    assert follow_up.is_follow_up and follow_up.text == "And the fine?"
    new_topic = analyse("Fine. Who sits on the Social Media Protection and Regulatory Authority?", history)
    assert not new_topic.is_follow_up and "Fine" not in new_topic.search_text


class _Cited:
    def __init__(self, *sections: str) -> None:
        self.citations = [type("Citation", (), {"section": section})() for section in sections]


@pytest.mark.parametrize("history, sections", [
    # The chat app keeps each Answer: its citations say what the reply answered from.
    ([{"role": "user", "content": "Is stalking online a crime?"},
      {"role": "assistant", "content": "Cyber stalking.— (1) A person commits ...",
       "answer": _Cited("24", "24", "24A")}],
     ("24", "24A")),
    # A conversation kept as text names them.
    ([{"role": "user", "content": "Is it a crime?"},
      {"role": "assistant", "content": "It can be. Under section 24 of PECA, cyber stalking is punishable ..."}],
     ("24",)),
    ([{"role": "user", "content": "Is it a crime?"}], ()),
    ([], ()),
])
def test_the_sections_the_last_reply_answered_from(history, sections):
    assert reply_sections(history) == sections


@pytest.mark.parametrize("turn, sections", [
    # A follow-up that changes one fact of the case keeps the offence the reply answered from...
    ("and if the person is 14?", ("24",)),
    ("what if it's my 15 year old sister he's doing this to?", ("24",)),
    ("And if the victim is my 16-year-old son?", ("24",)),
    # ...one that asks the question of something else, or a new ask, or a new question, does not.
    ("and what about spoofing?", ()),
    ("How long does that tribunal get to decide?", ()),
    ("What is the punishment for spoofing under PECA?", ()),
])
def test_only_a_follow_up_changing_a_fact_keeps_the_replys_sections(turn, sections):
    history = [{"role": "user", "content": "My ex keeps messaging me from new accounts. Is that a crime?"},
               {"role": "assistant", "content": "Under section 24 of PECA this is cyber stalking."}]
    assert analyse(turn, history).reply_sections == sections


@pytest.mark.parametrize("turn", ["and if the victim is my 16-year-old son?",
                                  "But what if the company is based in Dubai?",
                                  "so if the server is abroad, does PECA still apply?"])
def test_a_turn_that_is_a_condition_on_the_last_case_is_a_follow_up(turn):
    assert needs_context(turn)


@pytest.mark.parametrize("question, duty", [
    ("Are we legally required to encrypt customer passwords?", True),
    # a duty to follow a law as a whole asks whether the law reaches the asker, which its extent answers
    ("Do we have to follow PECA if our company and servers are based in Dubai?", False),
    ("Are we, a foreign company, required to comply with Pakistan's cybercrime law?", False),
])
def test_a_duty_to_follow_a_whole_law_is_a_question_of_its_reach(question, duty):
    assert analyse(question, sources=load_catalog(Settings.from_env(env={}))).asks_private_duty is duty


@pytest.mark.parametrize("history, turns", [
    # earlier questions kept as plain strings are user turns
    (["What is spoofing?"], [{"role": "user", "content": "What is spoofing?"}]),
    ([{"role": "user", "content": "What is spoofing?"}, {"role": "assistant", "content": "Spoofing is ..."}],
     [{"role": "user", "content": "What is spoofing?"}, {"role": "assistant", "content": "Spoofing is ..."}]),
    # entries with no role or no text are left out, not a crash
    ([None, 7, {"content": "no role"}, {"role": "user"}, {"role": "system", "content": "be brief"}], []),
    (None, []),
])
def test_a_history_is_read_as_role_and_content_turns(history, turns):
    from assistant.query import conversation_turns

    assert conversation_turns(history) == turns
