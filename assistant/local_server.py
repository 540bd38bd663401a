"""The local model's llama.cpp server, run in a child process so a native crash never takes the caller down.

llama.cpp is native code: an instruction the CPU does not have, or a bug, kills the whole process with a
signal. The model therefore runs in `python -m assistant.local_server`, which serves llama.cpp's own
OpenAI-compatible HTTP server (xllamacpp, a prebuilt wheel with no CPU-specific compile step) on the
loopback address. The caller talks to it over HTTP and, when the child dies, reports the signal and
starts a new one for the next question.

Usage example:
    server = LocalServer(server_command(model, n_ctx=2048, n_threads=2), log_path=Path("local-model.log"))
    server.ensure_running()
    print(server.base_url)          # http://127.0.0.1:PORT/v1
    server.stop()
"""
from __future__ import annotations

import argparse
import atexit
import logging
import os
import platform
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Sequence

from assistant.errors import GenerationError

logger = logging.getLogger(__name__)

# The xllamacpp CPU wheel is built for the x86-64 baseline its get_system_info() reports: AVX2, FMA,
# F16C (and BMI2, which every AVX2 CPU has). No AVX-512 or AMX code is in it (checked with objdump:
# no zmm register is used), so CPUs that advertise those flags run it too.
REQUIRED_X86_FLAGS = ("avx2", "fma", "f16c")
READY_PREFIX = "LOCAL_MODEL_READY "
# Loading the 1.1 GB model from the page cache takes ~6 s on 2 cores; a cold disk can take much longer.
STARTUP_TIMEOUT_S = 180.0


def missing_cpu_flags(cpuinfo: str | None = None, machine: str | None = None) -> list[str]:
    """CPU features the local model needs and this x86-64 CPU lacks; [] elsewhere or when all are there."""
    machine = (machine or platform.machine()).lower()
    if machine not in ("x86_64", "amd64"):
        return []
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []  # not Linux: nothing to read, the wheel's own check applies
    flags: set[str] = set()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            flags.update(line.split(":", 1)[-1].split())
            break
    return [flag for flag in REQUIRED_X86_FLAGS if flag not in flags]


def check_cpu(cpuinfo: str | None = None, machine: str | None = None) -> None:
    """Raise a clear GenerationError before any model load when the CPU cannot run the local model."""
    missing = missing_cpu_flags(cpuinfo, machine)
    if missing:
        raise GenerationError(
            f"This CPU lacks {', '.join(f.upper() for f in missing)}, which the local model (llama.cpp CPU build) "
            "needs; it would crash on the first instruction. Use the extractive generator "
            "(ASSISTANT_GENERATOR=extractive) or an ollama/openai server on another machine.")


