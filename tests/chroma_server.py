"""A real `chroma run` server for tests: 127.0.0.1, a free port, a temp dir; always stopped.

One server per test session is shared by test_server_mode.py and test_concurrency.py through
shared_server(): it is started on first use and stopped at interpreter exit (and, on Linux, killed
with pytest if pytest itself is killed).
"""
from __future__ import annotations

import atexit
import ctypes
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class ChromaServer:
    """`chroma run --path PATH --host 127.0.0.1 --port PORT`, startable again on the same path and port."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path, self.port = path, port or free_port()
        self.proc: subprocess.Popen | None = None
        self.log = path.with_suffix(".log")

    def start(self, timeout: float = 60.0) -> "ChromaServer":
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.proc.returncode}; see {self.log}")
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"chroma run did not listen on 127.0.0.1:{self.port} within {timeout} s; see {self.log}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


_SHARED: dict[str, object] = {}


def shared_server() -> ChromaServer:
    """The session's server (started on first call, stopped at exit)."""
    server = _SHARED.get("server")
    if server is None:
        path = Path(tempfile.mkdtemp(prefix="chroma-server-test-")) / "chroma"
        server = _SHARED["server"] = ChromaServer(path).start()
        atexit.register(server.stop)
    if not server.running:  # a test stopped it and failed before restarting it
        server.start()
    return server


def shared_cache() -> dict[str, object]:
    """Per-session values derived from the shared server (e.g. its ingest report)."""
    return _SHARED


class ReusingEmbedder:
    """A real embedder that first looks a passage up among vectors already computed for the same text.

    Ingest keys vectors by sha256(model name + text); handing it the embedded session index's vectors
    lets a fresh server be filled through the real ingest pipeline without 60 s of re-embedding.
    """

    def __init__(self, inner, known: dict[str, list[float]]) -> None:
        self.inner, self.known = inner, known
        self.name, self.max_tokens = inner.name, inner.max_tokens
        self.reused = self.embedded = 0

    def embed_passages(self, texts):
        from ingest.index import _text_hash

        hashes = [_text_hash(self.name, t) for t in texts]
        missing = [t for t, h in zip(texts, hashes) if h not in self.known]
        fresh = iter(self.inner.embed_passages(missing) if missing else [])
        self.embedded += len(missing)
        self.reused += len(texts) - len(missing)
        return [self.known[h] if h in self.known else next(fresh) for h in hashes]

    def embed_query(self, text):
        return self.inner.embed_query(text)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


def server_index(built_index, embedders, tmp_root: Path):
    """The real corpus ingested into the shared server through ingest.run (once per session)."""
    if "server_index" in _SHARED:
        return _SHARED["server_index"]
    from assistant.store import IndexStore, make_client
    from ingest.index import Embedders, run

    settings, _ = built_index
    local = IndexStore(make_client(settings), settings)
    wrapped = {space: ReusingEmbedder(e, {h: v for h, v in local.stored_vectors(space).values()})
               for space, e in embedders.spaces().items()}
    server = shared_server()
    server_settings = settings.with_(chroma_host="127.0.0.1", chroma_port=server.port, data_dir=tmp_root / "server-data")
    report = run(server_settings, Embedders(wrapped["en"], wrapped.get("multi")))
    _SHARED["server_index"] = (server_settings, report, wrapped)
    return _SHARED["server_index"]
