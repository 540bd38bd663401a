"""Fetch catalog documents that are missing locally from their official URLs (opt-in)."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from assistant.errors import CorpusError
from assistant.types import Source

log = logging.getLogger(__name__)


def download_source(source: Source, dest_dir: Path, timeout_s: float = 60.0, max_bytes: int = 50 * 1024 * 1024) -> Path:
    """Download one document to dest_dir/<file>; a sha256 mismatch is refused, never indexed."""
    import httpx

    if not source.url:
        raise CorpusError(f"{source.id}: the catalog has no download URL; copy the file into the corpus directory")
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / (source.file or f"{source.id}.pdf")
    partial = target.with_suffix(target.suffix + ".part")
    digest = hashlib.sha256()
    size = 0
    try:
        with httpx.stream("GET", source.url, timeout=timeout_s, follow_redirects=True) as response:
            response.raise_for_status()
            with partial.open("wb") as handle:
                for block in response.iter_bytes():
                    size += len(block)
                    if size > max_bytes:
                        raise CorpusError(f"{source.id}: download exceeds {max_bytes // 1_000_000} MB; stopped")
                    digest.update(block)
                    handle.write(block)
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise CorpusError(f"{source.id}: download from {source.url} failed: {exc}") from exc
    except CorpusError:
        partial.unlink(missing_ok=True)
        raise
    sha = digest.hexdigest()
    if source.sha256 and sha != source.sha256:
        rejected = target.with_suffix(".rejected.pdf")
        partial.replace(rejected)
        raise CorpusError(
            f"{source.id}: the file at {source.url} has sha256 {sha[:12]}..., the catalog expects "
            f"{source.sha256[:12]}...; not indexed (kept for inspection at {rejected})"
        )
    partial.replace(target)
    log.info("Downloaded %s (%d bytes, sha256 %s)", source.id, size, sha[:12])
    return target
