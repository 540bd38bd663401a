"""The document list as data: corpus/catalog.toml plus the deployment's own additions."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shlex
import tempfile
import tomllib
from dataclasses import asdict, replace
from pathlib import Path
from typing import Sequence

from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.language import STOPWORDS, keyword_tokens
from assistant.types import STATUTES as STATUTE_STATUSES, DocStatus, Source

log = logging.getLogger(__name__)

_REQUIRED = ("id", "title", "short_name", "issuer", "date", "status", "available")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,80}$")
# Room for a prefix ("user-") and a "-" + 8-character hash inside the 81 characters _ID_PATTERN allows.
_ID_STEM_CHARS = 60
MAX_TITLE_CHARS = 300
REMOVE_HINT = "python -m ingest remove"


# How a user adds a document to the index; said wherever a question needs one that is not there.
ADD_DOCUMENT_TEXT = ("To add a document: put the PDF in the corpus folder and run `python -m ingest add FILE.pdf "
                     "--title \"...\"` (or, for a catalog document with a URL, `python -m ingest --download`).")


def make_document_id(file_name: str, prefix: str = "") -> str:
    """The catalog id for a file: lower-case ASCII words of its name, always valid (see id_problem).

    "Data Rules (2026).pdf" -> "data-rules-2026"; a name with no ASCII letters or digits ("قانون.pdf")
    or one too long to keep gets a short hash of the full name, so different names stay different ids.
    """
    stem = Path(file_name.replace("\\", "/")).name
    stem = stem[:-4] if stem.lower().endswith(".pdf") else stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    digest = hashlib.sha256(file_name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not slug:
        slug = f"document-{digest}"
    elif len(slug) > _ID_STEM_CHARS:
        slug = f"{slug[:_ID_STEM_CHARS].rstrip('-')}-{digest}"
    doc_id = f"{prefix}{slug}"
    assert not id_problem(doc_id), doc_id
    return doc_id


def id_problem(doc_id: str) -> str:
    """Why this cannot be a document id ('' when it can); the one rule every writer and reader applies."""
    if not isinstance(doc_id, str) or not _ID_PATTERN.match(doc_id):
        shown = doc_id if len(str(doc_id)) <= 40 else f"{str(doc_id)[:40]}…"
        return (f"{shown!r} is not a valid document id: use 2-81 characters, lower-case letters, digits, "
                f"'.', '_' or '-', starting with a letter or digit")
    return ""


def clean_title(title: str, what: str = "title") -> str:
    """A title or short name as stored: one line, no control characters; ValueError when unusable."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in title).split())
    if not text:
        raise ValueError(f"The {what} is empty; give the document a {what}.")
    if len(text) > MAX_TITLE_CHARS:
        raise ValueError(f"The {what} is {len(text)} characters long; the limit is {MAX_TITLE_CHARS}.")
    return text


def load_catalog(settings: Settings) -> list[Source]:
    """All known documents: the shipped catalog, then the usable documents this deployment added.

    A broken user catalog never stops the official documents from being served: its bad rows are
    left out and named by user_catalog_problems().
    """
    sources = read_catalog_file(settings.catalog_path)
    user_sources, problems = read_user_catalog(settings, {s.id for s in sources})
    for problem in problems:
        log.warning("%s", problem)
    return sources + user_sources


def user_catalog_problems(settings: Settings) -> list[str]:
    """What is wrong with this deployment's own catalog, each with the command that fixes it."""
    return read_user_catalog(settings, {s.id for s in read_catalog_file(settings.catalog_path)})[1]


def read_user_catalog(settings: Settings, shipped_ids: set[str]) -> tuple[list[Source], list[str]]:
    """The usable rows of the user catalog, and one line per row (or file) that cannot be used."""
    path = settings.user_catalog_path
    if not path.is_file():
        return [], []
    try:
        rows = _catalog_rows(path)
    except CorpusError as exc:
        return [], [f"{exc} The documents you added are not served until it is fixed or removed (its "
                    f"official documents are unaffected): move {path} aside and add the documents again."]
    sources: list[Source] = []
    problems: list[str] = []
    for n, row in enumerate(rows, 1):
        try:
            source = _source_from_row(path, n, row)
        except CorpusError as exc:
            problems.append(f"{exc}. Remove it with: {REMOVE_HINT} {_removal_key(n, row)}")
            continue
        if source.id in shipped_ids or source.id in {s.id for s in sources}:
            problems.append(f"{path}: document #{n} repeats the id {source.id!r} of another document. "
                            f"Remove it with: {REMOVE_HINT} {_removal_key(n, row)}")
            continue
        # A document a deployment added speaks for no law: its rows may not name subjects that a decline would
        # repeat as what a known document deals with.
        sources.append(replace(source, subjects=()))
    return sources, problems


