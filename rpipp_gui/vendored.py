"""Model files that ship with the project in the top-level ``models/`` folder.

Each file is listed in ``models/MANIFEST.json`` with the registry package and version it was
extracted from, its SHA-256 and its licence; ``vendored_path(name)`` returns the file only after
its SHA-256 matches, so a truncated or swapped file is refused before any model is built from it.
``RPIPP_MODELS_DIR`` points the app at another folder with the same layout.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from rpipp_gui.errors import ModelError

_CHUNK = 1 << 20
_checked: dict[tuple[str, float, int], str] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class VendoredModel:
    """One manifest entry: ``file`` (relative to the models folder), where it came from, its
    SHA-256 (lower-case hex) and its licence (SPDX id)."""

    name: str
    file: str
    package: str
    version: str
    sha256: str
    licence: str


def models_dir() -> Path:
    """The folder holding the vendored model files and MANIFEST.json."""
    env = os.environ.get("RPIPP_MODELS_DIR")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "models"


def manifest(folder: Path | None = None) -> dict[str, VendoredModel]:
    """The manifest's entries by name; ModelError when it is missing or malformed."""
    path = (folder or models_dir()) / "MANIFEST.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        entries = {
            name: VendoredModel(
                name=name, **{k: str(entry[k]) for k in ("file", "package", "version", "sha256", "licence")}
            )
            for name, entry in doc["models"].items()
        }
    except FileNotFoundError as e:
        raise ModelError(f"the model manifest {path} is missing; reinstall RPIPP") from e
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ModelError(f"the model manifest {path} is malformed: {e}") from e
    return entries


def sha256_file(path: Path) -> str:
    """Lower-case hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def vendored_path(name: str, folder: Path | None = None) -> Path:
    """The path of the vendored model ``name`` after checking its SHA-256 against the manifest.

    The hash is computed once per process for an unchanged file (same size and modification time).
    Raises ModelError naming the file when it is unknown, missing or does not match.
    """
    folder = folder or models_dir()
    entries = manifest(folder)
    if name not in entries:
        raise ModelError(f"no vendored model named {name!r}; known: {', '.join(sorted(entries))}")
    entry = entries[name]
    path = (folder / entry.file).resolve()
    try:
        stat = path.stat()
    except OSError as e:
        raise ModelError(
            f"the model file {path} is missing ({entry.package}@{entry.version}); reinstall RPIPP"
        ) from e
    key = (str(path), stat.st_mtime, stat.st_size)
    with _lock:
        digest = _checked.get(key)
        if digest is None:
            digest = sha256_file(path)
            _checked[key] = digest
    if digest != entry.sha256:
        raise ModelError(
            f"the model file {path} does not match its manifest (sha256 {digest[:12]}..., "
            f"expected {entry.sha256[:12]}...); reinstall RPIPP"
        )
    return path
