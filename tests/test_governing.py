"""Which retrieved section governs an answer (is quoted first and whole)."""
from __future__ import annotations

import pytest

from assistant.answer import duty_from_statutes_first, governing_rank
from assistant.catalog import load_catalog
from assistant.config import Settings
from assistant.query import analyse
from assistant.types import Chunk, DocStatus, Hit


def _hit(section: str, title: str, status: DocStatus = DocStatus.CONSOLIDATED, text: str = "text",
         **scores: float) -> Hit:
    chunk = Chunk(id=f"{section}-{title}", doc_id="peca", doc_status=status, section=section, section_title=title,
                  heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)
    return Hit(chunk, 0.5, scores)


DEFINITIONS = _hit("2", "Definitions")
AUDIT = _hit("2M", "Audit")
POLICY = _hit("4.1.2", "Centres of Excellence", DocStatus.DRAFT)


@pytest.mark.parametrize("context, question, rank", [
    # A definitions clause that only repeats the question's name gives way to the rule after it.
    ([DEFINITIONS, AUDIT], "How are the Authority's accounts audited?", 1),
    ([DEFINITIONS, POLICY, AUDIT], "How are the Authority's accounts audited?", 2),
    # A question about a definition is governed by it.
    ([DEFINITIONS, AUDIT], "How does PECA define a 'minor'?", 0),
    # With no statute rule among the best hits the definitions stay first.
    ([DEFINITIONS, POLICY, POLICY, AUDIT], "How are the Authority's accounts audited?", 0),
    ([AUDIT, DEFINITIONS], "How are the Authority's accounts audited?", 0),
    # A named clause is quoted as named.
    ([_hit("26A", "False information", clause=1.0), DEFINITIONS], "Quote section 26A", None),
    # The amending Act's section that inserts definitions defines terms as the definitions section does.
    ([DEFINITIONS, _hit("2", "Amendment of section 2, Act XL of 2016", DocStatus.AMENDING_ACT,
                        "“(xxxa) “Tribunal” means the Social Media Protection Tribunal;”"), _hit("2Q", "Enlistment")],
     "Do we have to register our app with a government body?", 2),
])
def test_governing_rank(context, question, rank):
    assert governing_rank(context, analyse(question).term) == rank


@pytest.mark.parametrize("context, policies, rank", [
    # A policy section governs only where its lead is trusted (an English question that stands alone).
    ([POLICY, AUDIT], True, 0),
    ([POLICY, AUDIT], False, None),
    ([AUDIT, POLICY], False, 0),
    # A document a user added never governs: its text does not speak for the law.
    ([_hit("1", "Our rules", DocStatus.USER), AUDIT], True, None),
    ([_hit("4.1.2", "Centres of Excellence", DocStatus.DRAFT, clause=1.0), AUDIT], True, None),
])
def test_a_policy_section_governs_when_asked_to(context, policies, rank):
    assert governing_rank(context, analyse("What will the Centres of Excellence do?").term, policies=policies) == rank


LIABILITY = "Limitation of liability of service providers"


def _passage(text: str, title: str = LIABILITY, status: DocStatus = DocStatus.CONSOLIDATED, **scores: float) -> Hit:
    chunk = Chunk(id=text[:24], doc_id="peca", doc_status=status, section="38", section_title=title, heading_path=(),
                  page_start=32, page_end=32, page_label="32", ordinal=0, text=text)
    return Hit(chunk, 0.5, scores)


@pytest.mark.parametrize("sentence, status, scores, opens", [
    (f"{LIABILITY}.— (1) No service provider shall be subject to any civil or criminal liability, unless it is "
     "established that the service provider had specific actual knowledge:", DocStatus.CONSOLIDATED,
     {"governing": 1.0}, True),
    # retrieved on its own, beside the governing hit of the same section
    (f"{LIABILITY}.— (1) No service provider shall be subject to any civil or criminal liability.",
     DocStatus.CONSOLIDATED, {"bm25": 2.0}, True),
    # a later sub-section does not open the section
    ("(5) No service provider shall be under any obligation to proactively monitor content.", DocStatus.CONSOLIDATED,
     {"governing": 1.0}, False),
    # an opening that only introduces a list states no rule
    (f"{LIABILITY}.—(1) The Authority shall have the following powers and functions, namely:—",
     DocStatus.CONSOLIDATED, {"governing": 1.0}, False),
    # a policy's section heading is no statute's rule
    (f"{LIABILITY}. The CoE-AI shall support service providers.", DocStatus.DRAFT, {"governing": 1.0}, False),
])
def test_the_governing_statute_sections_opening_rule_is_found(sentence, status, scores, opens):
    from assistant.generate import governing_opening

    governing = _passage("(4) No service provider shall be liable for disclosure.", governing=1.0)
    other = _passage(sentence, status=status, **scores)
    hits = {1: governing, 2: other}
    candidates = [(1, 0, governing.chunk.text), (2, 0, sentence)]
    assert (governing_opening(candidates, hits) == 1) is opens


