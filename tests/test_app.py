"""The Streamlit app, driven headless with streamlit.testing.v1.AppTest over the real index and models."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import pdf_factory
from assistant.config import PROJECT_ROOT, Settings
from assistant.feedback import FeedbackStore
from assistant.types import AnswerStatus
from ui.export import conversation_markdown

APP = str(PROJECT_ROOT / "app.py")
TIMEOUT = 240
DRAFT_QUESTION = "What does clause 4.1.2 of the AI policy say?"


def start(monkeypatch, tmp_path, data_dir: Path, corpus_dir: Path) -> AppTest:
    """The app over an index, with its own feedback database in tmp_path."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus_dir))
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", f"sqlite:///{tmp_path / 'feedback.sqlite3'}")
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def app(monkeypatch, tmp_path, built_index) -> AppTest:
    settings, _ = built_index
    return start(monkeypatch, tmp_path, settings.data_dir, settings.corpus_dir)


@pytest.fixture
def own_index(tmp_path, built_index) -> Path:
    """A copy of the session index that a test may change (uploads)."""
    settings, _ = built_index
    target = tmp_path / "own-data"
    shutil.copytree(settings.data_dir / "index", target / "index")
    return target


def ask(app: AppTest, question: str) -> AppTest:
    app.chat_input(key="question").set_value(question).run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def last_answer(app: AppTest):
    return app.session_state["messages"][-1]["answer"]


def card_bodies(app: AppTest) -> list[str]:
    return [h.proto.body for h in app.get("html") if 'class="pa-card"' in h.proto.body]


def test_missing_index_tells_the_user_what_to_run(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "empty"))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    assert any("No index in" in e.value and "python -m ingest" in e.value for e in app.error)
    assert any("python -m ingest" in c.value for c in app.code)
    # The sidebar still lists the known documents and how to add them.
    assert any("Known but not indexed" in e.label for e in app.sidebar.expander)
    assert not app.chat_input


def test_unreachable_index_server_is_an_error_message_and_the_app_stays_up(monkeypatch, tmp_path):
    from test_browser import free_port

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_CHROMA_PORT", str(free_port()))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    assert any("Cannot reach the Chroma server" in e.value for e in app.error), [e.value for e in app.error]
    app.run()  # the next run tries again (a failed load is not cached)
    assert not app.exception and len(app.error) == 1


@pytest.mark.integration
def test_blank_question_gets_a_clear_message(app):
    app.chat_input(key="question").set_value("   ").run()
    assert not app.exception and not app.error
    assert any("Please type a question" in w.value for w in app.warning) and not card_bodies(app)


@pytest.mark.integration
def test_answer_has_cards_with_draft_badge_section_page_and_linked_markers(app):
    ask(app, DRAFT_QUESTION)
    result = last_answer(app)
    assert result.status == AnswerStatus.ANSWERED and result.citations
    first = result.citations[0]
    cards = card_bodies(app)
    assert len(cards) == len(result.citations)
    assert "DRAFT</span>" in cards[0] and "Section 4.1.2" in cards[0] and f"PDF page {first.page}" in cards[0]
    assert "<mark>" in cards[0]  # the supporting words are highlighted
    answer_md = [m.value for m in app.chat_message[1].markdown]
    assert any("(#cite-0-1)" in value for value in answer_md), answer_md
    assert any("DRAFT" in w.value for w in app.warning)
    assert app.button(key="open-0-1").label == f"Open PDF page {first.page}"


@pytest.mark.integration
def test_clicking_a_card_opens_the_cited_page_with_a_download(app):
    ask(app, DRAFT_QUESTION)
    app.button(key="open-0-1").click().run()
    assert not app.exception
    assert len(app.image) == 1
    cited = app.session_state["viewer"]["page"]
    assert cited == last_answer(app).citations[0].page
    assert any("highlighted" in c.value for c in app.caption)
    assert app.get("download_button") and any(b.proto.label == "Download draft-national-ai-policy-2023.pdf"
                                               for b in app.get("download_button"))
    app.button(key="viewer-next").click().run()
    assert app.session_state["viewer"]["page"] == cited + 1 and len(app.image) == 1


