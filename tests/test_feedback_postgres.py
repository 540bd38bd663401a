"""The feedback and chat-log store against a real PostgreSQL started in the test (as replicas would share it).

The server runs from Debian's postgresql binaries, as a non-root user when the tests run as root
(PostgreSQL refuses root), on 127.0.0.1 and a free port, in a temp dir; it is always stopped.
Skipped, with the reason, when the binaries or the psycopg driver are missing.
"""
from __future__ import annotations

import glob
import importlib.util
import io
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.types import Answer, AnswerStatus, Citation, DocStatus
from tests.prerequisites import missing_prerequisite

pytestmark = pytest.mark.integration

PASSWORD = "not-a-real-secret-7f3a"


def _pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    """initdb + pg_ctl in a temp dir; as the `postgres` (or `nobody`) user when we are root."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin, self.port = bin_dir, _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="pg-test-"))
        self.data, self.log = self.root / "data", self.root / "server.log"
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            user = "postgres" if _user_exists("postgres") else "nobody"
            entry = pwd.getpwnam(user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self.prefix = ["runuser", "-u", user, "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=120, cwd=self.root)

    def init(self) -> "Postgres":
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "assistant", "--auth=trust", "-E", "UTF8")
        return self

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root}"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=60, cwd=self.root)

    @property
    def url(self) -> str:
        # trust auth ignores the password; it is here to check that no error message ever shows it.
        return f"postgresql+psycopg://assistant:{PASSWORD}@127.0.0.1:{self.port}/postgres"


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@pytest.fixture(scope="module")
def postgres():
    bin_dir = _pg_bin()
    if bin_dir is None:
        missing_prerequisite("PostgreSQL server binaries not found; install them with: apt-get install -y postgresql")
    if importlib.util.find_spec("psycopg") is None:
        missing_prerequisite("the PostgreSQL driver is missing; install it with: pip install 'psycopg[binary]'")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        missing_prerequisite("running as root without runuser (util-linux): PostgreSQL refuses to start as root")
    server = Postgres(bin_dir).init()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


def _answer(question: str) -> Answer:
    cite = Citation(1, "c1", "peca-2016-consolidated-2025", "PECA", "PECA 2016", DocStatus.CONSOLIDATED, "24",
                    ("24. Spoofing",), 14, "", "Whoever commits spoofing")
    return Answer(question, AnswerStatus.ANSWERED, "Spoofing is an offence [1].", (cite,), seconds=0.5)


@pytest.fixture
def settings(postgres, tmp_path) -> Settings:
    return Settings.from_env(env={}, data_dir=tmp_path / "data", database_url=postgres.url)


def test_two_replicas_write_to_one_database_and_either_exports_everything(settings, tmp_path):
    from assistant.feedback import FeedbackStore, export_feedback

    replica_a = FeedbackStore(settings)
    replica_b = FeedbackStore(settings.with_(data_dir=tmp_path / "other"))
    first = replica_a.log_turn("conv-a", _answer("What is spoofing?"), "extractive")
    second = replica_b.log_turn("conv-b", _answer("سپوفنگ کی سزا کیا ہے؟"), "extractive")
    replica_b.record_feedback(first, 1, "clear")
    replica_a.record_feedback(second, -1, "wrong section")
    rows = [r for r in replica_b.rows() if r["turn_id"] in (first, second)]
    assert [(r["question"], r["rating"], r["comment"]) for r in rows] == [
        ("What is spoofing?", 1, "clear"), ("سپوفنگ کی سزا کیا ہے؟", -1, "wrong section")]
    assert rows[0]["citations"][0]["section"] == "24"
    out = io.StringIO()
    assert export_feedback(settings, "jsonl", out) >= 2
    assert "سپوفنگ" in out.getvalue()
    assert not (settings.data_dir / "feedback.sqlite3").exists()  # nothing went to the SQLite default


def test_twenty_simultaneous_writers_lose_nothing(settings):
    from assistant.feedback import FeedbackStore

    store = FeedbackStore(settings)
    barrier, turn_ids, errors = threading.Barrier(20), [], []

    def write(n: int) -> None:
        barrier.wait()
        try:
            turn = store.log_turn(f"conv-{n}", _answer(f"question {n}"), "extractive")
            store.record_feedback(turn, 1 if n % 2 else -1)
            turn_ids.append(turn)
        except Exception as exc:  # collected so the main thread reports it
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    stored = {r["turn_id"]: r for r in store.rows()}
    assert set(turn_ids) <= set(stored) and len(turn_ids) == 20
    assert sorted(stored[t]["question"] for t in turn_ids) == sorted(f"question {n}" for n in range(20))


def test_database_down_gives_a_clear_error_without_the_password_then_recovers(settings, postgres):
    from assistant.feedback import FeedbackStore

    store = FeedbackStore(settings)
    store.log_turn("conv-x", _answer("before"), "extractive")
    postgres.stop()
    try:
        with pytest.raises(AssistantError) as caught:
            store.log_turn("conv-x", _answer("while down"), "extractive")
        message = str(caught.value)
        assert "Cannot write to the feedback database" in message and "ASSISTANT_DATABASE_URL" in message
        assert PASSWORD not in message
    finally:
        postgres.start()
    turn = store.log_turn("conv-x", _answer("after"), "extractive")
    store.record_feedback(turn, 1)
    assert "after" in {r["question"] for r in store.rows()}
