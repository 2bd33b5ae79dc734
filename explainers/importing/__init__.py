"""The pipeline that turns document files (and the curation file) into cited records."""

from explainers.importing.pipeline import ImportFailed, ImportResult, import_documents, import_texts

__all__ = ["ImportFailed", "ImportResult", "import_documents", "import_texts"]
