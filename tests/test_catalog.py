"""assistant.catalog: the shipped document list, its errors, name matching and the user catalog."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.catalog import (add_user_source, catalog_hash, load_catalog, mentioned_sources, read_catalog_file, source_by_id,
                               unknown_instrument)
from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.types import DocStatus, Source

AVAILABLE = {
    "draft-national-ai-policy-2023": DocStatus.DRAFT,
    "peca-2016-consolidated-2025": DocStatus.CONSOLIDATED,
    "peca-amendment-act-2025": DocStatus.AMENDING_ACT,
    "electronic-transactions-ordinance-2002": DocStatus.IN_FORCE,
}
MISSING_URLS = {
    "national-ai-policy-2025": "",  # approved July 2025; no official file address found
    "national-cyber-security-policy-2021": "https://moitt.gov.pk/SiteImage/Misc/files/National%20Cyber%20Security%20Policy%202021%20Final.pdf",
    "cloud-first-policy-2022": "https://moitt.gov.pk/SiteImage/Misc/files/Pakistan%20Cloud%20First%20Policy-Final-25-02-2022.pdf",
    "cert-rules-2023": "https://pkcert.gov.pk/uploads/2023/10/GAZETTE-CERT-Rules-2023.pdf",
    "ctdisr-2020": "https://pkcert.gov.pk/uploads/2023/06/critical_telecom_data_reg_20112020.pdf",
    "ctdisr-2025": "https://www.pta.gov.pk/assets/media/2025-10-29-Critical-Telecom-Data-and-Infrastructure-Security-Regulations-2025.pdf",
    "personal-data-protection-bill-2023": "https://moitt.gov.pk/SiteImage/Misc/files/Final%20Draft%20Personal%20Data%20Protection%20Bill%20May%202023.pdf",
    "removal-blocking-online-content-rules-2021": "https://moitt.gov.pk/SiteImage/Misc/files/Removal%20Blocking%20of%20Unlawful%20Online%20Content%20Rules%202021.PDF",
}
ROW = '''[[document]]
id = "{id}"
title = "A Title"
short_name = "Short"
issuer = "Issuer"
date = "2024"
status = "{status}"
available = false
'''


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(env={}, data_dir=tmp_path / "data")


@pytest.fixture
def shipped(settings) -> dict[str, Source]:
    return {s.id: s for s in load_catalog(settings)}


def write_catalog(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_four_corpus_documents_are_available_with_status_file_and_sha256(shipped):
    available = {s.id: s for s in shipped.values() if s.available}
    assert {doc_id: s.status for doc_id, s in available.items()} == AVAILABLE
    assert all(s.file == f"{s.id}.pdf" and len(s.sha256) == 64 for s in available.values())
    assert available["peca-amendment-act-2025"].extraction_mode == "layout"
    assert available["draft-national-ai-policy-2023"].is_draft


@pytest.mark.parametrize("doc_id,url", sorted(MISSING_URLS.items()))
def test_known_documents_without_a_copy_are_listed_as_unavailable(shipped, doc_id, url):
    assert doc_id in shipped
    assert shipped[doc_id].available is False
    assert shipped[doc_id].url == url


def test_bill_counts_as_a_draft(shipped):
    assert shipped["personal-data-protection-bill-2023"].is_draft
    assert not shipped["cloud-first-policy-2022"].is_draft


def test_catalog_hash_depends_only_on_available_documents(shipped):
    sources = list(shipped.values())
    unavailable_changed = [Source(**{**s.__dict__, "note": "edited"}) if not s.available else s for s in sources]
    available_changed = [Source(**{**s.__dict__, "note": "edited"}) if s.available else s for s in sources]
    assert catalog_hash(unavailable_changed) == catalog_hash(sources)
    assert catalog_hash(available_changed) != catalog_hash(sources)


def test_missing_catalog_names_the_file_and_the_setting(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(CorpusError, match="Catalog not found: .*nope.toml. Set ASSISTANT_CATALOG_PATH"):
        read_catalog_file(path)


def test_invalid_toml_names_the_file(tmp_path):
    path = write_catalog(tmp_path, "[[document]\nid = \n")
    with pytest.raises(CorpusError) as error:
        read_catalog_file(path)
    assert str(path) in str(error.value) and "is not valid TOML" in str(error.value)


def test_row_missing_keys_names_the_file_row_and_keys(tmp_path):
    path = write_catalog(tmp_path, ROW.format(id="good-id", status="final") + '[[document]]\nid = "x2"\ntitle = "T"\n')
    with pytest.raises(CorpusError) as error:
        read_catalog_file(path)
    message = str(error.value)
    assert message.startswith(f"{path}: document #2 lacks ")
    assert "short_name, issuer, date, status, available" in message


def test_bad_status_lists_the_allowed_values(tmp_path):
    path = write_catalog(tmp_path, ROW.format(id="good-id", status="approved"))
    with pytest.raises(CorpusError) as error:
        read_catalog_file(path)
    assert str(path) in str(error.value)
    assert "'approved'; allowed: draft, final, in force, consolidated, amending act, bill, user-added" in str(error.value)


@pytest.mark.parametrize("second_id", ["good-id", "Bad Id!"])
def test_repeated_or_malformed_id_is_refused(tmp_path, second_id):
    path = write_catalog(tmp_path, ROW.format(id="good-id", status="final") + ROW.format(id=second_id, status="final"))
    with pytest.raises(CorpusError, match=f"document #2 has a bad or repeated id '{second_id}'"):
        read_catalog_file(path)


def test_user_catalog_may_not_reuse_a_shipped_id(settings):
    settings.user_catalog_path.parent.mkdir(parents=True)
    settings.user_catalog_path.write_text(ROW.format(id="peca-amendment-act-2025", status="final"), encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        load_catalog(settings)
    assert str(settings.user_catalog_path) in str(error.value)
    assert "already in the shipped catalog" in str(error.value)


def test_unknown_id_lists_the_known_ones(shipped):
    with pytest.raises(CorpusError, match="Unknown document 'peca-2099'. Known documents: draft-national-ai-policy-2023, "):
        source_by_id(list(shipped.values()), "peca-2099")


@pytest.mark.parametrize("question,expected", [
    ("What does the Cloud First Policy say about data?", ["cloud-first-policy-2022"]),
    ("Under the PECA amendment act, what is the SMPRA?", ["peca-amendment-act-2025"]),
    ("What is in section 20 of PECA?", ["peca-2016-consolidated-2025"]),
    ("Does the CERT Rules 2023 apply to banks?", ["cert-rules-2023"]),
    ("Compare the draft AI policy with the final AI policy",
     ["draft-national-ai-policy-2023", "national-ai-policy-2025"]),
    ("What does the personal data protection bill say?", ["personal-data-protection-bill-2023"]),
    ("eto section 3", ["electronic-transactions-ordinance-2002"]),
    ("What about the ghetto?", []),  # "eto" inside a word is not the ETO
])
def test_mentioned_sources_finds_documents_by_name_or_alias(shipped, question, expected):
    assert [s.id for s in mentioned_sources(question, list(shipped.values()))] == expected


def test_the_original_peca_text_is_a_known_other_version_of_the_indexed_one(shipped):
    original = shipped["peca-2016-as-passed"]
    assert not original.available and original.version_of == "peca-2016-consolidated-2025"
    question = "What did section 37 of PECA say in the 2016 gazette text, before any amendment?"
    assert "peca-2016-as-passed" in [s.id for s in mentioned_sources(question, list(shipped.values()))]


@pytest.mark.parametrize("question, name", [
    ("What is the penalty for counterfeit goods under Pakistan's consumer protection law?", "consumer protection law"),
    ("Does the Pakistan Penal Code punish defamation?", "Penal Code"),
    ("Under the Companies Act 2017, must we keep records?", "Companies Act"),
    ("What does the EU AI Act require?", "EU AI Act"),
    ("Is hacking illegal under Pakistani law?", ""),                 # describes, does not name
    ("Under the cyber crime law, what is spoofing?", ""),             # PECA's alias
    ("Which law governs electronic signatures?", ""),
    ("Does the Authority act within 24 hours?", ""),                  # a verb, not a title
    ("Is spreading malicious code an offence?", ""),
    ("Does your PECA text include the 2023 amendments (Act XXXVII of 2023)?", ""),
])
def test_unknown_instrument_names_laws_no_catalog_document_matches(shipped, question, name):
    assert unknown_instrument(question, list(shipped.values())) == name


def user_source(**changes) -> Source:
    values = dict(id="data-rules-2026", title="Data Rules 2026", short_name="Data Rules", issuer="(user-added)",
                  date="2026", status=DocStatus.USER, available=True, sha256="ab" * 32, file="data-rules-2026.pdf",
                  extraction_mode="layout", aliases=("data rules",), note="added in a test")
    return Source(**{**values, **changes})


def test_add_user_source_round_trips_through_load_catalog(settings, shipped):
    add_user_source(settings, user_source())
    loaded = load_catalog(settings)
    assert [s.id for s in loaded[: len(shipped)]] == list(shipped)
    assert loaded[-1] == user_source()
    assert settings.user_catalog_path.is_file()
    assert not settings.user_catalog_path.with_suffix(".tmp").exists()


def test_adding_the_same_id_again_replaces_the_row(settings):
    add_user_source(settings, user_source())
    add_user_source(settings, user_source(id="other-rules", file="other-rules.pdf"))
    add_user_source(settings, user_source(title="Data Rules 2026 (corrected)"))
    user_rows = read_catalog_file(settings.user_catalog_path)
    assert [(s.id, s.title) for s in user_rows] == [("other-rules", "Data Rules 2026"),
                                                   ("data-rules-2026", "Data Rules 2026 (corrected)")]
