"""The Streamlit app, driven headless with streamlit.testing.v1.AppTest over the real index."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assistant.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


def test_missing_index_tells_the_user_what_to_run(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "empty"))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    assert any("python -m ingest" in e.value for e in app.error)


@pytest.mark.integration
def test_question_gets_an_answer_with_citations_and_draft_warning(monkeypatch, built_index):
    settings, _ = built_index
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    app.chat_input[0].set_value("What does clause 4.1.2 of the AI policy say?").run()
    assert not app.exception
    assert any("DRAFT" in e.label for e in app.expander), [e.label for e in app.expander]
    assert any("DRAFT" in w.value for w in app.warning)
    # Follow-up in the same conversation keeps both turns on screen.
    app.chat_input[0].set_value("<script>alert(1)</script> and what about section 26A?").run()
    assert not app.exception
    assert len(app.chat_message) == 4
    assert any("26A" in e.label for e in app.expander), [e.label for e in app.expander] + [m.value for m in app.markdown]
