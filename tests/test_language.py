"""The glossary: everyday and Roman-Urdu words reach the terms the statutes use, declared as data."""
from __future__ import annotations

import re

import pytest

from assistant.language import (abbreviation_subject, compound_parts, expand_query, glossary, glossary_terms,
                                keyword_tokens, roman_urdu_terms, split_compounds, word_stem)
from tests.conftest import CORPUS_DIR


@pytest.mark.parametrize("question, terms", [
    ("Is it a crime to write and sell malware?", ["malicious code"]),
    ("Someone hacked our server and leaked customers' data",
     ["unauthorized access information system", "information system", "disclose information", "subscriber user"]),
    ("Do we have to register our platform?", ["enlistment"]),
    ("We send promotional SMS to customers", ["spamming unsolicited information", "subscriber user"]),
    # A clipped word is the word it stands for.
    ("Do we need an unsubscribe link in our promo emails?",
     ["spamming unsolicited information", "electronic communication electronic form"]),
    ("What is the punishment for spoofing?", []),
    ("Is an order we received by email binding?",
     ["electronic communication electronic form", "legal recognition enforceability"]),
    ("A former employee wiped a month of invoices", ["interferes damages information system data"]),
    ("Can we be held responsible for what users post, and must we screen it?", ["liability", "monitor"]),
    ("The regulator blocked our page; how do we challenge that?", ["authority", "appeal review"]),
    # Losing before a body and taking it higher is an appeal by the one aggrieved.
    ("How quickly does it decide, and where do I go if I lose there?", ["aggrieved appeal"]),
    ("If we lose the case at the Tribunal, can we take it further?", ["aggrieved appeal", "appeal"]),
    ("Will I lose my licence?", []),
    ("Can they shut the whole app down?", ["block"]),
    ("A scammer pretended to be our supplier and tricked us into paying",
     ["deceives"]),
    # A phrase is a key too, found where it stands: "arrest without a warrant" is the statutes' "cognizable".
    ("Can they arrest him without a warrant, and will he get bail?", ["cognizable", "bailable"]),
    ("Is arrest without warrant allowed?", ["cognizable"]),
    # settling with the accused is compounding the offence
    ("Can we settle it with him out of court?", ["compoundable"]),
    ("Is a settlement allowed once the case is filed?", ["compoundable"]),
    # a regulator acting unprompted acts on its own motion; a party abroad is outside Pakistan
    ("Can the regulator start action on its own if nobody complains?", ["authority", "own motion"]),
    ("My client is abroad; does the law cover the deal?", ["subscriber user", "outside Pakistan"]),
    ("We sell to buyers in another country", ["outside Pakistan"]),
    ("Someone logged into our server without permission",
     ["access information system", "information system", "without authorization unauthorized"]),
    # a word inside a phrase is read as part of it: signing in is access, "logs" alone are traffic data
    ("He logs in from home every night", ["access information system"]),
    ("Must we keep server logs?", ["retain", "information system", "traffic data"]),
    ("We run an online marketplace; can we be held liable for a seller's post?", ["service provider", "liability"]),
    ("Does the warrant say without what?", []),
    ("Must we keep connection logs?", ["retain", "traffic data"]),
    ("Can a repair shop change a phone's IMEI?", ["unique device identifier"]),
    ("Someone is selling copies of my CNIC", ["identity information"]),
    ("Can a shop keep a copy of my ID card?", ["retain", "identity information"]),
    # a site made to pass for someone else's is spoofing, however it is described
    ("Someone built a lookalike of our bank's page", ["spoofing counterfeit source website"]),
    ("A copycat shop is taking our orders", ["spoofing counterfeit source website"]),
    ("They put up a fake website with our logo", ["spoofing counterfeit source website"]),
    # a two-word phrase is found with a few words between its words
    ("Someone set up a fake copy of our bank's website", ["spoofing counterfeit source website"]),
    ("A fake profile was set up, then shared on a website", []),
    # hatred between faiths or sects is s. 11's "interfaith, sectarian or racial hatred"
    ("What is the fine for stirring up religious hatred online?", ["interfaith sectarian"]),
    # trying a product on real people under a regulator's eye is the draft policy's regulatory sandbox
    ("Can we trial our AI app with real users first?", ["regulatory sandbox"]),
    ("Which court holds the trial of a PECA offence?", []),
    ("We want to test it on real customers under lighter rules", ["regulatory sandbox"]),
    # not doing what the regulator directs is s. 2U's "violation or non-implementation" of its directions
    ("What if our app ignores the regulator's orders?", ["violation non implementation"]),
    ("What if we do not follow the Authority's directions?", ["violation non implementation"]),
    # complying with or ignoring a rule is said of any duty: no section's words are brought for it
    ("What happens if a provider doesn't comply?", []),
    ("What if a provider ignores the rule?", []),
    # officers who raid an office, or take its computers away, search and seize (PECA ss. 35-36)
    ("Officers raided our office", ["search seizure"]),
    ("They took away our laptops", ["seized seizure", "information system"]),
    ("Can they cart off all the servers?", ["seized seizure", "information system"]),
    ("Can they just haul away every server we have?", ["seized seizure", "information system"]),
    # taking alone is said of anything
    ("It took us two days to restore the site", []),
    # the FIA is the statutes' Federal Investigation Agency (PECA s. 29(5)), a word, not part of one
    ("Is it still the FIA that investigates?", ["Federal Investigation Agency investigation agency"]),
    ("Ask Sofia about it", []),
    # premises sold are the ETO's immovable property (s. 31(1)(e))
    ("Can we sell our shop premises with an e-signed agreement?", ["immovable property", "signature"]),
    # a hyphenated word is one key, not its parts: a made-up story is fake information, a board made up of members
    # is not
    ("Someone posted a made-up story about our restaurant", ["fake false information"]),
    ("The board is made up of five members", []),
])
def test_everyday_words_bring_the_statutes_terms(question, terms):
    assert glossary_terms(question) == terms