def _removal_key(n: int, row: dict) -> str:
    raw = row.get("id") if isinstance(row, dict) else None
    return shlex.quote(raw) if isinstance(raw, str) and raw and raw.isprintable() and len(raw) < 500 else f"'#{n}'"


def read_catalog_file(path: Path) -> list[Source]:
    """Parse one catalog TOML file into Sources, naming the file and row on any error."""
    sources: list[Source] = []
    seen: set[str] = set()
    for n, row in enumerate(_catalog_rows(path), 1):
        source = _source_from_row(path, n, row)
        if source.id in seen:
            raise CorpusError(f"{path}: document #{n} has a bad or repeated id {source.id!r}")
        seen.add(source.id)
        sources.append(source)
    return sources


def _catalog_rows(path: Path) -> list:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"Catalog not found: {path}. Set ASSISTANT_CATALOG_PATH or restore corpus/catalog.toml.")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"Catalog {path} is not valid TOML: {exc}")
    rows = data.get("document", [])
    if not isinstance(rows, list):
        raise CorpusError(f"Catalog {path} is not valid: 'document' must be a list of [[document]] tables")
    return rows


def _source_from_row(path: Path, n: int, row) -> Source:
    if not isinstance(row, dict):
        raise CorpusError(f"{path}: document #{n} is not a table")
    missing = [key for key in _REQUIRED if key not in row]
    if missing:
        raise CorpusError(f"{path}: document #{n} lacks {', '.join(missing)}")
    if id_problem(row["id"]):
        raise CorpusError(f"{path}: document #{n} has a bad or repeated id {row['id']!r}")
    try:
        status = DocStatus(row["status"])
    except ValueError:
        allowed = ", ".join(s.value for s in DocStatus)
        raise CorpusError(f"{path}: {row['id']} has status {row['status']!r}; allowed: {allowed}")
    try:
        return Source(
            id=row["id"], title=str(row["title"]), short_name=str(row["short_name"]), issuer=str(row["issuer"]),
            date=str(row["date"]), status=status, available=bool(row["available"]),
            url=str(row.get("url", "")), sha256=str(row.get("sha256", "")).lower(), file=str(row.get("file", "")),
            extraction_mode=str(row.get("extraction", "plain")), aliases=tuple(str(a) for a in row.get("aliases", ())),
            note=str(row.get("note", "")), version_of=str(row.get("version_of", "")),
            subjects=tuple(str(s) for s in row.get("subjects", ())),
        )
    except TypeError as exc:
        raise CorpusError(f"{path}: document #{n} ({row['id']}) has a field of the wrong type ({exc})")


