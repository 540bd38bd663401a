"""decide(): answer or decline from retrieval evidence with the fitted model; everyday words never decline alone."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from assistant.decide import (FEATURES, MODEL_PATH, NO_STATED_DUTY_TEXT, NO_STATUTE_DUTY_TEXT, NOT_FOUND_TEXT, Decision,
                              DeclineModel, WORLD_STATE_TEXT, decide, features, load_model)
from assistant.query import analyse
from assistant.types import AnswerStatus, Chunk, DocStatus, Hit, Source


def hit(section: str, dense: float, bm25: float, text: str = "Whoever commits the offence shall be punished.",
        status: DocStatus = DocStatus.CONSOLIDATED) -> Hit:
    chunk = Chunk(id=f"c{section}", doc_id="peca", doc_status=status, section=section,
                  section_title="", heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)
    return Hit(chunk, 0.1, {"dense": dense, "bm25": bm25})


def test_the_shipped_model_matches_the_features_and_records_its_calibration():
    data = json.loads(MODEL_PATH.read_text())
    assert tuple(data["features"]) == FEATURES
    assert data["cross_validated"]["wrong_declines"] <= 0.03
    assert "fitted_on" in data and 0 < data["threshold"] < 1


def test_probability_is_the_logistic_of_the_standardised_weighted_sum():
    model = DeclineModel(weights=(1.0,) + (0.0,) * (len(FEATURES) - 1), bias=0.0, means=(0.5,) * len(FEATURES),
                         scales=(0.25,) * len(FEATURES), threshold=0.5)
    values = dict.fromkeys(FEATURES, 0.5)
    assert model.probability(values) == pytest.approx(0.5)
    assert model.probability({**values, "dense_top": 0.75}) == pytest.approx(1 / (1 + 2.718281828 ** -1), rel=1e-6)


@pytest.mark.parametrize("question, unknown_share", [
    # Everyday business words the statutes do not use are one feature among several, never a verdict.
    ("Is it a crime to write and sell malware in Pakistan?", 0.25),
    ("Our shop keeps customers' data on a server", 0.6),
    ("What is the punishment for spoofing?", 0.0),
])
def test_unknown_share_counts_subject_words_the_corpus_never_uses(question, unknown_share):
    vocabulary = {"crime", "write", "sell", "pakistan", "keep", "data", "punishment", "spoof", "spoofing"}
    assert features(analyse(question), [], vocabulary)["unknown_share"] == pytest.approx(unknown_share, abs=0.01)


MALICIOUS_CODE = ("Whoever writes or distributes malicious code shall be punished with imprisonment for a term which "
                  "may extend to two years.")


@pytest.mark.parametrize("question, hits, status", [
    # Strong, agreeing evidence answers even with a word the statute never uses.
    ("Is it a crime to write and sell malware?", [hit("23", 0.74, 9.0, MALICIOUS_CODE), hit("23", 0.70, 8.0),
                                                   hit("22", 0.5, 3.0)], AnswerStatus.ANSWERED),
    # Weak evidence and nothing of the domain: outside the assistant's subject.
    ("Give me a recipe for chicken biryani.", [hit("9", 0.18, 0.0), hit("2", 0.15, 0.0)], AnswerStatus.OUT_OF_DOMAIN),
    # Weak evidence on an in-domain question: not in the documents.
    ("Which firm audits the cyber security of government websites?", [hit("2", 0.30, 0.5), hit("5", 0.28, 0.2)],
     AnswerStatus.NOT_IN_CORPUS),
])
def test_decisions_follow_the_evidence(question, hits, status):
    vocabulary = {"crime", "write", "sell", "recipe", "software", "tax", "rate"}
    assert decide(analyse(question), hits, vocabulary).status is status


def test_a_figure_question_whose_passages_state_no_figure_is_declined_before_generation():
    text = "The Authority shall charge such fee for enlistment as may be prescribed."
    hits = [hit("2Q", 0.80, 12.0, text), hit("2Q", 0.78, 11.0, text), hit("2R", 0.7, 8.0, text)]
    decision = decide(analyse("How much is the enlistment fee for a social media platform?"), hits,
                      {"enlistment", "fee", "social", "media", "platform"})
    assert decision.status is AnswerStatus.NOT_IN_CORPUS
    assert "state no such amount" in decision.text
    assert decision.closest is hits[0], "the user is told where the documents deal with the subject"


@pytest.mark.parametrize("question, status", [
    # the figure is the whole ask: its absence declines
    ("How much is the enlistment fee for a social media platform?", AnswerStatus.NOT_IN_CORPUS),
    # another ask of the question is answered by the passages; the missing fee alone does not decline it
    ("Must a social media platform enlist with the Authority, and how much is the enlistment fee?",
     AnswerStatus.ANSWERED),
])
def test_a_missing_figure_declines_only_a_question_that_asks_nothing_else(question, status):
    text = "The Authority may require any social media platform to enlist on payment of such fee as may be prescribed."
    hits = [hit("2Q", 0.80, 12.0, text), hit("2Q", 0.78, 11.0, text), hit("2R", 0.7, 8.0, text)]
    vocabulary = {"enlistment", "enlist", "fee", "social", "media", "platform", "authority", "must"}
    assert decide(analyse(question), hits, vocabulary).status is status


def _from(status: DocStatus, section: str) -> Hit:
    chunk = hit(section, 0.7, 9.0, "CoE-AI shall develop guidelines for the use of generative AI.").chunk
    return Hit(replace(chunk, doc_id=status.value, doc_status=status), 0.1, {"dense": 0.7, "bm25": 9.0})


@pytest.mark.parametrize("question, statuses, declined", [
    # Whether a business must do something: a policy's passages bind no business, so they cannot say it must.
    ("Are we obliged to label AI-made images?", [DocStatus.DRAFT] * 3, True),
    ("Are we obliged to label AI-made images?", [DocStatus.DRAFT, DocStatus.FINAL, DocStatus.USER], True),
    # A statute among the best passages may set the duty: the usual evidence decides.
    ("Are we obliged to label AI-made images?", [DocStatus.DRAFT, DocStatus.DRAFT, DocStatus.CONSOLIDATED], False),
    # What a government body must do is what a policy sets out.
    ("Must CoE-AI develop guidelines for generative AI?", [DocStatus.DRAFT] * 3, False),
])
def test_a_duty_of_a_business_is_set_only_by_a_statute(question, statuses, declined):
    hits = [_from(status, str(n)) for n, status in enumerate(statuses)]
    decision = decide(analyse(question), hits, {"label", "imag", "coe", "ai", "develop", "guidelin", "generat"})
    assert (decision.text == NO_STATUTE_DUTY_TEXT) is declined
    if declined:
        assert decision.status is AnswerStatus.NOT_IN_CORPUS and decision.closest is hits[0]


def test_a_named_clause_is_answered_without_consulting_the_model():
    named = Hit(hit("26A", 0.1, 0.0).chunk, 1.0, {"clause": 1.0})
    assert decide(analyse("Quote section 26A"), [named], set(), model=None).answers
    assert load_model() is load_model(), "the model file is read once"


@pytest.mark.parametrize("question", [
    "How many people have been charged under section 26A so far?",
    "Who is currently the Chairperson under section 2B?",
])
def test_events_under_a_named_clause_are_not_in_it(question):
    named = Hit(hit("26A", 0.1, 0.0).chunk, 1.0, {"clause": 1.0})
    decision = decide(analyse(question), [named], set(), model=None)
    assert decision.status is AnswerStatus.NOT_IN_CORPUS and decision.text == WORLD_STATE_TEXT
    assert decision.closest is named


@pytest.mark.parametrize("question", [
    "Which forensic laboratory has the government designated to examine seized laptops?",
    "Have the Social Media Protection Tribunals actually been set up yet?",
    "Who is the current Chairperson of the Authority?",
])
def test_the_state_of_the_world_is_declined_however_close_the_passages(question):
    # The passages on the body the law provides for are close; which one exists now is in no indexed text.
    close = [hit("39", 0.9, 30.0), hit("2B", 0.85, 25.0)]
    decision = decide(analyse(question), close, {"forens", "laboratori", "tribun", "chairperson", "author"},
                      model=None)
    assert decision.status is AnswerStatus.NOT_IN_CORPUS and decision.text == WORLD_STATE_TEXT
    assert decision.closest is close[0]


# Chunk frequencies as in a statute: "social", "media", "platform" in many passages, "compliance", "officer",
# "appoint" in few.
FREQUENCY = {"social": 60, "media": 60, "platform": 55, "foreign": 8, "appoint": 6, "local": 10, "complianc": 4,
             "offic": 30, "enlist": 5, "author": 90}


@pytest.mark.parametrize("question, text, low", [
    # the passage shares the common words, not the telling ones
    ("Must foreign social media platforms appoint a local compliance officer?",
     "The Authority may require any social media platform to enlist with it.", True),
    ("Must social media platforms enlist with the Authority?",
     "The Authority may require any social media platform to enlist with it.", False),
])
def test_specific_coverage_weights_the_words_few_passages_use(question, text, low):
    from assistant.decide import coverage, specific_coverage

    query = analyse(question)
    words = [w for w in query.text.lower().rstrip("?").split() if len(w) > 2]
    hits = [hit("2Q", 0.6, 5.0, text)]
    specific = specific_coverage(words, hits, FREQUENCY)
    assert (specific < 0.5) is low
    if low:
        assert specific < coverage(words, hits), "the common words carry the plain coverage"


def test_specific_coverage_without_frequencies_is_zero():
    from assistant.decide import specific_coverage

    assert specific_coverage(["officer"], [hit("2Q", 0.6, 5.0)], {}) == 0.0


# A statute's passage on complaints, with figures about other things in it (a council's size, a term of office).
COMPLAINTS = ("The social media platforms shall maintain an effective and transparent procedure for handling "
              "complaints of users against unlawful content. Five members, one of them a retired judge, shall sit on the "
              "Complaint Council. The Complaint Council shall have a chairperson and four other members.")
# The same procedure, with a period in days that is about something else: the members' term.
COMPLAINTS_WITH_TERM = COMPLAINTS.replace("The Complaint Council shall have a chairperson and four other members.",
                                          "The members of the Complaint Council shall hold office for ninety days.")
RETENTION = ("A service provider shall retain its specified traffic data for a minimum period of one year. "
             "The data shall be provided to the investigation agency when required.")


@pytest.mark.parametrize("question, text, history, off_topic", [
    # The procedure is there, the deadline is not: the period in days is the council members' term.
    ("Within how many days must a social media platform resolve a user's complaint?", COMPLAINTS_WITH_TERM, (),
     True),
    # The figure sentence is what the question asks about.
    ("For how long must a service provider keep traffic data?", RETENTION, (), False),
    # The same question in Roman Urdu or as a follow-up is not judged: the English sentence model reads
    # neither a Roman Urdu question nor a follow-up's subject.
    ("Social media platform ko complaint kitne din mein resolve karni hogi?", COMPLAINTS, (), False),
    ("And within how many days must they resolve it?", COMPLAINTS,
     ({"role": "user", "content": "Must social media platforms handle complaints about unlawful content?"},
      {"role": "assistant", "content": "Yes."}), False),
])
def test_a_figure_stated_only_far_from_the_question_is_no_answer(embedders, question, text, history, off_topic):
    from assistant.decide import figure_is_off_topic

    query = analyse(question, history)
    assert query.expected.value == "quantity"
    assert figure_is_off_topic(query, [hit("2S", 0.6, 5.0, text)], embedders.dense) is off_topic


@pytest.mark.parametrize("question, text, gap", [
    # Not a figure question: nothing to measure.
    ("Must social media platforms handle complaints about unlawful content?", COMPLAINTS, 0.0),
    # The figure sentence is the closest sentence: no gap.
    ("For how long must a service provider keep traffic data?", RETENTION, 0.0),
    # No sentence states a figure on the subject: the largest gap.
    ("How many days does a platform have to resolve a complaint?",
     "The social media platforms shall maintain a transparent procedure for handling complaints of users.", 1.0),
])
def test_figure_gap_measures_how_far_the_figures_are_from_the_question(embedders, question, text, gap):
    from assistant.decide import figure_gap

    assert figure_gap(analyse(question), [hit("2S", 0.6, 5.0, text)], embedders.dense) == pytest.approx(gap, abs=1e-6)


def test_the_figure_gap_feeds_the_model(embedders):
    from assistant.decide import figure_gap

    query = analyse("Within how many days must a social media platform resolve a user's complaint?")
    hits = [hit("2S", 0.6, 5.0, COMPLAINTS)]
    values = features(query, hits, set(), sentences=embedders.dense)
    assert values["figure_gap"] == pytest.approx(figure_gap(query, hits, embedders.dense))
    assert values["figure_gap"] > 0.2
    assert features(query, hits, set())["figure_gap"] == 0.0, "without the sentence model the feature is neutral"


@pytest.mark.parametrize("question, text, stated", [
    # The closest sentence states the period asked for: answered whatever the model's prior says.
    ("For how long must a service provider keep traffic data?", RETENTION, True),
    # The closest sentence states no deadline; the figures are about other things.
    ("Within how many days must a social media platform resolve a user's complaint?", COMPLAINTS, False),
    # Not a figure question.
    ("Must social media platforms handle complaints about unlawful content?", COMPLAINTS, False),
])
def test_a_figure_stated_in_the_closest_sentence_answers(embedders, question, text, stated):
    from assistant.decide import figure_is_stated

    assert figure_is_stated(analyse(question), [hit("32", 0.6, 5.0, text)], embedders.dense) is stated


# The statute's marketing rule, and a draft policy's plan that binds no one.
SPAM = ("A person may transmit a marketing message only if it provides the recipient the ability to opt-out of "
        "receiving such messages. Whoever commits the offence of spamming shall be punished with fine.")
POLICY = "The government will encourage companies to encrypt the personal data they hold."


@pytest.mark.parametrize("question, text, status, history, unstated", [
    # No statute sentence reads near the asked duty: retention of traffic data is not encryption, breach notices
    # or a register of Wi-Fi users.
    ("Do we have a legal duty to encrypt the customer records stored on our company's database server?", RETENTION,
     DocStatus.CONSOLIDATED, (), True),
    ("Do we have to notify our customers within 72 hours if our database is breached?", RETENTION,
     DocStatus.CONSOLIDATED, (), True),
    ("We run a cafe with free Wi-Fi. Do we have to record customers' CNIC numbers?", RETENTION,
     DocStatus.CONSOLIDATED, (), True),
    # The statute states it.
    ("We're an internet provider. Do we have to keep our users' connection logs?", RETENTION,
     DocStatus.CONSOLIDATED, (), False),
    ("We send promotional SMS to our customers. Do we have to let them opt out?", SPAM, DocStatus.CONSOLIDATED, (),
     False),
    # Asked as what a business must do, not whether, the same floor holds.
    ("What password rules am I legally required to enforce on customer accounts in my online store?", RETENTION,
     DocStatus.CONSOLIDATED, (), True),
    ("We send promotional SMS to our customers. What must we give them so they can stop the messages?", SPAM,
     DocStatus.CONSOLIDATED, (), False),
    # Not judged here: no statute passage (a policy binds no business: another rule), not a duty question, a
    # question in Roman Urdu, a follow-up.
    ("Do we have a legal duty to encrypt the customer records stored on our servers?", POLICY, DocStatus.DRAFT, (),
     False),
    ("What does the law say about encrypting customer records?", RETENTION, DocStatus.CONSOLIDATED, (), False),
    ("Kya hamen customer data encrypt karna lazmi hai?", RETENTION, DocStatus.CONSOLIDATED, (), False),
    ("And do we have to encrypt them too?", RETENTION, DocStatus.CONSOLIDATED,
     ({"role": "user", "content": "We're an internet provider. Do we have to keep our users' connection logs?"},
      {"role": "assistant", "content": "Yes, for a year."}), False),
])
def test_a_duty_no_statute_sentence_reads_near_is_unstated(embedders, question, text, status, history, unstated):
    from assistant.decide import duty_closeness, duty_is_unstated

    passage = hit("32", 0.6, 5.0, text, status)
    assert duty_is_unstated(duty_closeness(analyse(question, history), [passage], embedders.dense)) is unstated


def test_an_unstated_duty_is_declined_before_the_model_and_names_the_nearest_provision(embedders):
    passage = hit("32", 0.9, 20.0, RETENTION)
    query = analyse("Do we have a legal duty to encrypt the customer records stored on our company's database server?")
    decision = decide(query, [passage], set(), sentences=embedders.dense)
    assert decision.status is AnswerStatus.NOT_IN_CORPUS and decision.text == NO_STATED_DUTY_TEXT
    assert decision.closest is passage and not decision.closest_on_subject


PERSONAL_DATA = Source(id="pdp-bill", title="Personal Data Protection Bill", short_name="Personal Data Protection Bill",
                       issuer="MoITT", date="2023", status=DocStatus.BILL, available=False,
                       url="https://example.org/pdp-bill.pdf",
                       subjects=("keeping personal data secure and dealing with personal data breaches",
                                 "transferring personal data outside Pakistan", "appointing a data protection officer"))
CYBER_POLICY = Source(id="ncsp", title="National Cyber Security Policy 2021",
                      short_name="National Cyber Security Policy 2021", issuer="MoITT", date="2021",
                      status=DocStatus.FINAL, available=False,
                      subjects=("cyber security governance, standards and security audits",))


@pytest.mark.parametrize("question, text, named", [
    # The statute sentence reads weakly (0.35-0.41, below 0.50), and a document not indexed reads as close or closer.
    ("Is our software house legally required to do an annual cybersecurity audit?", RETENTION, "ncsp"),
    ("Do we have to notify our customers if hackers steal their personal data from our database?", RETENTION,
     "pdp-bill"),
    ("Must we keep our Pakistani customers' data on servers inside Pakistan?", RETENTION, "pdp-bill"),
    # The statute sentence reads closer than any subject: the statute is the evidence (0.45; 0.66).
    ("We're an internet provider. Do we have to keep our users' connection logs?", RETENTION, None),
    ("We send promotional SMS to our customers. Do we have to let them opt out?", SPAM, None),
    # A subject reads near (0.41), but the statute sentence reads nearer (0.49).
    ("Do we have to get a security audit before we keep traffic data?", RETENTION, None),
    # Not a duty question: the decline model judges it.
    ("What does the law say about personal data breaches?", RETENTION, None),
    # A statute sentence that reads near (0.58) yields only to a subject that reads much nearer (0.76) ...
    ("Do we need to appoint a data protection officer for our company?",
     "The investigation agency may appoint officers with expertise in data and forensics.", "pdp-bill"),
    # ... and not to one only a little nearer (0.71 against 0.76).
    ("Do we need to appoint a data protection officer for our company?",
     "Every service provider shall appoint an officer responsible for the protection of the data it holds.", None),
])
def test_a_duty_no_statute_states_names_the_document_not_indexed_whose_subject_it_is(embedders, question, text,
                                                                                     named):
    from assistant.decide import duty_closeness, duty_subject_not_indexed

    closest = duty_closeness(analyse(question), [hit("32", 0.6, 5.0, text)], embedders.dense)
    found = duty_subject_not_indexed(question, closest, embedders.dense, [PERSONAL_DATA, CYBER_POLICY])
    assert (found[0].id if found else None) == named
    if named:
        assert found[1] in found[0].subjects


def test_a_duty_on_a_subject_not_indexed_is_declined_with_the_document_and_how_to_add_it(embedders):
    from assistant.catalog import ADD_DOCUMENT_TEXT

    passage = hit("32", 0.9, 20.0, RETENTION)
    query = analyse("Do we have to notify our customers if hackers steal their personal data from our database?")
    decision = decide(query, [passage], set(), sentences=embedders.dense, not_indexed=[PERSONAL_DATA, CYBER_POLICY])
    assert decision.status is AnswerStatus.NOT_IN_CORPUS and decision.text.startswith(NO_STATED_DUTY_TEXT)
    assert "Personal Data Protection Bill" in decision.text and "personal data breaches" in decision.text
    assert PERSONAL_DATA.url in decision.text and ADD_DOCUMENT_TEXT in decision.text
    assert decision.closest is passage and not decision.closest_on_subject


@pytest.mark.parametrize("decision, cautioned", [
    (Decision(AnswerStatus.ANSWERED, p_answerable=0.2), True),
    (Decision(AnswerStatus.ANSWERED, p_answerable=0.49), True),
    (Decision(AnswerStatus.ANSWERED, p_answerable=0.5), False),
    (Decision(AnswerStatus.ANSWERED), False),  # a named clause or definition: no model estimate
    (Decision(AnswerStatus.NOT_IN_CORPUS, NOT_FOUND_TEXT, p_answerable=0.1), False),  # declined, nothing to caution
])
def test_an_answer_on_weak_evidence_says_so(decision, cautioned):
    note = decision.caution()
    assert bool(note) is cautioned
    if cautioned:
        assert f"{decision.p_answerable:.0%}" in note and "may not address it" in note


@pytest.mark.parametrize("question, declined_with", [
    # Found only in the draft AI policy: whatever it plans, it binds no business.
    ("If our marketing agency publishes AI-generated images in adverts, are we obliged to label them as AI-made?",
     NO_STATUTE_DUTY_TEXT),
    ("Is our e-commerce website legally required to publish a privacy policy explaining what we do with data?",
     NO_STATUTE_DUTY_TEXT),
    # Statute passages are found, but their sentences are on other matters.
    ("Do we have a legal duty to encrypt the customer records stored on our company's database server?",
     NO_STATED_DUTY_TEXT),
    ("We run a small cafe and give customers free Wi-Fi. Do we have to note down their CNIC numbers before handing "
     "out the password?", NO_STATED_DUTY_TEXT),
    # ... and one is on the subject of a document the catalog lists but the index lacks.
    ("Is our software house legally required to do an annual cybersecurity audit and appoint a chief information "
     "security officer?", "National Cyber Security Policy 2021"),
    # A statute sets these: no duty to monitor hosted content (s. 38(5)), enlistment (s. 2Q), records kept
    # electronically (ETO s. 6), keeping traffic data (s. 32), letting recipients opt out of marketing (s. 25).
    ("As a service provider, are we required to proactively monitor the content we host or transmit?", ""),
    ("We run a web hosting company. Are we legally required to keep checking everything our customers upload?", ""),
    ("We run a social media platform with many users in Pakistan. Do we have to register with anyone?", ""),
    ("Can our company keep records that the law requires us to retain only in electronic form?", ""),
    ("We're a small internet service provider in Lahore. How long are we supposed to keep our users' connection "
     "logs?", ""),
    ("We send promotional SMS and emails to our customers. Do we have to give them a way to opt out?", ""),
    # A government body's duty in the policy is what the policy says.
    ("According to the draft AI policy, where must a copy of public data be hosted under the Cloud First Policy?", ""),
])
def test_whether_a_business_must_act_is_answered_only_from_a_statute_sentence(resources, question, declined_with):
    from assistant.answer import answer

    result = answer(question, resources)
    if declined_with:
        assert result.status is AnswerStatus.NOT_IN_CORPUS and declined_with in result.text
    else:
        assert result.status is AnswerStatus.ANSWERED


@pytest.mark.parametrize("question, section", [
    # the definition of a platform and spoofing ("establishes a website") rank above s. 38(5), whose sentence on
    # monitoring hosted content is the one closest to the question: that section leads
    ("We host online shops for small traders. Are we supposed to be checking what their customers upload, and can we "
     "get into trouble if one of them posts something illegal?", "38"),
    ("We send promotional SMS and emails to our customers. Do we have to give them a way to opt out?", "25"),
])
def test_a_duty_question_leads_with_the_statute_sentence_closest_to_it(resources, question, section):
    from assistant.answer import answer

    result = answer(question, resources)
    assert result.status is AnswerStatus.ANSWERED and result.citations[0].section == section, result.text[:300]


@pytest.mark.parametrize("lead_section, declined", [
    # The figure stands in the best section's last passage, which retrieval did not rank: not a missing figure.
    (["(1) The Federal Government shall appoint a Director General of the investigation agency.",
      "The Director General of the investigation agency shall serve for a non-extendable term of three years."], False),
    # The whole section states no such figure: declined, as before.
    (["(1) The Federal Government shall appoint a Director General of the investigation agency."], True),
])
def test_a_figure_in_the_lead_section_counts_though_retrieval_did_not_rank_its_passage(lead_section, declined):
    text = "The investigation agency shall be headed by a Director General appointed by the Federal Government."
    hits = [hit("29", 0.80, 12.0, text), hit("29", 0.78, 11.0, text), hit("29", 0.7, 8.0, text)]
    vocabulary = {"director", "general", "investigation", "agency", "serve", "term", "head", "long"}
    decision = decide(analyse("How long does the Director General of the investigation agency serve?"), hits,
                      vocabulary, lead_section=lead_section)
    assert ("state no such number" in decision.text) is declined


def test_a_follow_ups_figure_may_be_about_what_it_leans_on():
    # "Who heads it, and for how long?" after a question on the NCCIA: the term sentence names the Director General
    # and the NCCIA, not "heads"; the turn's context (the question and the body its reply named) says what it is about.
    history = [{"role": "user", "content": "Which agency investigates cybercrime under PECA?"},
               {"role": "assistant", "content": "The National Cyber Crime Investigation Agency (NCCIA), under s. 29."}]
    term = "The Director General of the NCCIA shall hold office for a non-extendable term of three years."
    hits = [hit("29", 0.80, 12.0, term), hit("29", 0.78, 11.0, term)]
    vocabulary = {"director", "general", "nccia", "agency", "investigates", "cybercrime", "heads", "long"}
    decision = decide(analyse("Who heads it, and for how long?", history), hits, vocabulary)
    assert "state no such number" not in decision.text


NO_AMOUNT = ("Whoever prepares or disseminates information that advances sectarian hatred shall be punished with "
             "imprisonment for a term which may extend to seven years or with fine or with both.")
AMOUNT = ("Whoever commits cyber terrorism shall be punished with imprisonment which may extend to fourteen years "
          "or with fine which may extend to fifty million rupees or with both.")
NO_DEADLINE = ("The social media platforms shall maintain an effective and transparent procedure for handling "
               "complaints.")
DEADLINE = "The social media platform shall decide a complaint within seven days of its receipt."


@pytest.mark.parametrize("question, lead_section, missing", [
    # the section the answer leads with punishes the act but names no sum: figures elsewhere are about other acts
    ("What is the largest fine in rupees for spreading sectarian hatred online?", [NO_AMOUNT], True),
    ("What is the largest fine in rupees for cyber terrorism?", [AMOUNT], False),
    # the figure may stand in any passage of that section
    ("What is the largest fine in rupees for cyber terrorism?", [NO_AMOUNT, AMOUNT], False),
    ("Within how many days must a platform settle a user's complaint?", [NO_DEADLINE], True),
    ("Within how many days must a platform settle a user's complaint?", [NO_DEADLINE, DEADLINE], False),
    # Roman Urdu is judged: the lead section's own text says whether it states a figure
    ("Platform ko complaint kitne din mein settle karni hogi?", [NO_DEADLINE], True),
    ("Platform ko complaint kitne din mein settle karni hogi?", [NO_DEADLINE, DEADLINE], False),
    # not a figure question, no lead known, or Urdu script (whose lead the multilingual model alone found): not judged
    ("Must a platform have a complaints procedure?", [NO_DEADLINE], False),
    ("Within how many days must a platform settle a user's complaint?", [], False),
    ("پلیٹ فارم کو شکایت کتنے دن میں نمٹانی ہوگی؟", [NO_DEADLINE], False),
])
def test_a_figure_must_stand_in_the_section_the_answer_leads_with(question, lead_section, missing):
    from assistant.decide import figure_missing_from_lead

    assert figure_missing_from_lead(analyse(question), lead_section) is missing


TRIBUNALS = ("The Federal Government may, by notification in the official Gazette, establish as many Social Media "
             "Protection Tribunals as it may determine.")
APPEALS = ("Any person aggrieved by the final decision of the Tribunal may prefer an appeal to the Supreme Court within "
           "sixty days.")


@pytest.mark.parametrize("question, history, lead_section, missing", [
    # a date is judged like a figure: the section the answer leads with must state one
    ("By what date must the federal government set up the Social Media Protection Tribunals?", [], [TRIBUNALS], True),
    ("By when can a Tribunal's decision be appealed to the Supreme Court?", [], [APPEALS], False),
    # a follow-up's date may stand in the section after its context's: "... and by when?" is not judged
    ("And if I lose there, where can I appeal next and by when?",
     [{"role": "user", "content": "Can my company appeal a decision of the Social Media Protection Tribunal?"}],
     [TRIBUNALS], False),
])
def test_a_date_must_stand_in_the_section_the_answer_leads_with(question, history, lead_section, missing):
    from assistant.decide import figure_missing_from_lead

    assert figure_missing_from_lead(analyse(question, history), lead_section) is missing


@pytest.mark.parametrize("question, compound", [
    ("Will we have to register, and will there be a fee?", True),
    # a date part counts as more than a figure: a timeline states it apart from the count
    ("How many people will be trained in AI, and by which year?", True),
    ("How many members sit on the Authority, and what is their salary?", False),
    ("How many members sit on the Authority?", False),
])
def test_a_compound_question_asks_more_than_a_figure(question, compound):
    from assistant.decide import asks_more_than_a_figure

    assert asks_more_than_a_figure(analyse(question)) is compound


FUNDS = ["Funds of the Certification Council.—The funds of the Certification Council shall comprise of— (a) grants "
         "from the Federal Government; (b) fee for grant and renewal of accreditation certificate; and (c) fee, not "
         "exceeding ten Rupees, for every certificate deposited in the repository; (d) fines."]
MEMBERS = ["The Authority shall consist of a Chairperson and eight members. The members shall be appointed by the "
           "Federal Government for a term of five years."]


@pytest.mark.parametrize("question, lead_section, elsewhere", [
    # the list item on the asked fee states none; its neighbour prices something else
    ("What fee does the Certification Council charge to accredit a certification service provider?", FUNDS, True),
    # the neighbour is what was asked
    ("What fee is paid for each certificate deposited in the repository?", FUNDS, False),
    ("How many members does the Authority have?", MEMBERS, False),
    # the section never names the asked thing, so the rule has nothing to read: other checks judge it
    ("How much will it cost to get a forensic copy of our data?", FUNDS, False),
    ("How many judges sit on the Tribunal?", MEMBERS, False),
    # ...but an age or a ranking is stated only where it is named: a term of five years is no age limit
    ("What is the maximum age for a member of the Authority?", MEMBERS, True),
    ("What ranking does the policy aim for?", MEMBERS, True),
    # a quorum too; where it is named, any sentence naming it may state it, however few words it shares
    ("What is the quorum for a meeting of the Social Media Complaint Council?",
     ["The Council shall consist of a Chairman and four members including one ex-officio member."], True),
    ("What is the quorum for meetings of the Social Media Protection and Regulatory Authority?",
     ["(2) Five members, including at least two ex-officio members and the Chairperson, shall constitute a quorum "
      "for meetings of the Authority. The presence of members for the purposes of quorum shall be deemed to be "
      "adequate if the meeting is carried out through social media platforms."], False),
    ("What is the maximum age for a member of the Authority?",
     ["A member shall not be more than sixty-two years of age at the time of appointment."], False),
    # ...in a statute's section, the sentence naming it must speak of the question's subject: a member's age is no
    # minimum age for an app's users
    ("What's the minimum age a user must be to open an account on our social media app?",
     ["A member shall not be more than sixty-two years of age at the time of appointment."], True),
    # not an amount or count question, or not in English
    ("Who accredits certification service providers?", FUNDS, False),
    ("Accreditation ki fee kitni hai?", FUNDS, False),
])
def test_a_figure_must_stand_beside_the_thing_asked(question, lead_section, elsewhere):
    from assistant.decide import figure_is_for_something_else

    assert figure_is_for_something_else(analyse(question), lead_section) is elsewhere


COMMITTEE = ["The steering committee will comprise government, academia, industry, and civil society members with "
             "equal representation of each stakeholder. The Secretary of IT & Telecom will convene the committee. "
             "It will analyze the progress of different working groups. Four working groups will represent the four "
             "policy drivers."]
GRANT = ["The CoE-AI shall organize a special grant for AI research projects. The grant shall be awarded on merit. "
         "It shall be up to PKR 1 million per project."]
INTERNSHIPS = ["The Ministry shall organize a National High-Tech Internship Placement Program for offering 3 to 6 "
               "months internships. The program shall have a definite scope. Its certificate shall show skills. "
               "Trainees shall be mentored. At least 20,000 internships shall be offered annually."]


@pytest.mark.parametrize("question, lead_section, elsewhere", [
    # the members are named with no count, and the count two sentences on is of working groups, beyond the reach
    ("How many members will sit on the draft AI policy's steering committee?", COMMITTEE, True),
    # the sum stands two sentences after the sentence naming the grant
    ("What grant amount does the CoE-AI give per project?", GRANT, False),
    # another sentence naming the internships gives their count
    ("How many AI internships a year will the government arrange under the draft policy?", INTERNSHIPS, False),
])
def test_a_policy_figure_may_stand_a_sentence_or_two_after_the_thing_named(question, lead_section, elsewhere):
    from assistant.decide import figure_is_for_something_else
    from assistant.question_type import FIGURE_REACH

    assert figure_is_for_something_else(analyse(question), lead_section, reach=FIGURE_REACH,
                                        closest_only=False) is elsewhere


def test_a_statutes_fee_stated_for_something_else_declines():
    lead = hit("20", 0.80, 12.0, FUNDS[0])
    vocabulary = {"fee", "certification", "council", "charge", "accredit", "service", "provider"}
    decision = decide(analyse("What fee does the Certification Council charge to accredit a certification service "
                              "provider?"), [lead], vocabulary, lead=lead, lead_section=FUNDS)
    assert decision.status is AnswerStatus.NOT_IN_CORPUS and "state no such amount" in decision.text
    assert decision.closest is lead


def test_a_figure_stated_only_beside_the_lead_section_declines_and_points_at_it():
    lead = hit("11", 0.70, 9.0, NO_AMOUNT)
    hits = [hit("10", 0.80, 12.0, AMOUNT), lead, hit("9", 0.6, 7.0, NO_AMOUNT)]
    vocabulary = {"largest", "fine", "rupees", "spreading", "sectarian", "hatred", "online"}
    decision = decide(analyse("What is the largest fine in rupees for spreading sectarian hatred online?"), hits,
                      vocabulary, lead=lead, lead_section=[NO_AMOUNT])
    assert decision.status is AnswerStatus.NOT_IN_CORPUS and "state no such amount" in decision.text
    assert decision.closest is lead, "the user is sent to the section that deals with the act"


AUTHORITY_OFFICE = ("(3) The principal office of the Authority shall be at Islamabad and it may set up other offices "
                    "in the provincial capitals.")
NCCIA = ("Investigation agency.—(1) The Federal Government shall establish an investigation agency to be called the "
         "National Cyber Crime Investigation Agency for inquiry into, investigation and prosecution of the offences.")


@pytest.mark.parametrize("question, lead, others, declined", [
    # the office named is another body's: no place is given for the one asked about
    ("In which city is the head office of the National Cyber Crime Investigation Agency?", NCCIA,
     [AUTHORITY_OFFICE], True),
    # the place stands beside the asked body, as its own section says
    ("Where is the principal office of the Authority?", AUTHORITY_OFFICE, [NCCIA], False),
])
def test_a_place_question_is_answered_only_by_a_place_given_for_its_subject(question, lead, others, declined):
    lead_hit = hit("29", 0.80, 12.0, lead)
    hits = [lead_hit] + [hit(str(i), 0.7, 10.0, text) for i, text in enumerate(others)]
    vocabulary = set(re.findall(r"[a-z]+", question.lower()))
    decision = decide(analyse(question), hits, vocabulary, lead=lead_hit, lead_section=[lead])
    assert (decision.status is AnswerStatus.NOT_IN_CORPUS and "name no place" in decision.text) is declined


def test_a_policy_section_leading_the_answer_need_not_state_the_figure():
    # The draft policy's targets table leads; its "at least 20 enterprises" stands in the directive's own section.
    table = "By 2025 An Integrated Regulatory Sandbox for AI-led initiatives."
    directive = "At least 20 enterprises should be beneficiaries of the regulatory sandbox by 2025."
    lead = hit("3.4.2", 0.80, 12.0, table)
    lead = replace(lead, chunk=replace(lead.chunk, doc_id="policy", doc_status=DocStatus.DRAFT))
    hits = [lead, hit("4.3.3", 0.78, 11.0, directive)]
    vocabulary = {"enterprises", "benefit", "regulatory", "sandbox"}
    question = analyse("How many enterprises should benefit from the regulatory sandbox by 2025?")
    assert decide(question, hits, vocabulary, lead=lead, lead_section=[table]).answers
    # The same lead in a statute is the governing section: the figure must stand in it.
    statute_lead = hit("3.4.2", 0.80, 12.0, table)
    assert not decide(question, [statute_lead, hits[1]], vocabulary, lead=statute_lead, lead_section=[table]).answers


@pytest.mark.parametrize("question, section, answers", [
    # a sum is stated in the section it is about: the fund's own section gives none, a grant elsewhere is another sum
    ("How many rupees has the draft AI policy earmarked for the National AI Fund in total?",
     "The Ministry aims to establish a National AI Fund. Not less than 30% of the R&D fund shall be allocated to it.",
     False),
    ("How many rupees does each research project get under the draft policy?",
     "The CoE-AI shall organize a special grant for research. Up to PKR 1 million per project shall be given.", True),
])
def test_a_sum_a_policy_section_leads_with_must_stand_in_it(question, section, answers):
    grant = "At least 400 projects shall be funded, up to PKR 1 million per project, through the National AI Fund."
    lead = hit("4.1.1", 0.80, 12.0, section)
    lead = replace(lead, chunk=replace(lead.chunk, doc_id="policy", doc_status=DocStatus.DRAFT))
    others = [replace(h, chunk=replace(h.chunk, doc_id="policy", doc_status=DocStatus.DRAFT))
              for h in (hit("4.1.2", 0.78, 11.0, grant),)]
    vocabulary = set(re.findall(r"[a-z]+", f"{question} {section} {grant}".lower()))
    decision = decide(analyse(question), [lead, *others], vocabulary, lead=lead, lead_section=[section])
    assert decision.answers is answers


@pytest.mark.parametrize("question, declined_with, answered_with", [
    # the complaints section leads and sets no deadline; a council's member count nearby is no answer
    ("Within how many days must a social media company deal with a complaint from a user?", "no such number", ""),
    # the hate speech offences punish "with fine" and name no sum; spamming's and cyber terrorism's sums are theirs
    ("How many rupees can a person be fined for posting content that stirs up religious hatred?", "no such amount", ""),
    ("What is the maximum fine in rupees for cyber terrorism?", "", "fifty million rupees"),
    ("How many years must a service provider retain traffic data?", "", "one year"),
    # ETO s. 20 lists the accreditation fee with no sum beside the repository's "fee, not exceeding ten Rupees"
    ("What is the accreditation fee a certification service provider pays the Certification Council?",
     "no such amount", ""),
    ("What fee is charged for each certificate deposited in the repository?", "", "ten Rupees"),
    # the Tribunals' section leads, not the Complaint Council's with its own age limit, and states no age
    ("What is the maximum age for the Chairman of a Social Media Protection Tribunal?", "no such number", ""),
    ("What is the maximum age for appointment as a member of the Social Media Protection and Regulatory Authority?",
     "", "fifty-eight years of age"),
    # what the Act inserted is no day count: s. 2A says "as soon as may be"
    ("How many days after the 2025 amendment did the government have to establish the Social Media Protection and "
     "Regulatory Authority?", "no such number", ""),
])
def test_a_figure_is_answered_from_the_section_the_answer_leads_with(resources, question, declined_with,
                                                                     answered_with):
    from assistant.answer import answer

    result = answer(question, resources)
    if declined_with:
        assert result.status is AnswerStatus.NOT_IN_CORPUS and declined_with in result.text
    else:
        assert result.status is AnswerStatus.ANSWERED and answered_with in result.text


CRITICAL_INFRASTRUCTURE = ("Provided that the Government may designate any private or Government infrastructure in "
                           "accordance with the objectives of sub-paragraphs (i) and (ii) above, as critical "
                           "infrastructure as may be prescribed under this Act.")
REVIEW_AND_APPEAL = ("Any person aggrieved by an order of the Authority blocking online content may file a review "
                     "before the Authority within thirty days. The Authority shall collect such fee for enlistment as "
                     "may be prescribed. Any person aggrieved by the decision on review may appeal to the Tribunal "
                     "within thirty days.")


@pytest.mark.parametrize("question, text, status, history, left_to", [
    # The sentence closest to the question leaves the matter to rules.
    ("What process does the government follow to declare a company's servers critical infrastructure?",
     CRITICAL_INFRASTRUCTURE, DocStatus.CONSOLIDATED, (), "prescribed"),
    # The passage describes the procedure; its mention of rules is in another sentence, on another matter.
    ("How can an order blocking our page be challenged?", REVIEW_AND_APPEAL, DocStatus.CONSOLIDATED, (), None),
    # Not judged: a question that does not ask how, a policy passage, a follow-up.
    ("Can the government declare a company's servers critical infrastructure?", CRITICAL_INFRASTRUCTURE,
     DocStatus.CONSOLIDATED, (), None),
    ("What process does the government follow to declare a company's servers critical infrastructure?",
     CRITICAL_INFRASTRUCTURE, DocStatus.DRAFT, (), None),
    ("And how is that done?", CRITICAL_INFRASTRUCTURE, DocStatus.CONSOLIDATED,
     ({"role": "user", "content": "Can the government declare our servers critical infrastructure under PECA?"},
      {"role": "assistant", "content": "Yes, it may designate them."}), None),
])
def test_a_procedure_the_law_leaves_to_rules_is_not_in_the_law(embedders, question, text, status, history, left_to):
    from assistant.decide import procedure_left_to_rules

    passage = hit("2", 0.6, 5.0, text, status)
    found = procedure_left_to_rules(analyse(question, history), [passage], embedders.dense)
    if left_to is None:
        assert found is None
    else:
        assert found[0] is passage and left_to in found[1]


def test_a_procedure_left_to_rules_is_declined_quoting_the_words_that_leave_it():
    class Sentences:  # the closest sentence is the only one: no model needed to choose it
        def embed_passages(self, texts):
            return [[1.0, 0.0] for _ in texts]

        def embed_query(self, text):
            return [1.0, 0.0]

    passage = hit("2", 0.9, 20.0, CRITICAL_INFRASTRUCTURE)
    query = analyse("What is the procedure for declaring a private network critical infrastructure?")
    decision = decide(query, [passage], set(), sentences=Sentences())
    assert decision.status is AnswerStatus.NOT_IN_CORPUS and decision.closest is passage
    assert "leaves how this is done to rules" in decision.text and "as may be prescribed" in decision.text


COMPLAINTS_DUTY = ("(2S) Handling of complaints by social media platforms.-The social media platforms shall maintain "
                   "an effective and transparent procedure for handling complaints about unlawful or offensive online "
                   "content.")
AUTHORITY_FINES = ("The Authority shall ... (k) prescribe fines for contravention of the provisions of Chapters 1A "
                   "and 1B of this Act.")
COMPLAINTS_TURN = ({"role": "user", "content": "Must social media platforms handle complaints under PECA?"},
                   {"role": "assistant", "content": "Yes."})
OFFENCE = ("Whoever with dishonest intention gains unauthorized access to any information system or data shall be "
           "punished with imprisonment for a term which may extend to three months or with fine which may extend "
           "to fifty thousand rupees or with both.")


@pytest.mark.parametrize("question, lead_text, others, history, missing", [
    # The statute section the answer would lead with sets a duty and no punishment.
    ("What fine will our social app face if it has no complaints channel?", COMPLAINTS_DUTY, [OFFENCE], (), True),
    # No passage states a punishment at all.
    ("What fine could our company face if our hiring software is biased?", COMPLAINTS_DUTY, [], (), True),
    # The lead section states it, or the fines a body may set for a contravention.
    ("What is the punishment for getting into someone's computer without permission?", OFFENCE, [], (), False),
    ("Can our platform be fined by the social media Authority?", AUTHORITY_FINES, [], (), False),
    # ... which leave the sum to rules: no answer to how much.
    ("If our app does not enlist with the social media Authority, how much is the fine?", AUTHORITY_FINES, [], (),
     True),
    # Not judged: a compound question asking something else too.
    ("Can the regulator fine our platform directly, and who decides the amount of the fine?", COMPLAINTS_DUTY, [], (),
     False),
    # A follow-up, or a question in Roman Urdu, whose passages state no punishment at all.
    ("and the fine?", COMPLAINTS_DUTY, [], COMPLAINTS_TURN, True),
    ("Agar hamari app mein shikayat ka koi tareeqa na ho to kitna jurmana hoga?", COMPLAINTS_DUTY, [], (), True),
    # ... whose lead section is not judged: another passage states a punishment.
    ("and the fine?", COMPLAINTS_DUTY, [OFFENCE], COMPLAINTS_TURN, False),
    ("Agar hamari app mein shikayat ka koi tareeqa na ho to kitna jurmana hoga?", COMPLAINTS_DUTY, [OFFENCE], (),
     False),
])
def test_a_penalty_question_whose_passages_state_no_punishment(question, lead_text, others, history, missing):
    from assistant.decide import punishment_not_stated

    lead = hit("2S", 0.6, 5.0, lead_text)
    hits = [lead] + [hit(str(i), 0.5, 4.0, text) for i, text in enumerate(others)]
    assert punishment_not_stated(analyse(question, history), hits, lead, [lead_text]) is missing


HATE_SPEECH = ("Whoever prepares or disseminates information, through any information system or device, that advances "
               "or is likely to advance inter-faith, sectarian or racial hatred, shall be punished with imprisonment "
               "for a term which may extend to seven years or with fine or with both.")
FINE_OF_RUPEES = ("Whoever commits spamming shall be punished with imprisonment for a term which may extend to three "
                  "months or with fine of rupees fifty thousand which may extend upto rupees five million or with both.")


@pytest.mark.parametrize("question, lead_text, status, history, missing", [
    # The question asks only how large the fine is; the lead section sets a fine and no sum.
    ("How much can a court fine someone for online hate speech under PECA? What's the rupee ceiling?", HATE_SPEECH,
     DocStatus.CONSOLIDATED, (), True),
    ("What is the maximum fine for spreading sectarian hatred online?", HATE_SPEECH, DocStatus.CONSOLIDATED, (), True),
    # The section states the sum, in either order of words.
    ("What is the maximum fine for unauthorised access?", OFFENCE, DocStatus.CONSOLIDATED, (), False),
    ("How much is the fine for spamming?", FINE_OF_RUPEES, DocStatus.CONSOLIDATED, (), False),
    # Not judged: the question asks for the prison term too, or does not ask a size; a policy's section; a follow-up.
    ("What is the maximum punishment for online hate speech?", HATE_SPEECH, DocStatus.CONSOLIDATED, (), False),
    ("Can someone be fined for online hate speech?", HATE_SPEECH, DocStatus.CONSOLIDATED, (), False),
    ("What is the maximum fine for spreading sectarian hatred online?", HATE_SPEECH, DocStatus.DRAFT, (),
     False),
    ("and the maximum fine?", HATE_SPEECH, DocStatus.CONSOLIDATED, COMPLAINTS_TURN, False),
])
def test_a_question_on_the_size_of_a_fine_whose_section_states_no_sum(question, lead_text, status, history, missing):
    from assistant.decide import fine_sum_not_stated

    lead = hit("11", 0.6, 5.0, lead_text, status)
    assert fine_sum_not_stated(analyse(question, history), lead, [lead_text]) is missing


def _titled(section: str, title: str, text: str) -> Hit:
    plain = hit(section, 0.6, 5.0, text)
    return Hit(replace(plain.chunk, section_title=title), plain.score, plain.scores)


AUDIT = "The Authority shall cause to be carried out audit of its accounts by one or more chartered accountants."
STAFF = "The Authority may appoint experts, consultants, advisers and other officers and employees."


@pytest.mark.parametrize("title, text, read", [
    # how a public body is organised binds no business, however close its words read
    ("Accounts and audit", AUDIT, False),
    ("Officers, employees, etc", STAFF, False),
    ("Composition of the Authority", "The Authority shall consist of a Chairperson and eight other members.", False),
    ("Report to Parliament", "The agency shall submit a half yearly report to both houses of the Parliament.", False),
    ("Fund", "There shall be established a fund which shall vest in the Authority and shall be utilized by the "
     "Authority to meet its financial needs.", False),
    # ... nor does a section that frames the law itself: its reach, its definitions, its relation to other laws
    ("Short title, extent, application and commencement", "It shall also apply to any act committed outside "
     "Pakistan by any person if the act affects a person, property, information system or data located in Pakistan.",
     False),
    ("Definitions", "“service provider” includes a person who processes or stores data on behalf of such electronic "
     "communication service or users of such service.", False),
    ("Relation of the Act with other laws", "The provisions of this Act shall have effect notwithstanding anything "
     "contained in any other law.", False),
    # a section on what someone must do, or may be made to do, is read
    ("Retention of traffic data", "A service provider shall retain its specified traffic data for one year.", True),
    ("Powers of an authorized officer", "The authorized officer may require any person to provide decryption "
     "information.", True),
])
def test_a_section_organising_a_public_body_or_framing_the_law_is_not_read_for_a_business_duty(embedders, title, text, read):
    from assistant.decide import duty_closeness

    question = analyse("We're a payments fintech. Do we have to get an information security audit every year?")
    closest = duty_closeness(question, [_titled("9", title, text)], embedders.dense)
    assert (closest is not None) is read