@pytest.mark.integration
def test_follow_up_uses_the_conversation_and_new_conversation_forgets_it(app):
    ask(app, "What does section 26A of PECA say?")
    ask(app, "what is the punishment for it?")
    follow_up = last_answer(app)
    assert "26A" in follow_up.rewritten_question, follow_up.rewritten_question
    assert len(app.chat_message) == 4
    app.button(key="new-conversation").click().run()
    assert app.session_state["messages"] == [] and not app.chat_message


@pytest.mark.integration
def test_question_about_a_missing_document_is_refused_with_how_to_add_it(app):
    ask(app, "What does the Personal Data Protection Bill 2023 say about consent?")
    assert last_answer(app).status == AnswerStatus.MISSING_DOCUMENT
    assert app.info and "not" in app.info[0].value.lower()
    assert not card_bodies(app)


@pytest.mark.integration
def test_document_filter_restricts_the_citations(app):
    eto = "electronic-transactions-ordinance-2002"
    app.multiselect(key="doc-filter").set_value([eto]).run()
    ask(app, "What is the legal recognition of electronic signatures?")
    result = last_answer(app)
    assert result.citations and {c.doc_id for c in result.citations} == {eto}
    assert any("searched 1 selected document" in c.value for c in app.chat_message[1].caption)


@pytest.mark.integration
def test_an_example_question_is_asked_when_clicked(app):
    app.button(key="example-1").click().run()
    assert not app.exception
    assert app.session_state["messages"][0]["content"] == DRAFT_QUESTION
    assert card_bodies(app)


@pytest.mark.integration
def test_feedback_is_stored_with_question_answer_and_citations(app, tmp_path):
    ask(app, DRAFT_QUESTION)
    app.feedback(key="rating-0").set_value(0)
    app.text_input(key="comment-0").set_value("cites the draft, good")
    (send,) = [b for b in app.button if b.label == "Send feedback"]
    send.click().run()
    assert not app.exception and any("feedback (thumbs down) was recorded" in s.value for s in app.success)
    settings = Settings.from_env(env={}, database_url=f"sqlite:///{tmp_path / 'feedback.sqlite3'}")
    (row,) = list(FeedbackStore(settings).rows())
    assert (row["rating"], row["comment"], row["question"]) == (-1, "cites the draft, good", DRAFT_QUESTION)
    assert row["citations"][0]["section"] == "4.1.2"
    app.sidebar.radio(key="view").set_value("Feedback").run()
    assert app.metric[0].value == "1"
    assert {"CSV", "JSONL"} <= {b.proto.label for b in app.get("download_button") if not b.proto.disabled}


@pytest.mark.integration
def test_conversation_exports_as_markdown_with_citations(app):
    assert app.sidebar.get("download_button")[0].proto.disabled
    ask(app, DRAFT_QUESTION)
    button = app.sidebar.get("download_button")[0]
    assert not button.proto.disabled and button.proto.label == "Export conversation (Markdown)"
    text = conversation_markdown(app.session_state["messages"])
    assert f"## Q: {DRAFT_QUESTION}" in text and "**[DRAFT]**, section 4.1.2" in text


@pytest.mark.integration
def test_script_and_markdown_link_tricks_in_a_question_are_shown_as_text(app):
    ask(app, '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> what is section 26A?')
    user_md = app.chat_message[0].markdown[0].value
    # Every "<" and "](" is backslash-escaped, so Markdown shows them as text: no tag, no link.
    assert not re.search(r"(?<!\\)<", user_md) and not re.search(r"(?<!\\)\]\(", user_md), user_md
    assert "\\<script\\>" in user_md
    for html in app.get("html"):
        assert "<script" not in html.proto.body and "javascript:" not in html.proto.body


