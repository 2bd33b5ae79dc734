"""Finding and reading documents safely: inside the import root, regular files, UTF-8 text, size-capped."""

import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CURATION_NAME = "curation.toml"
SKIPPED_SUFFIXES = {".toml", ".json", ".yaml", ".yml"}
BINARY_SIGNATURES = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


class DocumentError(Exception):
    """A problem with one input, worded as one line that names the file."""


@dataclass(frozen=True)
class Document:
    path: Path
    name: str  # the file name: the document's identity across imports
    raw_text: str


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def collect_paths(arguments: list[Path], root: Path) -> tuple[list[Path], list[Path], list[str]]:
    """Files to import, curation files found, and problems (missing paths, paths outside the root)."""
    root = root.resolve()
    files: list[Path] = []
    curations: list[Path] = []
    problems: list[str] = []
    for argument in arguments:
        shown = str(argument)
        if not os.path.lexists(argument):
            problems.append(f"{shown}: no such file or folder")
            continue
        resolved = Path(argument).resolve()
        if not _inside(resolved, root):
            problems.append(f"{shown}: resolves to {resolved}, outside the import root {root}")
            continue
        if resolved.is_dir():
            for child in sorted(resolved.iterdir()):
                if child.name.startswith("."):
                    continue
                child_resolved = child.resolve()
                if not _inside(child_resolved, resolved):
                    problems.append(f"{child}: resolves to {child_resolved}, outside the folder {resolved}")
                    continue
                if child.name == CURATION_NAME:
                    curations.append(child_resolved)
                elif child.suffix.lower() not in SKIPPED_SUFFIXES and not child_resolved.is_dir():
                    files.append(child_resolved)
        elif resolved.name == CURATION_NAME:
            curations.append(resolved)
        else:
            files.append(resolved)
    return files, curations, problems


def read_document(path: Path, *, max_bytes: int) -> Document:
    """Read one document or raise DocumentError with a one-line reason naming the file."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise DocumentError(f"{path}: cannot be read ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{path}: not a regular file")
    if info.st_size > max_bytes:
        raise DocumentError(f"{path}: {info.st_size:,} bytes is over the {max_bytes:,}-byte limit")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise DocumentError(f"{path}: cannot be read ({error.strerror})") from None
    return Document(path=path, name=path.name, raw_text=decode(data, path))


def decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{path}: UTF-16 text; save it as UTF-8")
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data:
        raise DocumentError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{path}: not valid UTF-8 (byte {error.start})") from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(8, len(text) // 200):
        raise DocumentError(f"{path}: binary file, not text ({controls} control characters)")
    # Received text is stored as decoded: LF line endings and NFC, so a copy differing only there is one document.
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise DocumentError(f"{path}: empty file")
    return text