@pytest.mark.parametrize("word, terms", [
    # the singular or plural of a listed word brings the same terms
    ("clients", ["subscriber user"]), ("client", ["subscriber user"]), ("laptops", ["information system"]),
    ("grant", ["fund grant"]), ("keeps", ["retain"]), ("hosts", ["service provider"]),
    # a participle or -ing form, or a word sharing only a stem, is left out
    ("stored", []), ("market", []), ("logged", []), ("regulations", []), ("response", []),
])
def test_the_singular_or_plural_of_a_glossary_word_brings_its_terms(word, terms):
    assert glossary_terms(f"Is this about {word}?") == terms


def test_a_will_in_roman_urdu_or_urdu_is_the_etos_testamentary_disposition():
    assert "will testamentary disposition" in glossary_terms("Kya main apni wasiyat online likh kar sign kar sakta hoon?")
    assert "will testamentary disposition" in glossary_terms("کیا میری وصیت آن لائن لکھی جا سکتی ہے؟")


def test_urdu_research_and_its_funding_bring_the_policys_words():
    terms = glossary_terms("تحقیق یا تھیسس کے لیے کتنی مالی مدد ملے گی؟")
    assert {"research", "thesis", "fiscal financial"} <= set(terms)
    assert "research" not in glossary_terms("ایف آئی اے کی تحقیقات کتنے دن چلیں گی؟")


def test_roman_urdu_words_are_expanded_only_in_a_roman_urdu_question():
    assert "punishment imprisonment" in glossary_terms("hacking ki saza kya hai?")
    assert roman_urdu_terms("hacking ki saza kya hai?") == ["hacking", "saza"]
    assert glossary_terms("The saza of it") == []  # English with one Urdu-looking word: not Roman Urdu


@pytest.mark.parametrize("question, terms", [
    # who did what, and with or without leave: the everyday verbs of a complaint in Roman Urdu
    ("Koi meri CNIC bina ijazat istemal kar raha hai, saza kya hai?",
     ["identity information", "without", "authorization permission", "uses", "punishment imprisonment"]),
    ("Us ne meri details baghair ijazat bech di hain, kya saza hai?",
     ["without", "authorization permission", "sells", "punishment imprisonment"]),
    ("Kisi ne meri tasaveer jaali account par lagayi, kya ye jurm hai?",
     ["image photograph pictures", "forgery false", "offence"]),
    ("Woh dehshatgard tanzeem ke liye chanda jama kar raha hai", ["terrorism", "fund funding"]),
    ("Koi mera peecha kar raha hai aur dhamkiyan de raha hai", ["stalking follows", "threat intimidates"]),
    ("Mujhe badnaam karne ke liye fake post dali gayi hai", ["harms reputation", "fake false"]),
])
def test_roman_urdu_complaint_words_reach_the_terms_of_the_texts(question, terms):
    assert glossary_terms(question) == terms


@pytest.mark.parametrize("question, terms", [
    # the same word in another spelling: e for a, long vowels doubled or not
    ("Koi dahshatgardi ke liye paise jama kar raha hai, kya saza hai?", ["terrorism", "punishment imprisonment"]),
    ("Meri tasveer bina ijazat lagayi gayi, kya ye jurm hai?",
     ["image photograph pictures", "without", "authorization permission", "offence"]),
    ("Kya is par jurmaane ki had hai?", ["fine"]),
    ("Tehqeeqat kaun karta hai aur adaalat kahan hai?", ["investigation", "court tribunal"]),
    # words that look alike but are not: "karein" (do) is not "khabrein" (news), "police" (an everyday word) not
    # "policy", "bechaini" (unease) no form of "bechna" (sell), and "bache" could be "bacha" (child) or "bech" (sell)
    ("Hum kya karein agar police aaye?", ["investigation agency authorized officer"]),
    ("Mujhe bechaini hai, kya bache ka account band ho sakta hai?", []),
])
def test_a_roman_urdu_word_in_another_spelling_reaches_the_glossary_terms(question, terms):
    assert glossary_terms(question) == terms