@pytest.mark.integration
def test_clause_browser_shows_the_full_section(app, resources):
    app.sidebar.radio(key="view").set_value("Clause browser").run()
    app.selectbox(key="browse-doc").set_value("peca-2016-consolidated-2025").run()
    app.selectbox(key="browse-section").set_value("peca-2016-consolidated-2025::26A").run()
    assert not app.exception
    section = resources.section("peca-2016-consolidated-2025", "26A")
    shown = " ".join(m.value for m in app.markdown)
    assert section.text.split()[2].strip(".,;:") in shown
    assert any(f"PDF page {section.page_start}" in c.value for c in app.caption)
    assert any("Amendment history: inserted by Act No\\. II of 2025, s\\. 5" in c.value for c in app.caption)


@pytest.mark.integration
def test_penalties_view_filters_sorts_exports_and_opens_a_rows_page(app):
    app.sidebar.radio(key="view").set_value("Penalties").run()
    assert not app.exception
    app.text_input(key="pen-words").set_value("fake").run()
    (table,) = app.dataframe
    assert list(table.value["section"]) == ["s. 26A"] and list(table.value["max prison (months)"]) == [36]
    app.text_input(key="pen-words").set_value("").run()
    app.selectbox(key="pen-sort").set_value("Longest prison term first").run()
    terms = list(app.dataframe[0].value["max prison (months)"])
    assert terms == sorted(terms, reverse=True) and terms[0] >= 168
    assert "Download CSV" in [b.proto.label for b in app.get("download_button")]
    app.selectbox(key="pen-doc").set_value("peca-2016-consolidated-2025").run()
    app.selectbox(key="pen-row").set_value(0).run()
    app.button(key="pen-open").click().run()
    viewer = app.session_state["viewer"]
    assert viewer["doc_id"] == "peca-2016-consolidated-2025" and viewer["page"] > 1


@pytest.mark.integration
def test_obligations_view_lists_a_partys_duties(app):
    app.sidebar.radio(key="view").set_value("Obligations").run()
    app.selectbox(key="obl-who").set_value("service provider").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert set(table["who"]) == {"service provider"} and "s. 32(1)" in list(table["section"])


@pytest.mark.integration
def test_generator_switch_lists_only_configured_generators(monkeypatch, tmp_path, built_index, app):
    if not _has_llama_cpp():
        assert [r.key for r in app.sidebar.radio] == ["view"]
        assert any("Answers by: Extractive" in c.value for c in app.sidebar.caption)
    settings, _ = built_index
    monkeypatch.setenv("ASSISTANT_LLM_BASE_URL", "http://127.0.0.1:9")
    switched = start(monkeypatch, tmp_path, settings.data_dir, settings.corpus_dir)
    switch = switched.sidebar.radio(key="generator")
    assert switch.value == "extractive"
    assert {"Extractive (quotes the documents, no model)", "Ollama server", "OpenAI-compatible server"} <= set(switch.options)


def _has_llama_cpp() -> bool:
    import importlib.util

    return importlib.util.find_spec("xllamacpp") is not None


@pytest.mark.integration
def test_uploaded_pdf_is_indexed_and_answerable(monkeypatch, tmp_path, built_index, own_index):
    settings, _ = built_index
    app = start(monkeypatch, tmp_path, own_index, settings.corpus_dir)
    app.sidebar.radio(key="view").set_value("Add a document").run()
    pdf = pdf_factory.text_pdf_bytes([["Harbour Drone Rules 2026", "Rule 7. Every drone operator shall keep a flight",
                                       "logbook for five years and show it to the harbour master."]])
    app.file_uploader(key="upload-file").set_value(("harbour-drone-rules.pdf", pdf, "application/pdf")).run()
    app.text_input(key="upload-title").set_value("Harbour Drone Rules 2026").run()
    app.button(key="upload-go").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert any("Added" in s.value and "user\\-harbour\\-drone\\-rules" in s.value for s in app.success)
    app.sidebar.radio(key="view").set_value("Chat").run()
    ask(app, "How long must a drone operator keep the flight logbook under the Harbour Drone Rules?")
    assert any(c.doc_id == "user-harbour-drone-rules" for c in last_answer(app).citations)


