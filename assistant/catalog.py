"""The document list as data: corpus/catalog.toml plus the deployment's own additions."""
from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import asdict
from pathlib import Path

from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.language import STOPWORDS, keyword_tokens
from assistant.types import DocStatus, Source

_REQUIRED = ("id", "title", "short_name", "issuer", "date", "status", "available")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,80}$")


def load_catalog(settings: Settings) -> list[Source]:
    """All known documents: the shipped catalog, then documents this deployment added."""
    sources = read_catalog_file(settings.catalog_path)
    if settings.user_catalog_path.is_file():
        known = {s.id for s in sources}
        for source in read_catalog_file(settings.user_catalog_path):
            if source.id in known:
                raise CorpusError(
                    f"{settings.user_catalog_path}: document id {source.id!r} is already in the "
                    f"shipped catalog; remove it from the user catalog."
                )
            sources.append(source)
    return sources


def read_catalog_file(path: Path) -> list[Source]:
    """Parse one catalog TOML file into Sources, naming the file and row on any error."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"Catalog not found: {path}. Set ASSISTANT_CATALOG_PATH or restore corpus/catalog.toml.")
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"Catalog {path} is not valid TOML: {exc}")
    sources = []
    seen: set[str] = set()
    for n, row in enumerate(data.get("document", []), 1):
        missing = [key for key in _REQUIRED if key not in row]
        if missing:
            raise CorpusError(f"{path}: document #{n} lacks {', '.join(missing)}")
        if not _ID_PATTERN.match(row["id"]) or row["id"] in seen:
            raise CorpusError(f"{path}: document #{n} has a bad or repeated id {row['id']!r}")
        seen.add(row["id"])
        try:
            status = DocStatus(row["status"])
        except ValueError:
            allowed = ", ".join(s.value for s in DocStatus)
            raise CorpusError(f"{path}: {row['id']} has status {row['status']!r}; allowed: {allowed}")
        sources.append(
            Source(
                id=row["id"], title=row["title"], short_name=row["short_name"], issuer=row["issuer"],
                date=str(row["date"]), status=status, available=bool(row["available"]),
                url=row.get("url", ""), sha256=row.get("sha256", "").lower(), file=row.get("file", ""),
                extraction_mode=row.get("extraction", "plain"), aliases=tuple(row.get("aliases", ())),
                note=row.get("note", ""), version_of=row.get("version_of", ""),
            )
        )
    return sources


def catalog_hash(sources: list[Source]) -> str:
    """Fingerprint of what the index should contain; stored in the index stamp."""
    indexed = [asdict(s) for s in sources if s.available]
    blob = json.dumps(indexed, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def source_by_id(sources: list[Source], doc_id: str) -> Source:
    """The Source with this id, or a CorpusError listing the known ids."""
    for source in sources:
        if source.id == doc_id:
            return source
    known = ", ".join(s.id for s in sources)
    raise CorpusError(f"Unknown document {doc_id!r}. Known documents: {known}")


def mention_spans(text: str, source: Source) -> list[tuple[int, int]]:
    """Where the text names this source (id, short name or alias), as (start, end) offsets."""
    return [(m.start(), m.end()) for name in (source.id, source.short_name, *source.aliases)
            for m in re.finditer(_name_pattern(name), text.lower())]


def _name_pattern(name: str) -> str:
    """A document name as a whole phrase ("eto" in "ETO section 3", not in "ghetto")."""
    return r"(?<![a-z0-9])" + re.escape(name.lower()) + r"(?![a-z0-9])"


def mentioned_sources(text: str, sources: list[Source]) -> list[Source]:
    """Sources a question names by id, short name or alias, longest names first."""
    lowered = " " + re.sub(r"\s+", " ", text.lower()) + " "
    found: list[Source] = []
    names = sorted(
        ((name.lower(), s) for s in sources for name in (s.id, s.short_name, *s.aliases)),
        key=lambda pair: -len(pair[0]),
    )
    for name, source in names:
        if re.search(_name_pattern(name), lowered) and source not in found:
            found.append(source)
            lowered = lowered.replace(name, " ")
    return found


_INSTRUMENT_KINDS = frozenset({"act", "ordinance", "law", "code", "rules", "regulations", "bill"})
# Words that describe rather than name a law: "the relevant law", "Pakistani law", "criminal law".
_DESCRIPTIVE = frozenset(
    "pakistan pakistani federal provincial national relevant applicable new existing other current same main such "
    "said respective following previous earlier later proposed general special ordinary criminal civil cyber "
    "cybercrime country country's every each some many most amending amendment amendments".split())


def unknown_instrument(text: str, sources: list[Source]) -> str:
    """The name of a law, code or set of rules the text names that matches no catalog document, or ''.

    "Pakistan's consumer protection law" -> "consumer protection law"; "the cybercrime law" -> ''
    (PECA's alias); "the law" -> '' (no name at all).
    """
    known = {t for s in sources for name in (s.id, s.short_name, s.title, *s.aliases) for t in keyword_tokens(name)}
    for phrase in re.split(r"[^\w\s'’-]", text):  # a name never runs across punctuation
        words = phrase.split()
        for i, word in enumerate(words):
            # "law" in any case; "Act", "Code", "Rules"... only as a title ("the Authority act", "malicious code").
            if word.lower() not in _INSTRUMENT_KINDS or (word.lower() != "law" and not word[0].isupper()):
                continue
            name: list[str] = []
            for before in reversed(words[max(0, i - 4):i]):
                low = before.lower()
                if low.endswith(("'s", "’s")) or low in STOPWORDS or low in _DESCRIPTIVE or low.isdigit():
                    break
                name.insert(0, before)
            tokens = [t for w in name for t in keyword_tokens(w)]
            if tokens and any(t not in known for t in tokens):
                return " ".join([*name, word])
    return ""


def add_user_source(settings: Settings, source: Source) -> None:
    """Append a deployment-added document to the user catalog (TOML), atomically."""
    import tomli_w

    path = settings.user_catalog_path
    rows = []
    if path.is_file():
        rows = tomllib.loads(path.read_text(encoding="utf-8")).get("document", [])
        rows = [row for row in rows if row["id"] != source.id]
    row = {
        "id": source.id, "title": source.title, "short_name": source.short_name, "issuer": source.issuer,
        "date": source.date, "status": source.status.value, "url": source.url, "sha256": source.sha256,
        "file": source.file, "available": True, "extraction": source.extraction_mode,
        "aliases": list(source.aliases), "note": source.note,
    }
    rows.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps({"document": rows}), encoding="utf-8")
    tmp.replace(path)
