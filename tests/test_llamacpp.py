"""The local llama.cpp generator: model assembly from chunk files, and one real end-to-end answer."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import signal
import threading

import pytest

from assistant.answer import answer
from assistant.errors import GenerationError
from assistant.generate import build_chat_model
from assistant.local_model import _stamp, assemble_model
from assistant.types import AnswerStatus
from tests.prerequisites import missing_prerequisite


def fake_parts(tmp_path, contents: list[bytes]):
    paths = []
    for n, data in enumerate(contents, 1):
        path = tmp_path / "parts" / f"part{n:02d}.bin"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


PARTS = [b"GGUF-head-", b"middle-", b"tail"]
WHOLE_SHA = hashlib.sha256(b"".join(PARTS)).hexdigest()


def test_parts_are_concatenated_in_order_and_verified(tmp_path):
    target = tmp_path / "models" / "m.gguf"
    assert assemble_model(fake_parts(tmp_path, PARTS), target, WHOLE_SHA, size=21) == target
    assert target.read_bytes() == b"GGUF-head-middle-tail"
    assert _stamp(target).read_text() == WHOLE_SHA
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".part")] == []


def test_a_hash_mismatch_is_a_clear_error_and_leaves_no_file(tmp_path):
    target = tmp_path / "models" / "m.gguf"
    swapped = fake_parts(tmp_path, PARTS)[::-1]
    with pytest.raises(GenerationError, match=r"sha256 .*expected .*pip install --force-reinstall"):
        assemble_model(swapped, target, WHOLE_SHA)
    assert list(target.parent.iterdir()) == [], "no model and no temporary file may be left behind"


def test_a_verified_model_is_reused_without_reading_the_parts(tmp_path):
    target = tmp_path / "models" / "m.gguf"
    parts = fake_parts(tmp_path, PARTS)
    assemble_model(parts, target, WHOLE_SHA, size=21)
    modified = target.stat().st_mtime_ns
    for part in parts:
        part.unlink()  # reading a part now would fail
    assert assemble_model(parts, target, WHOLE_SHA, size=21) == target
    assert target.stat().st_mtime_ns == modified


def test_a_model_of_the_wrong_size_is_assembled_again(tmp_path):
    target = tmp_path / "models" / "m.gguf"
    parts = fake_parts(tmp_path, PARTS)
    assemble_model(parts, target, WHOLE_SHA, size=21)
    target.write_bytes(b"GGUF-trunc")  # a damaged copy, still stamped
    assemble_model(parts, target, WHOLE_SHA, size=21)
    assert target.read_bytes() == b"GGUF-head-middle-tail"


def test_an_unstamped_file_with_the_right_hash_is_adopted(tmp_path):
    target = tmp_path / "models" / "m.gguf"
    target.parent.mkdir()
    target.write_bytes(b"".join(PARTS))
    assert assemble_model([tmp_path / "missing.bin"], target, WHOLE_SHA, size=21) == target
    assert _stamp(target).read_text() == WHOLE_SHA


def local_model_settings(resources):
    if importlib.util.find_spec("xllamacpp") is None:
        missing_prerequisite("xllamacpp is not installed; run: .venv/bin/pip install -e '.[llamacpp]' (prebuilt wheels)")
    return resources.settings.with_(generator="llamacpp")


@pytest.mark.llamacpp
@pytest.mark.integration
def test_the_local_model_answers_from_the_index_and_declines_what_it_does_not_hold(resources):
    settings = local_model_settings(resources)
    result = answer("What is the punishment for cyber terrorism under PECA?", resources, settings)
    assert result.status is AnswerStatus.ANSWERED, result.text
    cited = [(c.doc_id, c.section) for c in result.citations]
    assert ("peca-2016-consolidated-2025", "10") in cited, cited
    assert "[1]" in result.text
    # In the documents' own vocabulary, so it passes the evidence gate and reaches the model (which, when
    # measured, invented "18 years" with a [1]; citation checking must drop that).
    unanswerable = answer("What is the minimum age to open a social media account under PECA?", resources, settings)
    assert unanswerable.status is not AnswerStatus.ANSWERED, unanswerable.text
    assert not unanswerable.citations


@pytest.mark.llamacpp
@pytest.mark.integration
def test_the_real_model_server_killed_mid_answer_fails_that_answer_only(resources):
    """The model runs in its own process: killing it mid-generation fails one answer with the signal named,
    and the next question starts a new server and is answered."""
    settings = local_model_settings(resources)
    server = build_chat_model(settings).server
    server.ensure_running()
    killer = threading.Timer(1.0, lambda: os.kill(server.pid, signal.SIGSEGV))
    killer.start()
    try:
        with pytest.raises(GenerationError, match=r"The local model crashed \(signal 11, SIGSEGV\); try the extractive"):
            answer("What is the punishment for electronic fraud under PECA?", resources, settings)
    finally:
        killer.cancel()
    again = answer("What is the punishment for cyber terrorism under PECA?", resources, settings)
    assert again.status is AnswerStatus.ANSWERED, again.text
