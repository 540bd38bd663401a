"""Which answer generators this deployment can use, for the sidebar switch."""
from __future__ import annotations

import importlib.util

from assistant.config import Settings

LABELS = {
    "extractive": "Extractive (quotes the documents, no model)",
    "llamacpp": "Local model (llama.cpp)",
    "ollama": "Ollama server",
    "openai": "OpenAI-compatible server",
}


def configured_generators(settings: Settings) -> list[str]:
    """Extractive always; llamacpp when installed; ollama/openai when a server URL is set; the current one."""
    options = ["extractive"]
    if importlib.util.find_spec("xllamacpp") is not None:
        options.append("llamacpp")
    if settings.llm_base_url:
        options += ["ollama", "openai"]
    if settings.generator not in options:
        options.append(settings.generator)
    return options
