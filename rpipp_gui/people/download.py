"""Checked downloads of model files into the user's cache (for backends whose weights do not ship in
a package). The file is written to a temporary name, its SHA-256 compared, then moved into place
atomically, so a half-written or tampered file never sits under the final name."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from rpipp_gui.errors import ModelError

_CHUNK = 1 << 20


def model_cache_dir() -> Path:
    """The per-user cache folder for downloaded models (platformdirs), e.g. ~/.cache/rpipp/models."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("rpipp", appauthor=False)) / "models"


def sha256_of(path: Path) -> str:
    """Lower-case hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_checked(
    url: str, sha256: str, dest_dir: Path | str | None = None, *, timeout: float = 60.0
) -> Path:
    """Download ``url`` into ``dest_dir`` (default: ``model_cache_dir()``) and return its path.

    A file already there with the right SHA-256 is reused without a download. The name is the last
    part of the URL's path. Raises ModelError when the download fails or its SHA-256 differs from
    ``sha256`` (64 hex digits); nothing is left under the final name in either case.
    """
    import urllib.parse  # here, not at import: urllib.request and http.client cost ~0.1 s of a
    import urllib.request  # cold start, and the face model's cache folder is all most callers need

    expected = sha256.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", expected):
        raise ValueError(f"sha256 must be 64 hex digits, got {sha256!r}")
    name = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).name
    if not name or name in (".", ".."):
        raise ValueError(f"cannot name a file after the URL {url!r}")
    dest = Path(dest_dir) if dest_dir is not None else model_cache_dir()
    target = dest / name
    if target.is_file() and sha256_of(target) == expected:
        return target
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ModelError(f"cannot create the model folder {dest}: {e}") from e
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=dest)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            for chunk in iter(lambda: response.read(_CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        actual = digest.hexdigest()
        if actual != expected:
            raise ModelError(
                f"download of {url} is corrupt or changed: SHA-256 {actual}, expected {expected}"
            )
        os.replace(tmp, target)
    except ModelError:
        raise
    except (OSError, ValueError) as e:  # URLError is an OSError
        raise ModelError(f"cannot download {url}: {e}") from e
    finally:
        tmp.unlink(missing_ok=True)
    return target