def catalog_hash(sources: list[Source]) -> str:
    """Fingerprint of what the index should contain; stored in the index stamp."""
    # A document's subjects are read at answer time only; they do not change what is indexed.
    indexed = [{k: v for k, v in asdict(s).items() if k != "subjects"} for s in sources if s.available]
    blob = json.dumps(indexed, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def source_by_id(sources: list[Source], doc_id: str) -> Source:
    """The Source with this id, or a CorpusError listing the known ids."""
    for source in sources:
        if source.id == doc_id:
            return source
    known = ", ".join(s.id for s in sources)
    raise CorpusError(f"Unknown document {doc_id!r}. Known documents: {known}")


def law_names(text: str, sources: Sequence[Source]) -> list[str]:
    """The names the text gives catalog documents ("PECA", "the ETO"), as it writes them."""
    return [text[start:end] for source in sources for start, end in mention_spans(text, source)]


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


# Words that state a document is final. Urdu: حتمی (final), منظور شدہ (approved); Roman Urdu uses "final".
FINALITY = re.compile(r"\b(final|finali[sz]ed|approved|adopted|enacted|in force|official policy)\b|حتمی|منظور", re.I)
# "draft" in English and Roman Urdu, مسودہ in Urdu: the user means the draft whatever else the question says.
_DRAFT_WORD = re.compile(r"\bdraft\b|مسودہ", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def shares_a_name(source: Source, other: Source) -> bool:
    """Whether `other`'s title or aliases contain one of `source`'s aliases: two versions of one document (the
    final AI policy and the draft)."""
    names = " ".join((other.title, *other.aliases)).lower()
    return any(alias in names for alias in source.aliases if len(alias) >= 4)


def version_meant(found: Sequence[Source], text: str, sources: Sequence[Source]) -> list[Source]:
    """`found`, with each draft replaced by another version of it that the text describes by its status and its
    year: "the national AI policy that the federal cabinet approved in July 2025" is the approved 2025 policy, which
    "national AI policy" names no less than the 2023 draft. A text that says "draft", names the other version
    itself, or gives no year of that version keeps the draft."""
    if not FINALITY.search(text) or _DRAFT_WORD.search(text):
        return list(found)
    years = set(_YEAR.findall(text))
    meant = []
    for source in found:
        final = next((other for other in sources
                      if source.is_draft and not other.is_draft and other not in found and other.date[:4] in years
                      and source.date[:4] not in years and shares_a_name(source, other)), None)
        meant.append(final or source)
    return list(dict.fromkeys(meant))


def sources_named(ids: Sequence[str], sources: Sequence[Source]) -> list[Source]:
    """The catalog rows of `ids`, in that order (ids a Query found with mentioned_sources)."""
    by_id = {s.id: s for s in sources}
    return [by_id[i] for i in ids if i in by_id]


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
                if low.endswith(("'s", "’s")):
                    # Whose law it is: "India's IT Act" is India's; "Pakistan's" describes, "PECA's" is known.
                    owner = keyword_tokens(before[:-2])
                    if before[:1].isupper() and owner and not set(owner) & (known | _DESCRIPTIVE):
                        name.insert(0, before)
                    break
                # An abbreviation in capitals is a name even where its letters spell a common word ("IT Act").
                acronym = before.isupper() and len(before) >= 2
                if (low in STOPWORDS and not acronym) or low in _DESCRIPTIVE or low.isdigit():
                    break
                if low in _INSTRUMENT_KINDS:
                    # "When did that Act become law?": a clause about an instrument named before, not a name.
                    name = []
                    break
                name.insert(0, before)
            tokens = [t for w in name for t in (keyword_tokens(w) or [w.lower()])]
            if tokens and any(t not in known for t in tokens):
                return " ".join([*name, word])
    return ""


def add_user_source(settings: Settings, source: Source) -> None:
    """Add (or replace) a deployment-added document in the user catalog, checked first, written atomically."""
    problem = id_problem(source.id)
    if problem:
        raise CorpusError(problem)
    if source.file and (Path(source.file).name != source.file or source.file in (".", "..")):
        raise CorpusError(f"{source.file!r} is not a plain file name")
    row = {
        "id": source.id, "title": clean_title(source.title), "short_name": clean_title(source.short_name, "short name"),
        "issuer": clean_title(source.issuer, "issuer"), "date": " ".join(source.date.split())[:40],
        "status": source.status.value, "url": source.url, "sha256": source.sha256, "file": source.file,
        "available": True, "extraction": source.extraction_mode, "aliases": list(source.aliases),
        "note": source.note,
    }
    rows = [r for r in _rows_to_keep(settings.user_catalog_path) if r.get("id") != source.id]
    _write_rows(settings.user_catalog_path, [*rows, row])


def remove_user_source(settings: Settings, key: str) -> dict:
    """Take one row out of the user catalog, by id or by row number ('#3'); returns the removed row.

    Works on raw rows, so a row whose id the loader rejects can still be removed.
    """
    path = settings.user_catalog_path
    rows = _rows_to_keep(path)
    if key.startswith("#") and key[1:].isdigit():
        index = int(key[1:]) - 1
        matches = [index] if 0 <= index < len(rows) else []
    else:
        matches = [i for i, row in enumerate(rows) if isinstance(row, dict) and row.get("id") == key]
    if not matches:
        ids = ", ".join(str(r.get("id")) for r in rows if isinstance(r, dict)) or "none"
        raise CorpusError(f"No document {key!r} in {path}. Documents you added: {ids}")
    removed = rows.pop(matches[0])
    _write_rows(path, rows)
    return removed if isinstance(removed, dict) else {}


def _rows_to_keep(path: Path) -> list:
    if not path.is_file():
        return []
    try:
        return _catalog_rows(path)
    except CorpusError as exc:
        raise CorpusError(f"{exc}. Nothing was changed; move {path} aside to start a new user catalog.")


def _write_rows(path: Path, rows: list) -> None:
    """Write to a temporary file beside the catalog, then rename: a crash leaves the old file or the new one."""
    import tomli_w

    path.parent.mkdir(parents=True, exist_ok=True)
    text = tomli_w.dumps({"document": rows})
    handle, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def statute_family(ids: Sequence[str], sources: Sequence[Source]) -> set[str]:
    """`ids`, with the statutes of the same title among the catalog's: an Act amending another carries its title
    with "(Amendment)" ("Prevention of Electronic Crimes (Amendment) Act, 2025" amends "The Prevention of
    Electronic Crimes Act, 2016"), and a conversation about the one speaks of the other's text too."""
    stems = {_title_stem(s.title) for s in sources_named(ids, sources) if s.status in STATUTE_STATUSES}
    return set(ids) | {s.id for s in sources if s.status in STATUTE_STATUSES and _title_stem(s.title) in stems}


def _title_stem(title: str) -> str:
    """A statute's title up to its kind, without "(Amendment)" ("prevention of electronic crimes")."""
    title = " ".join(title.replace("(Amendment)", " ").split())
    stem = re.split(r"\s+(?:Act|Ordinance)\b", title, maxsplit=1)[0].strip().lower()
    return re.sub(r"^the\s+", "", stem)
