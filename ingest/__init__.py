"""Ingestion: corpus PDFs -> clause-aware chunks -> embedded Chroma index."""
from ingest.index import Embedders, run
from ingest.report import DocumentReport, IngestReport

__all__ = ["Embedders", "run", "IngestReport", "DocumentReport"]
