"""`python -m ingest`: build or update the index from the corpus directory.

Usage example:
    python -m ingest                 # index every available catalog document
    python -m ingest --only peca-2016-consolidated-2025 --json
    python -m ingest add my-rules.pdf --title "Data Rules 2026"
    python -m ingest remove data-rules-2026
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from pathlib import Path

from assistant.catalog import add_user_source, clean_title, id_problem, load_catalog, make_document_id, remove_user_source
from assistant.config import Settings
from assistant.embed import E5Embedder, MiniLMEmbedder
from assistant.errors import AssistantError, CorpusError
from assistant.types import DocStatus, Source
from ingest.deadline import Overtime, time_limit
from ingest.download import download_source
from ingest.index import Embedders, resolve_path, run
from ingest.load import load_document, read_limits
from ingest.report import IngestReport

log = logging.getLogger("ingest")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Index the policy corpus (PDFs named in corpus/catalog.toml) into the local Chroma index. "
        "A re-run over an unchanged corpus does nothing; exit code 1 if any document or page was skipped.",
    )
    parser.add_argument("--rebuild", action="store_true", help="re-embed everything, ignoring the existing index")
    parser.add_argument("--only", action="append", default=[], metavar="ID", help="(re)index only this document id; repeatable")
    parser.add_argument("--download", action="store_true", help="fetch missing documents from their official URLs (sha256 checked)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    parser.add_argument("--corpus-dir", type=Path, help="folder with the PDFs (env ASSISTANT_CORPUS_DIR)")
    parser.add_argument("--data-dir", type=Path, help="folder for the index and logs (env ASSISTANT_DATA_DIR)")
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")
    sub = parser.add_subparsers(dest="command")
    add = sub.add_parser("add", help="add your own PDF to this deployment's catalog and index it")
    add.add_argument("file", type=Path, help="the PDF to add")
    add.add_argument("--title", required=True, help="full title of the document")
    add.add_argument("--id", help="document id (default: from the file name)")
    add.add_argument("--short-name", help="short name shown in citations (default: the title)")
    add.add_argument("--issuer", default="(user-added)", help="issuing body")
    add.add_argument("--date", default="", help="date or year of the document")
    add.add_argument("--status", default=DocStatus.USER.value, choices=[s.value for s in DocStatus])
    add.add_argument("--layout", action="store_true", help="use pypdf layout extraction (for PDFs whose words come out split)")
    remove = sub.add_parser("remove", help="take a document you added out of the catalog and the index")
    remove.add_argument("doc_id", metavar="ID", help="its document id, or '#N' for the N-th row of data/user_catalog.toml")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 something skipped or failed, 2 usage)."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        settings = Settings.from_env(corpus_dir=args.corpus_dir, data_dir=args.data_dir,
                                     progress=False if args.no_progress else None)
        embedders = Embedders(MiniLMEmbedder(settings.embed_batch_size),
                              E5Embedder() if settings.multilingual else None)
        only = list(args.only)
        if args.command == "add":
            report = _add_and_index(args, settings, embedders)
        else:
            if args.command == "remove":
                _remove_document(args.doc_id, settings)
            elif args.download:
                _download_missing(settings)
            report = run(settings, embedders, only=only, rebuild=args.rebuild)
    except (AssistantError, ValueError) as exc:
        if os.environ.get("ASSISTANT_DEBUG"):
            raise
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: the previous index is unchanged.", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        print(format_report(report))
    return 0 if report.ok else 1


def _download_missing(settings: Settings) -> None:
    for source in load_catalog(settings):
        if source.available and not resolve_path(source, settings).is_file():
            path = download_source(source, settings.downloads_dir)
            log.info("Fetched %s -> %s", source.id, path)


def _add_document(args, settings: Settings) -> str:
    """Check everything about the new row and the file, then copy the file and write the row."""
    path: Path = args.file
    doc_id = args.id if args.id is not None else make_document_id(path.name)
    problem = id_problem(doc_id)
    if problem:
        raise CorpusError(f"{problem}. Nothing was added.")
    try:
        title = clean_title(args.title)
        short_name, issuer = clean_title(args.short_name or title, "short name"), clean_title(args.issuer, "issuer")
    except ValueError as exc:
        raise CorpusError(f"{exc} Nothing was added.") from exc
    source = Source(
        id=doc_id, title=title, short_name=short_name, issuer=issuer, date=args.date, status=DocStatus(args.status),
        available=True, file=f"{doc_id}.pdf", extraction_mode="layout" if args.layout else "plain",
    )
    if doc_id in _shipped_ids(settings):
        raise CorpusError(f"{doc_id!r} is a document of the shipped catalog; choose another --id")
    loaded = load_document(source, path, read_limits(settings))
    if loaded.error:
        raise CorpusError(f"{path}: {loaded.error}. Nothing was added.")
    same = [s.id for s in load_catalog(settings) if s.available and s.sha256 == loaded.sha256 and s.id != doc_id]
    if same:
        raise CorpusError(f"{path} is the same file as {same[0]!r}, already in the catalog. Nothing was added.")
    settings.user_docs_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, settings.user_docs_dir / source.file)
    add_user_source(settings, Source(**{**source.__dict__, "sha256": loaded.sha256}))
    return doc_id


def _add_and_index(args, settings: Settings, embedders: Embedders) -> IngestReport:
    """Add the row, then index it within the time limit; on any failure the row and the copied file go again.

    Reading is bounded inside load_document; this bounds the whole job (embedding a huge text too).
    """
    doc_id = _add_document(args, settings)
    try:
        with time_limit(settings.max_pdf_seconds):
            report = run(settings, embedders, only=[doc_id])
    except Overtime:
        _remove_document(doc_id, settings)
        raise CorpusError(f"{args.file}: indexing took over {settings.max_pdf_seconds:.0f} s, the limit for one file "
                          f"(ASSISTANT_MAX_PDF_SECONDS); it was stopped. Nothing was added.")
    except BaseException:
        _remove_document(doc_id, settings)
        raise
    skipped = [d for d in report.documents if d.doc_id == doc_id and d.status != "indexed"]
    if skipped:
        _remove_document(doc_id, settings)
        raise CorpusError(f"{args.file}: {skipped[0].reason or skipped[0].status}. Nothing was added.")
    return report


def _remove_document(key: str, settings: Settings) -> None:
    """Drop the row and its stored file; the run that follows rebuilds the index without it."""
    removed = remove_user_source(settings, key)
    file_name = str(removed.get("file", ""))
    if file_name and Path(file_name).name == file_name:
        (settings.user_docs_dir / file_name).unlink(missing_ok=True)
    log.info("Removed %s from %s", removed.get("id", key), settings.user_catalog_path)


def _shipped_ids(settings: Settings) -> set[str]:
    from assistant.catalog import read_catalog_file

    return {s.id for s in read_catalog_file(settings.catalog_path)}


def format_report(report: IngestReport) -> str:
    """The summary table printed after a run."""
    head = f"{'document':44} {'status':14} {'pages':>5} {'chunks':>6} {'sections':>8} {'embedded':>8} {'secs':>6}"
    rows = [head, "-" * len(head)]
    for d in report.documents:
        rows.append(f"{d.doc_id[:44]:44} {d.status:14} {d.pages:>5} {d.chunks:>6} {d.sections:>8} {d.embedded:>8} {d.seconds:>6.1f}")
        if d.reason:
            rows.append(f"    ! {d.reason}")
        for problem in d.skipped_pages:
            rows.append(f"    ! page {problem.page}: {problem.reason}")
    t = report.totals
    rows.append("-" * len(head))
    rows.append(f"{'total':44} {'':14} {t['pages']:>5} {t['chunks']:>6} {t['sections']:>8} {t['embedded']:>8} {report.seconds:>6.1f}")
    if report.noop:
        rows.append("Index is up to date: nothing to do.")
    rows.append(f"Index: {report.index_location} (build {report.generation}); "
                f"load {report.load_seconds:.1f}s, embedding {report.embed_seconds:.1f}s; "
                f"{report.sentences} passage sentences stored for answering ({report.sentences_embedded} embedded now)")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