@pytest.mark.parametrize("question, expected, rule", [
    ("Can we be held legally responsible for what users post?", "other", True),
    ("Do we need accreditation to run a certificate business?", "other", True),
    ("Within what time must a Tribunal decide its cases?", "other", False),
    ("How quickly do cases have to be decided?", "other", False),
    ("Who audits the Authority's accounts?", "other", False),
    ("What is the punishment for spoofing?", "penalty", False),
    ("How many members sit on the Council?", "quantity", False),
])
def test_only_a_question_about_a_rule_leads_with_the_sections_opening(question, expected, rule):
    from assistant.generate import asks_about_a_rule
    from assistant.question_type import Expected

    assert asks_about_a_rule(question, Expected(expected)) is rule


LIABILITY = _hit("38", "Limitation of liability of service providers")
REGULATION = _hit("4.3.1", "Regulating to Accelerate Socio-Economic Adoption", DocStatus.DRAFT)


@pytest.mark.parametrize("question, first", [
    # Only a law binds a business: the draft policy's plans come after the statutes.
    ("We run a file-sharing platform. Are we legally required to monitor uploads?", "38"),
    ("What must our app do before it processes customer data?", "38"),
    # A question naming the policy reads it first; other questions keep the retrieval order.
    ("Does the draft AI policy make us register our AI model?", "4.3.1"),
    ("Who regulates AI under the draft policy?", "4.3.1"),
    ("Must the Authority consult platforms before blocking?", "4.3.1"),
])
def test_a_business_duty_is_answered_from_statutes_first(question, first):
    query = analyse(question, sources=load_catalog(Settings.from_env(env={})))
    assert duty_from_statutes_first(query, [REGULATION, LIABILITY])[0].chunk.section == first


GRANT = _hit("24", "Grant of accreditation", DocStatus.IN_FORCE,
             "Grant of accreditation.—(1) The Certification Council may grant accreditation to certification service "
             "provider who complies with the criteria for accreditation specified in the regulations.")
PROVIDERS = _hit("17", "Certification Service Providers", DocStatus.IN_FORCE,
                 "(1) Nothing in this Ordinance shall impede the rights of any certificate service provider to engage "
                 "in the business of providing certification services wi thout being accredited.")
ACCESS = _hit("3", "Unauthorized access to information system or data", DocStatus.CONSOLIDATED,
              "Whoever with dishonest intention gains unauthorized access to any information system or data shall be "
              "punished.")


@pytest.mark.parametrize("question, first", [
    # Whether a business needs a thing is said by the sentence that lets it act without it (the ETO's text layer
    # splits "wi thout"), however the question words the thing.
    ("Do we need to get accredited before we can sell digital certificates?", "17"),
    ("Is accreditation required before a company can issue e-signature certificates?", "17"),
    # Nothing the ask names stands after "without" or "unless": the retrieval order stays.
    ("Do we need to report a hacking attempt on our server?", "24"),
    # Not a question on whether a business must do something.
    ("How does the Certification Council grant accreditation?", "24"),
])
def test_whether_a_business_needs_something_leads_with_the_sentence_that_says_so(question, first):
    query = analyse(question, sources=load_catalog(Settings.from_env(env={})))
    assert duty_from_statutes_first(query, [GRANT, ACCESS, PROVIDERS])[0].chunk.section == first


@pytest.mark.parametrize("text, asked, states", [
    ("services without being accredited", {"accredit"}, True),
    ("services wi thout being accredited", {"accredit"}, True),
    ("No person shall hold himself out as accredited unless he holds a valid accreditation certificate",
     {"certif"}, True),
    ("Whoever without authorization copies any data", {"copy", "data"}, True),
    # The word must stand within eight words after the marker.
    ("without delay, the service provider shall inform the authorized officer of the accreditation", {"accredit"},
     False),
    ("The Council may grant accreditation", {"accredit"}, False),
])
def test_a_requirement_is_stated_by_a_word_of_the_ask_after_without_or_unless(text, asked, states):
    from assistant.answer import states_requirement

    assert states_requirement(text, asked) is states


def test_a_word_most_passages_use_names_no_requirement():
    # "authorities" and "authorization" share a stem that most offences use ("without authorization").
    query = analyse("If our store is hacked, do we have to notify customers or the authorities?",
                    sources=load_catalog(Settings.from_env(env={})))
    unauthorised = _hit("16", "Unauthorized use of identity information", DocStatus.CONSOLIDATED,
                        "Whoever uses another person's identity information without authorization shall be punished.")
    ordered = [GRANT, unauthorised]
    assert duty_from_statutes_first(query, ordered, {"author": 134, "notifi": 4})[0].chunk.section == "24"
    assert duty_from_statutes_first(query, ordered)[0].chunk.section == "16"
