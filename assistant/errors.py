"""One error hierarchy; every message says what happened and what to run next."""


class AssistantError(Exception):
    """Base class for errors shown to users as `Error: ...`."""


class CorpusError(AssistantError):
    """A corpus file or the catalog cannot be used."""


class IndexMissing(AssistantError):
    """No index has been built in the data directory."""


class IndexMismatch(AssistantError):
    """The index was built with another embedding model, chunker or catalog."""


class BadQuestion(AssistantError):
    """The question is empty, too long or has no words."""


class GenerationError(AssistantError):
    """The answer generator failed or is not installed."""


class StoreUnavailable(AssistantError):
    """The vector store (embedded or server) cannot be reached."""