def default_threads() -> int:
    """One thread per core this process may run on: more only adds contention."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def server_command(model_path: Path, n_ctx: int, n_threads: int) -> list[str]:
    """The argv that starts the local model server in a fresh Python process."""
    return [sys.executable, "-m", "assistant.local_server", "--model", str(model_path), "--ctx", str(n_ctx),
            "--threads", str(n_threads)]


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def crash_message(number: int) -> str:
    """What a user sees when the model process died of a signal."""
    return (f"The local model crashed (signal {number}, {signal_name(number)}); try the extractive generator "
            "(ASSISTANT_GENERATOR=extractive, or pick it in the app's sidebar). The next question starts it again.")


class LocalServer:
    """One child process serving the model on 127.0.0.1; started on demand, restarted after a crash."""

    def __init__(self, command: Sequence[str], log_path: Path | None = None,
                 startup_timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        self.command = list(command)
        self.log_path = log_path
        self.startup_timeout_s = startup_timeout_s
        self._process: subprocess.Popen | None = None
        self._base_url = ""
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def exit_signal(self) -> int | None:
        """The signal that killed the child, if it died of one."""
        process = self._process
        if process is None or process.poll() is None:
            return None
        return -process.returncode if process.returncode < 0 else None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None and bool(self._base_url)

    def ensure_running(self) -> str:
        """Start the child unless it is serving; return its OpenAI-compatible base URL."""
        with self._lock:
            if not self.is_running():
                if self._process is not None:
                    logger.warning("local model process %s ended (%s); starting a new one", self._process.pid,
                                   self._describe_exit())
                self._start()
            return self._base_url

    def stop(self) -> None:
        """Terminate the child (SIGTERM, then SIGKILL after 10 s)."""
        process, self._process, self._base_url = self._process, None, ""
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _start(self) -> None:
        log = self._open_log()
        started = time.perf_counter()
        self._process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                                         text=True, bufsize=1)
        if log is not subprocess.DEVNULL:
            log.close()  # the child holds its own descriptor
        self._base_url = self._wait_until_ready(self._process)
        logger.info("local model server ready at %s in %.1f s (pid %s)", self._base_url,
                    time.perf_counter() - started, self._process.pid)

    def _open_log(self) -> IO | int:
        if self.log_path is None:
            return subprocess.DEVNULL
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        return open(self.log_path, "a", encoding="utf-8")

    def _wait_until_ready(self, process: subprocess.Popen) -> str:
        """The base URL the child prints once its server listens; a clear error if it dies or hangs first."""
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            for line in process.stdout:  # type: ignore[union-attr]
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True, name="local-model-stdout").start()
        deadline = time.monotonic() + self.startup_timeout_s
        closed = False
        while not closed and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            closed = line is None
            if line and line.startswith(READY_PREFIX):
                return line[len(READY_PREFIX):].strip()
        try:
            # Its output closes a moment before the process can be reaped.
            process.wait(timeout=10 if closed else 0)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise GenerationError(f"The local model did not start within {self.startup_timeout_s:g} s. "
                                  f"{self._log_hint()}") from None
        number = self.exit_signal()
        if number is not None:
            raise GenerationError(crash_message(number))
        raise GenerationError(f"The local model server exited with code {process.returncode} before it was ready. "
                              f"{self._log_hint()}")

    def _describe_exit(self) -> str:
        number = self.exit_signal()
        if number is not None:
            return f"signal {number}, {signal_name(number)}"
        return f"exit code {self._process.returncode if self._process else None}"

    def _log_hint(self) -> str:
        return f"See {self.log_path}." if self.log_path else ""


_SERVERS: dict[tuple[str, ...], LocalServer] = {}
_SERVERS_LOCK = threading.Lock()


def shared_server(command: Sequence[str], log_path: Path | None = None) -> LocalServer:
    """One server per command line in this process: the app builds a generator per question."""
    key = tuple(command)
    with _SERVERS_LOCK:
        server = _SERVERS.get(key)
        if server is None:
            server = _SERVERS[key] = LocalServer(command, log_path)
        return server


@atexit.register
def _stop_all() -> None:
    for server in list(_SERVERS.values()):
        server.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Child entry point: load the model, serve it on 127.0.0.1, print the base URL, run until SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m assistant.local_server",
                                     description="Serve the local GGUF model on 127.0.0.1 (OpenAI-compatible).")
    parser.add_argument("--model", required=True, help="path of the GGUF file")
    parser.add_argument("--ctx", type=int, default=2048, help="context size in tokens")
    parser.add_argument("--threads", type=int, default=default_threads(), help="CPU threads (default: all cores)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    args = parser.parse_args(argv)
    try:
        import xllamacpp
    except ImportError:
        print("xllamacpp is not installed. Run: .venv/bin/pip install -e '.[llamacpp]'", file=sys.stderr)
        return 3
    params = xllamacpp.CommonParams()
    params.model.path = args.model
    params.n_ctx = args.ctx
    params.n_parallel = 1  # one slot: its KV cache keeps the shared system-prompt prefix between questions
    params.cache_prompt = True
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    params.hostnames = ["127.0.0.1"]
    params.port = args.port
    server = xllamacpp.Server(params)
    print(f"{READY_PREFIX}{server.listening_address.rstrip('/')}/v1", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    parent = os.getppid()
    # A caller killed outright (SIGKILL, a crash) never stops its server: once this process has been handed
    # to another parent, nobody will ask it anything again, so it exits rather than hold the model's memory.
    while not stop.wait(1.0) and os.getppid() == parent:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
