"""The local model's server process: CPU check, start-up, and crashes reported instead of taking the caller down.

The crash tests use a small stand-in server that dies of a signal the way a native library does; the
real model is exercised in tests/test_llamacpp.py.
"""
from __future__ import annotations

import os
import signal
import sys
import textwrap

import pytest

from assistant.cli import main as cli_main
from assistant.config import Settings
from assistant.errors import GenerationError
from assistant.generate import build_chat_model
from assistant.local_model import LocalModelChat
from assistant.local_server import LocalServer, check_cpu, crash_message, missing_cpu_flags

BASELINE = "flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2"


@pytest.mark.parametrize("cpuinfo, machine, missing", [
    (BASELINE, "x86_64", []),
    # The CPU the crash was seen on advertises AVX-512 and AMX: the wheel uses neither, so it may run.
    (BASELINE + " avx512f avx512bw avx512_vnni amx_tile amx_int8", "x86_64", []),
    ("flags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx", "x86_64", ["avx2", "fma", "f16c"]),
    ("flags\t\t: fpu sse sse2 avx avx2 fma", "x86_64", ["f16c"]),
    ("processor: 0\nflags\t\t: avx2 fma f16c\nflags\t\t: nothing", "AMD64", []),
    ("Features\t: fp asimd", "aarch64", []),  # not x86-64: the flags do not apply
])
def test_missing_cpu_flags(cpuinfo, machine, missing):
    assert missing_cpu_flags(cpuinfo, machine) == missing


def test_a_cpu_without_avx2_gets_a_clear_message():
    with pytest.raises(GenerationError, match=r"lacks AVX2, FMA, F16C.*extractive generator"):
        check_cpu("flags\t\t: fpu sse sse2 avx", "x86_64")


def test_the_cpu_is_checked_before_the_model_is_assembled(monkeypatch, tmp_path):
    monkeypatch.setattr("assistant.local_server.missing_cpu_flags", lambda *args, **kwargs: ["avx2"])
    settings = Settings.from_env(data_dir=tmp_path, generator="llamacpp")
    with pytest.raises(GenerationError, match="lacks AVX2"):
        build_chat_model(settings)
    assert not (tmp_path / "models").exists(), "no model may be assembled or loaded on such a CPU"


# A stand-in for the model server: it answers /health, and dies of SIGNAL when asked to generate
# (or at start-up, with MODE=start), as llama.cpp does on an illegal instruction.
FAKE_SERVER = textwrap.dedent("""
    import http.server, os, signal, sys, threading
    mode, number = sys.argv[1], int(sys.argv[2])
    if mode == "start":
        os.kill(os.getpid(), number)
    if mode == "exit":
        sys.exit(3)
    if mode == "hang":
        threading.Event().wait()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            os.kill(os.getpid(), number)

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    print("LOCAL_MODEL_READY http://127.0.0.1:%d/v1" % httpd.server_address[1], flush=True)
    httpd.serve_forever()
""")


@pytest.fixture
def fake_server(tmp_path):
    script = tmp_path / "fake_server.py"
    script.write_text(FAKE_SERVER)
    servers = []

    def make(mode: str = "request", number: int = signal.SIGILL, timeout: float = 30.0) -> LocalServer:
        server = LocalServer([sys.executable, str(script), mode, str(int(number))], log_path=tmp_path / "server.log",
                             startup_timeout_s=timeout)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


def test_a_crash_during_an_answer_is_reported_with_its_signal_and_the_caller_survives(fake_server):
    server = fake_server("request", signal.SIGILL)
    model = LocalModelChat(server=server, timeout_s=20)
    with pytest.raises(GenerationError, match=r"The local model crashed \(signal 4, SIGILL\); try the extractive"):
        model.invoke([("human", "What is the punishment for spoofing?")])
    first = server.pid
    assert server.exit_signal() == signal.SIGILL
    # The next question starts a new server process, and its crash is reported the same way.
    with pytest.raises(GenerationError, match=r"crashed \(signal 4"):
        model.invoke([("human", "And for cyber stalking?")])
    assert server.pid != first
    assert os.getpid() > 0  # still here: the crash took down only the child


def test_a_crash_while_loading_names_the_signal(fake_server):
    server = fake_server("start", signal.SIGSEGV)
    with pytest.raises(GenerationError, match=r"crashed \(signal 11, SIGSEGV\)"):
        server.ensure_running()


def test_a_server_that_exits_before_it_is_ready_points_at_its_log(fake_server, tmp_path):
    with pytest.raises(GenerationError, match=rf"exited with code 3 before it was ready\. See {tmp_path}"):
        fake_server("exit").ensure_running()


def test_a_server_that_never_gets_ready_is_stopped_after_the_timeout(fake_server):
    server = fake_server("hang", timeout=1.5)
    with pytest.raises(GenerationError, match=r"did not start within 1.5 s"):
        server.ensure_running()
    assert not server.is_running()


def test_crash_message_names_signal_number_and_name():
    assert crash_message(9).startswith("The local model crashed (signal 9, SIGKILL); try the extractive generator")


@pytest.mark.integration
def test_answer_and_cli_turn_a_local_model_crash_into_an_error_line(monkeypatch, tmp_path, built_index, capsys):
    """The CLI prints one Error line naming the signal and returns 1; the process goes on."""
    settings, _ = built_index
    script = tmp_path / "fake_server.py"
    script.write_text(FAKE_SERVER)
    monkeypatch.setattr("assistant.local_model.check_cpu", lambda: None)
    monkeypatch.setattr("assistant.local_model.model_path", lambda settings: tmp_path / "model.gguf")
    monkeypatch.setattr("assistant.local_model.server_command",
                        lambda *args: [sys.executable, str(script), "request", str(int(signal.SIGILL))])
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    code = cli_main(["--generator", "llamacpp", "ask",
                     "What is the punishment for unauthorised access to an information system?"])
    err = capsys.readouterr().err
    assert code == 1
    assert "The local model crashed (signal 4, SIGILL); try the extractive generator" in err
    assert "Traceback" not in err
