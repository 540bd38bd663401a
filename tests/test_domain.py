"""assistant.domain: a question on another field (tax, labour law, travel, sport) is out of domain; a business
question in everyday words on what the documents deal with never is."""
from __future__ import annotations

import pytest

from assistant.domain import OTHER_FIELDS_PATH, OtherFields, domain_descriptions, load_other_fields, outside_field
from assistant.types import AnswerStatus, DocStatus, Section, Source


def source(doc_id: str, status: DocStatus, subjects: tuple[str, ...] = ()) -> Source:
    return Source(id=doc_id, title=f"{doc_id} title", short_name=doc_id.upper(), issuer="x", date="2025",
                  status=status, file=f"{doc_id}.pdf", sha256="", available=True, subjects=subjects)


def section(doc_id: str, title: str) -> Section:
    return Section(doc_id=doc_id, label="1", title=title, heading_path=(), page_start=1, page_end=1, text="")


def test_the_shipped_fields_file_parses_and_records_its_calibration():
    fields = load_other_fields()
    assert fields.fields and len(set(fields.fields)) == len(fields.fields)
    assert 0.0 < fields.margin <= 0.2
    assert "Calibrated on" in OTHER_FIELDS_PATH.read_text(encoding="utf-8")


def test_the_domain_is_what_official_documents_deal_with_and_never_what_an_upload_claims():
    sources = [source("peca", DocStatus.CONSOLIDATED), source("cloud", DocStatus.FINAL, ("cloud services",)),
               source("upload", DocStatus.USER)]
    sections = [section("peca", "Spamming"), section("peca", "Spamming"), section("peca", ""),
                section("upload", "Cooking recipes")]
    lines = domain_descriptions(sections, sources)
    assert "PECA: Spamming" in lines and lines.count("PECA: Spamming") == 1
    assert "CLOUD: cloud services" in lines and "peca title" in lines
    assert not any("recipes" in line or "upload" in line.lower() for line in lines)


def test_no_field_is_found_without_a_domain_or_fields(embedders):
    assert outside_field("What is the sales tax rate?", 0.0, embedders.dense, []) is None
    assert outside_field("What is the sales tax rate?", 0.0, embedders.dense, ["PECA: Spamming"],
                         OtherFields((), 0.05)) is None


def test_a_close_passage_keeps_a_question_in_domain(embedders):
    fields = OtherFields(("income tax, sales tax and withholding tax rates",), 0.05)
    question = "What sales tax rate applies to software subscriptions?"
    assert outside_field(question, 0.0, embedders.dense, ["ETO 2002: Stamp Duty"], fields)
    assert outside_field(question, 0.95, embedders.dense, ["ETO 2002: Stamp Duty"], fields) is None


@pytest.mark.integration
@pytest.mark.parametrize("question, outside", [
    # Other fields, in wording the calibration never saw.
    ("What is the income tax slab for someone earning 150,000 rupees a month?", True),
    ("How many casual leaves is a factory worker entitled to each year?", True),
    ("Who scored the most runs in the last Test match against England?", True),
    ("Give me a recipe for nihari.", True),
    # One topic of a field: a line naming several topics read far from a question on one of them.
    ("What documents do I need to renew my passport at the passport office?", True),
    ("What is the current interest rate on a car loan from a bank?", True),
    ("What's the capital of Canada?", True),
    ("How many sick leaves does a shop employee get per year?", True),
    # Business questions in everyday words on what the documents deal with.
    ("Our shop's billing server was hacked and the data wiped. What punishment does the hacker face?", False),
    ("Do we have to pay stamp duty on contracts our customers sign electronically?", False),
    ("An employee leaked our customers' phone numbers to a rival. Is that a crime?", False),
    ("Customers ask our mobile shop to change their phone's IMEI number. Is that legal?", False),
    ("Can our bank accept loan applications signed with electronic signatures?", False),
    ("How much funding will AI startups get under the draft policy?", False),
    ("Our hospital's records server was hit by ransomware. Can the attackers be punished?", False),
    ("A bank's customer was tricked into sharing an OTP by a fake call centre. Is that a crime?", False),
    ("We lease servers to clients. Are we liable if a client hosts illegal content?", False),
    # A question that names an indexed law asks what that law says, whatever its subject.
    ("Does PECA say anything about sales tax on online orders?", False),
])
def test_a_question_on_another_field_is_out_of_domain(resources, question, outside):
    from assistant.answer import answer

    result = answer(question, resources)
    assert (result.status is AnswerStatus.OUT_OF_DOMAIN) is outside, result.text[:200]
    if outside:
        assert "It reads as a question on" in result.text or "outside them" in result.text