@pytest.mark.parametrize("question, expected, not_expected", [
    # an English verb with "kar diya" is a deed done: its past form's terms
    ("Kisi ne hamare server ka sara data delete kar diya, kya saza hai?",
     "interferes damages information system data", "removal"),
    ("Us ne hamara system crash kar diya, kya ye jurm hai?", "interferes damages information system data", None),
    ("Mera account hack kar liya gaya, kya saza hai?", "unauthorized access information system", None),
    # the plain verb where nothing is said to be done: the takedown's removal
    ("Kya Authority meri post delete karwa sakti hai?", "removal", "interferes damages information system data"),
])
def test_an_english_verb_done_in_roman_urdu_reads_as_its_past_form(question, expected, not_expected):
    terms = glossary_terms(question)
    assert expected in terms and (not_expected is None or not_expected not in terms), terms


def test_a_question_without_glossary_words_is_searched_as_typed():
    assert expand_query("What does section 20 of PECA say?") == "What does section 20 of PECA say?"


@pytest.mark.parametrize("table", ["everyday", "urdu"])
def test_every_statute_term_of_a_table_occurs_in_the_indexed_texts(table):
    """The table must point at words the documents really use, or it only adds noise to the search."""
    from pypdf import PdfReader

    text = " ".join(page.extract_text() or "" for pdf in sorted(CORPUS_DIR.glob("*.pdf"))
                    for page in PdfReader(pdf).pages).lower()
    words = set(re.findall(r"[a-z]+", text))
    missing = sorted({term.lower() for value in glossary()[table].values() for term in value.split()} - words)
    assert missing == []


@pytest.mark.parametrize("word, meets", [
    ("bailable", "bail"),            # Snowball keeps "-able" on short roots; the stemmer strips it
    ("non-bailable", "bail"),
    ("lapsable", "lapse"),
    ("punishable", "punishment"),    # Snowball already joins these
    ("cognizable", "cognizance"),
])
def test_able_adjectives_meet_their_root(word, meets):
    from assistant.language import stemmed_tokens

    assert stemmed_tokens(word)[-1] == word_stem(meets)


@pytest.mark.parametrize("text, tokens", [
    ("a will or any form of testamentary disposition", ["will", "form", "testamentary", "disposition"]),
    ("Does the ETO cover a will?", ["eto", "cover", "will"]),
    ("Does the ETO cover wills?", ["eto", "cover", "wills"]),
    ("Will the ETO cover it?", ["eto", "cover"]),                 # the modal verb is a function word
    ("the Authority will, by notification", ["authority", "notification"]),
    ("published on 30 May 2025", ["published", "30", "may", "2025"]),
    ("the May 2023 draft", ["may", "2023", "draft"]),
    ("the Authority may, by notification", ["authority", "notification"]),
])
def test_a_stopword_used_as_a_noun_is_a_content_word(text, tokens):
    assert keyword_tokens(text) == tokens


@pytest.mark.parametrize("word, root", [("capable", "cap"), ("liable", "li"), ("table", "t")])
def test_short_able_words_are_not_cut_to_another_word(word, root):
    assert word_stem(word) != word_stem(root)


@pytest.mark.parametrize("question, terms", [
    ("پیکا میں سائبر اسٹاکنگ کی سزا کیا ہے؟", ["electronic crimes", "cyber", "stalking", "punishment imprisonment"]),
    # Arabic letter forms of yeh and keheh are read as the Urdu ones.
    ("سزا كيا ہے؟", ["punishment imprisonment"]),
    # Urdu words are looked up only in Urdu script, English ones only in Latin script.
    ("What is the سزا for hacking?", ["unauthorized access information system"]),
])
def test_urdu_words_reach_the_terms_of_the_texts(question, terms):
    assert glossary_terms(question) == terms


KNOWN = frozenset(word_stem(w) for w in "cyber stalking terrorism crime smart phone lap top block chain data".split())


@pytest.mark.parametrize("word, parts", [
    ("cyberstalking", ("cyber", "stalking")),
    ("cyberterrorism", ("cyber", "terrorism")),
    ("smartphone", ("smart", "phone")),
    ("blockchain", ("block", "chain")),
    ("laptop", None),      # "top" is shorter than a compound's tail may be
    ("cyber", None),       # a known word is not split
    ("crimes", None),      # nor is a known word's inflection
    ("ransomware", None),  # parts the texts do not use
])
def test_an_unknown_word_made_of_two_known_words_is_split(word, parts):
    assert compound_parts(word, KNOWN) == parts


def test_only_the_unknown_compounds_of_a_question_are_split():
    assert split_compounds("What is the punishment for cyberstalking on a smartphone?", KNOWN) == "cyber stalking smart phone"
    assert split_compounds("What is the punishment for cyber stalking?", KNOWN) == ""


@pytest.mark.parametrize("sentence, introduced", [
    ("The ARD will provide regulatory support.", "(ARD)"),
    ("IV. The ARD will oversee AI operations.", "(ARD)"),
    ("CoE-AI shall develop guidelines.", "(CoE-AI)"),
    ("An AI Regulatory Directorate (ARD) shall be constituted.", ""),
    ("The Authority shall decide.", ""),
    ("III.", ""),
])
def test_a_sentence_opening_with_an_abbreviation_names_it(sentence, introduced):
    assert abbreviation_subject(sentence) == introduced
