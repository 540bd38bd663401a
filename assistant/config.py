"""Settings: the one place that reads the environment (prefix ASSISTANT_)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

PROJECT_ROOT = Path(__file__).resolve().parents[1]

GENERATORS = ("extractive", "llamacpp", "ollama", "openai")


def _default_corpus_dir() -> Path:
    # A clone laid out as CI does it has ../shared/corpus beside the project.
    for candidate in (PROJECT_ROOT.parent / "shared" / "corpus", PROJECT_ROOT / "corpus" / "pdfs"):
        if candidate.is_dir():
            return candidate
    return PROJECT_ROOT.parent / "shared" / "corpus"


def _as_bool(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    """Every tunable of the assistant; build with Settings.from_env(**overrides)."""

    data_dir: Path = PROJECT_ROOT / "data"
    corpus_dir: Path = field(default_factory=_default_corpus_dir)
    catalog_path: Path = PROJECT_ROOT / "corpus" / "catalog.toml"
    collection_prefix: str = "policy"
    # all-MiniLM-L6-v2 reads at most 256 word pieces and silently drops the rest;
    # chunks are sized to stay under this with room for the heading line.
    embed_model: str = "all-MiniLM-L6-v2"
    multilingual: bool = True
    chunk_max_tokens: int = 230
    chunk_overlap_sentences: int = 1
    embed_batch_size: int = 32
    top_k: int = 5
    candidate_k: int = 30
    # Optional second stage: re-score the first rerank_k fused hits with the multilingual model's vectors.
    rerank: bool = False
    rerank_k: int = 20
    generator: str = "extractive"
    llm_model: str = ""
    llm_base_url: str = ""
    llm_timeout_s: float = 120.0
    max_question_chars: int = 4000
    max_pdf_bytes: int = 50 * 1024 * 1024
    max_pdf_pages: int = 3000
    # Per-file bounds on reading a PDF: a hostile file (one 200 kB line of text, a flate bomb) is stopped, not waited for.
    max_pdf_chars: int = 5_000_000
    max_pdf_seconds: float = 120.0
    chroma_host: str = ""
    chroma_port: int = 8000
    chroma_ssl: bool = False
    # Secrets: read from the environment only, never shown in repr or logs.
    chroma_token: str = field(default="", repr=False)
    api_key: str = field(default="", repr=False)
    # Feedback and chat logs: an SQLAlchemy URL; empty means a SQLite file in the data directory.
    # Replicas behind a load balancer share one database (PostgreSQL) through this URL.
    database_url: str = field(default="", repr=False)
    # Questions are kept this many days in the chat log (answers with feedback are kept until exported);
    # 0 turns the chat log off: a turn is then stored only when its user sends feedback on it.
    chat_log_days: int = 30
    # Maintainer sign-in (adding/removing documents, feedback, chat logs): a hash from
    # `python -m assistant hash-password`, and/or the e-mails allowed through Streamlit's OIDC login.
    maintainer_password_hash: str = field(default="", repr=False)
    maintainer_emails: str = field(default="", repr=False)
    progress: bool = True
    debug: bool = False

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'feedback.sqlite3'}"

    @property
    def user_catalog_path(self) -> Path:
        """Catalog of documents a deployment added itself (`python -m ingest add`)."""
        return self.data_dir / "user_catalog.toml"

    @property
    def user_docs_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def downloads_dir(self) -> Path:
        return self.data_dir / "downloads"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then ASSISTANT_* variables, then explicit overrides (flags)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"ASSISTANT_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.type, raw)
        types = {f.name: f.type for f in fields(cls)}
        values.update({k: _convert(types[k], v) if isinstance(v, str) else v for k, v in overrides.items() if v is not None})
        settings = cls(**values)
        settings.validate()
        return settings

    def with_(self, **changes: Any) -> "Settings":
        """A copy with some fields changed, validated."""
        settings = replace(self, **changes)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Reject impossible values early, listing what is allowed."""
        if self.generator not in GENERATORS:
            raise ValueError(f"Unknown generator {self.generator!r}; choose one of: {', '.join(GENERATORS)}")
        if not 1 <= self.top_k <= 50:
            raise ValueError(f"top_k must be between 1 and 50, got {self.top_k}")
        if self.candidate_k < self.top_k:
            raise ValueError(f"candidate_k ({self.candidate_k}) must be >= top_k ({self.top_k})")
        if self.chat_log_days < 0:
            raise ValueError(f"chat_log_days must be 0 (off) or a number of days, got {self.chat_log_days}")
        if not 64 <= self.chunk_max_tokens <= 254:
            raise ValueError(f"chunk_max_tokens must be between 64 and 254, got {self.chunk_max_tokens}")


def _convert(type_name: Any, raw: str) -> Any:
    name = type_name if isinstance(type_name, str) else getattr(type_name, "__name__", str(type_name))
    if name == "Path":
        return Path(raw).expanduser()
    if name == "bool":
        return _as_bool(raw)
    if name == "int":
        return int(raw)
    if name == "float":
        return float(raw)
    return raw