@pytest.mark.integration
@pytest.mark.parametrize("name,make,reason", [
    ("scanned.pdf", lambda d, c: pdf_factory.scanned_pdf(d), "text"),
    ("truncated.pdf", lambda d, c: pdf_factory.truncated_pdf(d, c / pdf_factory.ETO_FILE), ""),
    ("page.pdf", lambda d, c: pdf_factory.not_a_pdf(d), "%PDF"),
])
def test_broken_or_scanned_upload_is_refused_and_the_index_is_unchanged(monkeypatch, tmp_path, built_index, own_index,
                                                                        name, make, reason):
    settings, _ = built_index
    app = start(monkeypatch, tmp_path, own_index, settings.corpus_dir)
    before = sorted(app.session_state["messages"]), _indexed(app)
    app.sidebar.radio(key="view").set_value("Add a document").run()
    made = make(tmp_path, settings.corpus_dir)
    app.file_uploader(key="upload-file").set_value((name, made.read_bytes(), "application/pdf")).run()
    app.button(key="upload-go").click().run()
    assert not app.exception
    (error,) = [e.value for e in app.error]
    assert error.startswith("Not added:") and error.endswith("The existing index is unchanged.") and reason in error
    assert not (own_index / "user_catalog.toml").exists()
    assert _indexed(app) == before[1]


def _indexed(app: AppTest) -> list[str]:
    return sorted(m.value for m in app.sidebar.markdown if "check_circle" in m.value)


@pytest.mark.integration
@pytest.mark.parametrize("view", ["Feedback", "Add a document"])
def test_maintainer_views_need_the_password_when_one_is_set(monkeypatch, tmp_path, built_index, view):
    from assistant.access import hash_password

    settings, _ = built_index
    monkeypatch.setenv("ASSISTANT_MAINTAINER_PASSWORD_HASH", hash_password("maintainer password 1", iterations=1000))
    app = start(monkeypatch, tmp_path, settings.data_dir, settings.corpus_dir)
    app.sidebar.radio(key="view").set_value(view).run()
    assert not app.metric and not app.get("file_uploader")  # nothing of the view before signing in
    app.text_input(key="maintainer-password").set_value("a wrong password")
    _sign_in_button(app).click().run()
    assert any("Wrong password" in e.value for e in app.error)
    assert not app.metric and not app.get("file_uploader")
    app.text_input(key="maintainer-password").set_value("maintainer password 1")
    _sign_in_button(app).click().run()
    assert not app.exception
    assert app.metric or app.get("file_uploader")
    assert any(b.label == "Sign out as maintainer" for b in app.button)


@pytest.mark.integration
def test_with_the_chat_log_off_a_question_is_stored_only_with_feedback(monkeypatch, app, tmp_path):
    monkeypatch.setenv("ASSISTANT_CHAT_LOG_DAYS", "0")
    ask(app, DRAFT_QUESTION)
    settings = Settings.from_env(env={}, database_url=f"sqlite:///{tmp_path / 'feedback.sqlite3'}")
    engine_rows = list(FeedbackStore(settings).rows())
    assert engine_rows == []
    import sqlalchemy

    with sqlalchemy.create_engine(settings.resolved_database_url).connect() as connection:
        tables = sqlalchemy.inspect(connection).get_table_names()
        count = connection.execute(sqlalchemy.text("select count(*) from assistant_turns")).scalar() if tables else 0
    assert count == 0


def _sign_in_button(app: AppTest):
    (button,) = [b for b in app.button if b.label == "Sign in"]
    return button
